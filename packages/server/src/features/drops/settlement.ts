import { settlementOutcome } from '@bottega/domain';
import { inTransaction, type Deps, type Tx } from '../../platform/deps';
import { enqueueMail } from '../../platform/mailer';
import { cancelOrderIn } from '../orders/cancel-order';
import {
  ChangeSet,
  publishAvailability,
  recordDropEvent,
} from '../events/drop-events';
import { lockDrop } from './drop-queries';
import { releaseExpiredHolds, releaseHoldLines } from './holds';

/** What settling one drop decided. */
export interface Settlement {
  readonly dropId: string;
  readonly outcome: 'confirmed' | 'failed';
  readonly unitsOrdered: number;
  readonly orders: number;
}

/**
 * Settles every drop whose window has closed: a drop that reached its
 * minimum (or has none) is confirmed and its orders go to production; one
 * that missed it fails, every order is cancelled, every claim released
 * and every customer told by mail. Each drop settles in its own
 * transaction, taken by a conditional update so only one process does it.
 */
export async function settleClosedDrops(deps: Deps): Promise<Settlement[]> {
  const now = deps.clock.now();
  const due = await deps.db.kysely
    .selectFrom('drops')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('closes_at', '<=', now)
    .execute();

  const settled: Settlement[] = [];
  for (const { id } of due) {
    // One drop that cannot settle now (a deadlock, a lost connection) is
    // tried again at the next round and never holds up the others.
    try {
      const result = await inTransaction(deps, (tx) => settleDrop(tx, id));
      if (result) {
        deps.log.info({ ...result }, 'drop settled');
        settled.push(result);
      }
    } catch (error) {
      deps.log.warn({ err: error, dropId: id }, 'drop not settled, will retry');
    }
  }
  return settled;
}

async function settleDrop(tx: Tx, dropId: string): Promise<Settlement | null> {
  const drop = await lockDrop(tx.db, tx.postgres, dropId);
  if (!drop || drop.status !== 'scheduled' || drop.closes_at > tx.now) {
    return null;
  }

  const changes = new ChangeSet();
  await releaseOpenHolds(tx, drop, changes);

  const placedOrders = await tx.db
    .selectFrom('orders as o')
    .innerJoin('order_lines as ol', 'ol.order_id', 'o.id')
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .select(['o.id', 'o.channel', 'o.pickup_code', 'c.email', 'c.name'])
    .select((eb) => eb.fn.sum<number>('ol.quantity').as('units'))
    .where('o.drop_id', '=', dropId)
    .where('o.status', '=', 'placed')
    .groupBy(['o.id', 'o.channel', 'o.pickup_code', 'c.email', 'c.name'])
    .execute();
  const unitsOrdered = placedOrders.reduce(
    (sum, order) => sum + Number(order.units),
    0,
  );
  const outcome = settlementOutcome(unitsOrdered, drop.minimum_units);

  const taken = await tx.db
    .updateTable('drops')
    .set({ status: outcome, settled_at: tx.now })
    .where('id', '=', dropId)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) return null;

  if (outcome === 'confirmed') {
    await tx.db
      .updateTable('orders')
      .set({ status: 'confirmed' })
      .where('drop_id', '=', dropId)
      .where('status', '=', 'placed')
      .execute();
  } else {
    for (const order of placedOrders) {
      await cancelOrderIn(tx, drop.shop_id, order.id, 'drop_failed', changes);
      await enqueueMail(
        tx.db,
        {
          to: order.email,
          subject: `Lancio annullato: ${drop.title}`,
          text:
            `Ciao ${order.name},\n` +
            `il lancio "${drop.title}" non ha raggiunto il minimo di ` +
            `${drop.minimum_units ?? 0} pezzi, quindi non andrà in ` +
            `produzione. Il tuo ordine ${order.pickup_code} è annullato ` +
            `e nulla ti sarà addebitato.\n`,
        },
        tx.now,
      );
    }
  }

  await publishAvailability(tx, dropId, changes);
  await recordDropEvent(tx, dropId, 'status', { phase: outcome, unitsOrdered });
  return { dropId, outcome, unitsOrdered, orders: placedOrders.length };
}

async function releaseOpenHolds(
  tx: Tx,
  drop: { id: string; shop_id: string },
  changes: ChangeSet,
): Promise<void> {
  await releaseExpiredHolds(tx, drop.id);
  const open = await tx.db
    .selectFrom('holds')
    .select(['id', 'drop_id', 'shop_id'])
    .where('drop_id', '=', drop.id)
    .where('status', '=', 'active')
    .execute();
  for (const hold of open) {
    const taken = await tx.db
      .updateTable('holds')
      .set({ status: 'released' })
      .where('id', '=', hold.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) {
      await releaseHoldLines(tx, hold, 'hold_released', changes);
    }
  }
}
