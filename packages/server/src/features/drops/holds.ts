import { dropPhase, type CreateHold } from '@bottega/domain';
import { problem } from '../../errors';
import { inTransaction, type Deps, type Tx } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { ChangeSet, publishAvailability } from '../events/drop-events';
import {
  claimDropItem,
  consumerAvailable,
  releaseDropItem,
} from '../stock/ledger';
import { lockDrop, type DropRow } from './drop-queries';
import { toWindow } from './public-drop';

/** A cart hold as the storefront sees it. */
export interface HoldView {
  holdId: string;
  expiresAt: string;
}

/**
 * Keeps units for a cart for a few minutes: one claim per line on the
 * drop's consumer stock, all in one transaction, or nothing at all.
 */
export async function createHold(
  deps: Deps,
  dropId: string,
  input: CreateHold,
): Promise<HoldView> {
  return inTransaction(deps, async (tx) => {
    const drop = await requireOpenDrop(tx, dropId);
    const itemIds = await dropItemIds(tx, dropId);
    const holdId = newId();
    const expiresAt = tx.now + deps.settings.holdMinutes * 60_000;

    await tx.db
      .insertInto('holds')
      .values({
        id: holdId,
        drop_id: dropId,
        shop_id: drop.shop_id,
        status: 'active',
        created_at: tx.now,
        expires_at: expiresAt,
      })
      .execute();

    const changes = new ChangeSet();
    for (const { line, itemId } of inItemOrder(itemIds, input.items)) {
      const change = await claimWithExpiry(tx, drop, itemId, line.quantity, {
        reason: 'hold',
        holdId,
      });
      changes.item(change);
      await tx.db
        .insertInto('hold_lines')
        .values({
          hold_id: holdId,
          variant_id: line.variantId,
          quantity: line.quantity,
        })
        .execute();
    }

    await publishAvailability(tx, dropId, changes);
    return { holdId, expiresAt: new Date(expiresAt).toISOString() };
  });
}

/**
 * Claims consumer units of a drop item; when too few are left, first
 * releases the drop's expired holds (the sweeper may not have run yet)
 * and tries once more. Throws `sold-out` when still too few.
 */
export async function claimWithExpiry(
  tx: Tx,
  drop: DropRow,
  dropItemId: string,
  quantity: number,
  why: { reason: 'hold' | 'order'; holdId?: string; orderId?: string },
) {
  const context = { shopId: drop.shop_id, at: tx.now, ...why };
  const first = await claimDropItem(
    tx.db,
    dropItemId,
    quantity,
    'consumer',
    context,
  );
  if (first) return first;

  const released = await releaseExpiredHolds(tx, drop.id);
  if (released > 0) {
    const second = await claimDropItem(
      tx.db,
      dropItemId,
      quantity,
      'consumer',
      context,
    );
    if (second) return second;
  }

  const item = await tx.db
    .selectFrom('drop_items')
    .select([
      'variant_id',
      'cap',
      'contingency',
      'claimed',
      'wholesale_claimed',
    ])
    .where('id', '=', dropItemId)
    .executeTakeFirstOrThrow();
  const available = consumerAvailable(item);
  throw problem(
    'sold-out',
    `Only ${available} left of what you asked ${quantity} of`,
    { variantId: item.variant_id, available },
  );
}

/**
 * Releases the expired holds of one drop (or of every drop) inside the
 * caller's transaction. Each hold is taken by a conditional update, so two
 * processes never release the same hold twice. Returns how many.
 */
export async function releaseExpiredHolds(
  tx: Tx,
  dropId: string,
  limit = 200,
): Promise<number> {
  const expired = await tx.db
    .selectFrom('holds')
    .select(['id', 'drop_id', 'shop_id'])
    .where('status', '=', 'active')
    .where('expires_at', '<=', tx.now)
    .where('drop_id', '=', dropId)
    .limit(limit)
    .execute();

  const changes = new ChangeSet();
  let released = 0;
  for (const hold of expired) {
    const taken = await tx.db
      .updateTable('holds')
      .set({ status: 'expired' })
      .where('id', '=', hold.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) continue;

    await releaseHoldLines(tx, hold, 'hold_expired', changes);
    released += 1;
  }

  await publishAvailability(tx, dropId, changes);
  return released;
}

