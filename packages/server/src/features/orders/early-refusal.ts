import { dropPhase, type CreateOrder } from '@bottega/domain';
import { findDrop } from '../drops/drop-queries';
import { toWindow } from '../drops/public-drop';
import { consumerAvailable } from '../stock/ledger';
import { problem } from '../../errors';
import type { Deps } from '../../platform/deps';

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
  const [drop, known, items, expired] = await Promise.all([
    findDrop(db, dropId),
    db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('scope', '=', `order:${dropId}`)
      .where('key', '=', idempotencyKey)
      .executeTakeFirst(),
    db
      .selectFrom('drop_items')
      .select([
        'variant_id',
        'cap',
        'contingency',
        'claimed',
        'wholesale_claimed',
      ])
      .where('drop_id', '=', dropId)
      .execute(),
    db
      .selectFrom('holds')
      .select('id')
      .where('status', '=', 'active')
      .where('expires_at', '<=', now)
      .where('drop_id', '=', dropId)
      .limit(1)
      .executeTakeFirst(),
  ]);
  if (known || expired || !drop || drop.status === 'draft') return;
  if (dropPhase(drop.status, toWindow(drop), now) !== 'open') return;

  const byVariant = new Map(items.map((item) => [item.variant_id, item]));
  for (const line of input.items) {
    const item = byVariant.get(line.variantId);
    if (!item) return;
    const available = consumerAvailable(item);
    if (available < line.quantity) {
      throw problem(
        'sold-out',
        `Only ${available} left of what you asked ${line.quantity} of`,
        { variantId: line.variantId, available },
      );
    }
  }
}
