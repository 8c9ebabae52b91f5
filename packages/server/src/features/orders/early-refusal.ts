import { dropPhase, type CreateOrder } from '@bottega/domain';
import { consumerAvailable } from '../stock/ledger';
import { problem } from '../../errors';
import type { Deps } from '../../platform/deps';
import { preparedQuery } from '../../db/prepared';

const dropCounters = preparedQuery((db, dropId: string) =>
  db
    .selectFrom('drop_items as di')
    .innerJoin('drops as d', 'd.id', 'di.drop_id')
    .select([
      'd.status',
      'd.opens_at',
      'd.closes_at',
      'di.variant_id',
      'di.cap',
      'di.contingency',
      'di.claimed',
      'di.wholesale_claimed',
    ])
    .where('di.drop_id', '=', dropId),
);

const replayOrExpiredHold = preparedQuery(
  (db, scope: string, key: string, now: number, dropId: string) =>
    db.selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom('idempotency_keys')
            .select('key')
            .where('scope', '=', scope)
            .where('key', '=', key),
        )
        .as('known'),
      eb
        .exists(
          eb
            .selectFrom('holds')
            .select('id')
            .where('status', '=', 'active')
            .where('expires_at', '<=', now)
            .where('drop_id', '=', dropId),
        )
        .as('expired'),
    ]),
);

/**
 * At a drop's opening most buyers arrive after the last unit is gone.
 * Their refusal needs no write transaction: when the drop is open, the
 * committed counters already show too few units for a line, no hold is
 * given, no expired hold waits to be released and the key is new, the
 * order would be refused inside the transaction too, so it is refused
 * here from a read.
 * Anything else goes on to the transaction, which decides for real.
 */
export async function refuseEarlyWhenSoldOut(
  deps: Deps,
  dropId: string,
  input: CreateOrder,
  idempotencyKey: string,
): Promise<void> {
  if (input.holdId) return;
  const db = deps.db.reader;
  const now = deps.clock.now();

  // First the drop and its counters, in one query: most orders stop here.
  const items = await dropCounters(db, dropId);
  const drop = items[0];
  if (!drop || drop.status === 'draft') return;
  const window = { opensAt: drop.opens_at, closesAt: drop.closes_at };
  if (dropPhase(drop.status, window, now) !== 'open') return;

  const byVariant = new Map(items.map((item) => [item.variant_id, item]));
  let short: { variantId: string; available: number; asked: number } | null =
    null;
  for (const line of input.items) {
    const item = byVariant.get(line.variantId);
    if (!item) return;
    const available = consumerAvailable(item);
    if (available < line.quantity) {
      short = { variantId: line.variantId, available, asked: line.quantity };
      break;
    }
  }
  if (!short) return;

  // Then, in one more query, what would make the transaction decide
  // otherwise: a replay of this key, or an expired hold to release.
  const [found] = await replayOrExpiredHold(
    db,
    `order:${dropId}`,
    idempotencyKey,
    now,
    dropId,
  );
  const { known, expired } = found ?? { known: 1, expired: 1 };
  if (Boolean(known) || Boolean(expired)) return;

  throw problem(
    'sold-out',
    `Only ${short.available} left of what you asked ${short.asked} of`,
    { variantId: short.variantId, available: short.available },
  );
}