/** Gives back every unit a hold kept. */
export async function releaseHoldLines(
  tx: Tx,
  hold: { id: string; drop_id: string; shop_id: string },
  reason: 'hold_expired' | 'hold_released',
  changes: ChangeSet,
): Promise<void> {
  const lines = await tx.db
    .selectFrom('hold_lines as hl')
    .innerJoin('drop_items as di', (join) =>
      join
        .onRef('di.variant_id', '=', 'hl.variant_id')
        .on('di.drop_id', '=', hold.drop_id),
    )
    .select(['di.id as item_id', 'hl.quantity'])
    .where('hl.hold_id', '=', hold.id)
    .orderBy('di.id')
    .execute();
  for (const line of lines) {
    changes.item(
      await releaseDropItem(tx.db, line.item_id, line.quantity, 0, {
        shopId: hold.shop_id,
        reason,
        holdId: hold.id,
        at: tx.now,
      }),
    );
  }
}

/**
 * Releases the expired holds of every drop, a drop at a time with its row
 * locked; the background sweeper calls it every few seconds.
 */
export async function sweepExpiredHolds(deps: Deps): Promise<number> {
  const drops = await deps.db.kysely
    .selectFrom('holds')
    .select('drop_id')
    .distinct()
    .where('status', '=', 'active')
    .where('expires_at', '<=', deps.clock.now())
    .execute();

  let total = 0;
  for (const { drop_id: dropId } of drops) {
    for (;;) {
      const released = await inTransaction(deps, async (tx) => {
        await lockDrop(tx.db, tx.postgres, dropId);
        return releaseExpiredHolds(tx, dropId);
      });
      total += released;
      if (released < 200) break;
    }
  }
  return total;
}

/** Loads a drop and checks that its window is open now. */
export async function requireOpenDrop(
  tx: Tx,
  dropId: string,
): Promise<DropRow> {
  const drop = await lockDrop(tx.db, tx.postgres, dropId);
  if (!drop || drop.status === 'draft') {
    throw problem('not-found', `There is no drop ${dropId}`);
  }
  const phase = dropPhase(drop.status, toWindow(drop), tx.now);
  if (phase !== 'open') {
    throw problem(
      'window-closed',
      phase === 'scheduled'
        ? `The preorder opens at ${new Date(drop.opens_at).toISOString()}`
        : `The preorder closed at ${new Date(drop.closes_at).toISOString()}`,
      { phase },
    );
  }
  return drop;
}

/** Drop item ids by variant id. */
export async function dropItemIds(
  tx: Tx,
  dropId: string,
): Promise<Map<string, string>> {
  const rows = await tx.db
    .selectFrom('drop_items')
    .select(['id', 'variant_id'])
    .where('drop_id', '=', dropId)
    .execute();
  return new Map(rows.map((row) => [row.variant_id, row.id]));
}

/** The drop item of a variant, or a 422 naming the variant. */
export function requireItem(
  items: Map<string, string>,
  variantId: string,
): string {
  const itemId = items.get(variantId);
  if (!itemId) {
    throw problem('unprocessable', `Variant ${variantId} is not in this drop`, {
      errors: [{ field: 'items.variantId', message: 'not in this drop' }],
    });
  }
  return itemId;
}

/**
 * The lines of a cart with their drop items, in drop-item order: every
 * transaction claims and releases a drop's items in the same order.
 */
export function inItemOrder<Line extends { variantId: string }>(
  items: Map<string, string>,
  lines: readonly Line[],
): { line: Line; itemId: string }[] {
  return lines
    .map((line) => ({ line, itemId: requireItem(items, line.variantId) }))
    .sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
}

/**
 * Gives a cart hold back before it expires (the cart was emptied); 404
 * when it is not an active hold of this drop.
 */
export async function releaseHold(
  deps: Deps,
  dropId: string,
  holdId: string,
): Promise<void> {
  await inTransaction(deps, async (tx) => {
    await lockDrop(tx.db, tx.postgres, dropId);
    const hold = await tx.db
      .updateTable('holds')
      .set({ status: 'released' })
      .where('id', '=', holdId)
      .where('drop_id', '=', dropId)
      .where('status', '=', 'active')
      .returning(['id', 'drop_id', 'shop_id'])
      .executeTakeFirst();
    if (!hold) throw problem('not-found', `No active hold ${holdId}`);

    const changes = new ChangeSet();
    await releaseHoldLines(tx, hold, 'hold_released', changes);
    await publishAvailability(tx, dropId, changes);
  });
}
