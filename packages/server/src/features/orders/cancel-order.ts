import type { MovementReason } from '../../db/schema';
import { problem } from '../../errors';
import type { Tx } from '../../platform/deps';
import { ChangeSet, publishAvailability } from '../events/drop-events';
import { lockDrop } from '../drops/drop-queries';
import { releaseDropItem, releaseHub, releaseSlot } from '../stock/ledger';

/**
 * Cancels an order of a shop and gives back every claim it made: its units
 * (consumer or wholesale), its slot place and its hub compartment. The
 * order is taken by a conditional update, so it is released only once.
 */
export async function cancelOrderIn(
  tx: Tx,
  shopId: string,
  orderId: string,
  reason: Extract<MovementReason, 'order_cancelled' | 'drop_failed'>,
  changes: ChangeSet = new ChangeSet(),
): Promise<ChangeSet> {
  const taken = await tx.db
    .updateTable('orders')
    .set({ status: 'cancelled', cancelled_at: tx.now, cancel_reason: reason })
    .where('id', '=', orderId)
    .where('shop_id', '=', shopId)
    .where('status', 'in', ['placed', 'confirmed'])
    .returning(['drop_id', 'channel', 'slot_id', 'hub_id'])
    .executeTakeFirst();
  if (!taken) {
    const exists = await tx.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', orderId)
      .where('shop_id', '=', shopId)
      .executeTakeFirst();
    if (!exists) throw problem('not-found', `There is no order ${orderId}`);
    throw problem('invalid-state', `The order is ${exists.status}`);
  }

  const context = { shopId, reason, orderId, at: tx.now };
  const lines = await tx.db
    .selectFrom('order_lines as ol')
    .innerJoin('drop_items as di', (join) =>
      join
        .onRef('di.variant_id', '=', 'ol.variant_id')
        .on('di.drop_id', '=', taken.drop_id),
    )
    .select(['di.id as item_id', 'ol.quantity'])
    .where('ol.order_id', '=', orderId)
    .orderBy('di.id')
    .execute();
  const wholesale = taken.channel === 'wholesale';
  for (const line of lines) {
    changes.item(
      await releaseDropItem(
        tx.db,
        line.item_id,
        line.quantity,
        wholesale ? line.quantity : 0,
        context,
      ),
    );
  }
  if (taken.slot_id)
    changes.slot(await releaseSlot(tx.db, taken.slot_id, context));
  if (taken.hub_id) changes.hub(await releaseHub(tx.db, taken.hub_id, context));
  return changes;
}

/** Cancels one order and records the live event. */
export async function cancelOrder(
  tx: Tx,
  shopId: string,
  orderId: string,
): Promise<void> {
  const order = await tx.db
    .selectFrom('orders')
    .select('drop_id')
    .where('id', '=', orderId)
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  if (!order) throw problem('not-found', `There is no order ${orderId}`);

  await lockDrop(tx.db, tx.postgres, order.drop_id);
  const changes = await cancelOrderIn(tx, shopId, orderId, 'order_cancelled');
  await publishAvailability(tx, order.drop_id, changes);
}
