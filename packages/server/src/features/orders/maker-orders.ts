import { IdSchema } from '@bottega/domain';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import { problem } from '../../errors';
import { inTransaction, type Deps } from '../../platform/deps';
import { cancelOrder } from './cancel-order';
import type { OrderRecord } from './order-record';
import { presentOrder, type OrderView } from './present-order';

/** The most orders one page holds. */
export const ORDER_PAGE_MAX = 200;

/** A page cursor: the creation instant and id of the last order seen. */
const CURSOR = /^(\d{1,16})_([0-9a-f-]{36})$/;

/** `GET /api/shops/:shopId/orders` query string. */
export const OrderListQuery = z.object({
  dropId: IdSchema.optional(),
  status: z.enum(['placed', 'confirmed', 'cancelled', 'fulfilled']).optional(),
  limit: z.coerce.number().int().min(1).max(ORDER_PAGE_MAX).default(50),
  cursor: z
    .string()
    .regex(CURSOR, { message: 'must be a nextCursor from an earlier page' })
    .optional(),
});

type OrderFilter = z.output<typeof OrderListQuery>;

/** One page of orders, newest first, and the cursor of the next. */
export interface OrderPage {
  orders: OrderView[];
  nextCursor: string | null;
}

/**
 * A page of the shop's orders, newest first, optionally of one drop or
 * one status. Pages are keyed on (created_at, id), so an order placed
 * while a maker pages through never shifts or repeats a page.
 */
export async function listShopOrders(
  db: Kysely<Database>,
  shopId: string,
  filter: OrderFilter,
): Promise<OrderPage> {
  let query = db
    .selectFrom('orders')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.dropId) query = query.where('drop_id', '=', filter.dropId);
  if (filter.status) query = query.where('status', '=', filter.status);
  const cursor = filter.cursor ? CURSOR.exec(filter.cursor) : null;
  if (cursor?.[1] && cursor[2]) {
    const at = Number(cursor[1]);
    const id = cursor[2];
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', at),
        eb.and([eb('created_at', '=', at), eb('id', '<', id)]),
      ]),
    );
  }
  const rows = await query.execute();

  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  const records = await withLinesAndCustomers(db, shopId, page);
  return {
    orders: records.map(presentOrder),
    nextCursor:
      rows.length > filter.limit && last
        ? `${last.created_at}_${last.id}`
        : null,
  };
}

/** One of the shop's orders; 404 for another shop's. */
export async function getShopOrder(
  db: Kysely<Database>,
  shopId: string,
  orderId: string,
): Promise<OrderView> {
  const order = await db
    .selectFrom('orders')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!order) throw problem('not-found', `There is no order ${orderId}`);
  const [record] = await withLinesAndCustomers(db, shopId, [order]);
  if (!record) throw problem('not-found', `There is no order ${orderId}`);
  return presentOrder(record);
}

/**
 * Cancels one of the shop's orders and gives back every claim it made,
 * in one transaction; answers the order as it is after the commit.
 */
export async function cancelShopOrder(
  deps: Deps,
  shopId: string,
  orderId: string,
): Promise<OrderView> {
  await inTransaction(deps, (tx) => cancelOrder(tx, shopId, orderId));
  return getShopOrder(deps.db.kysely, shopId, orderId);
}

async function withLinesAndCustomers(
  db: Kysely<Database>,
  shopId: string,
  orders: OrderRecord['order'][],
): Promise<OrderRecord[]> {
  if (orders.length === 0) return [];
  const [lines, customers] = await Promise.all([
    db
      .selectFrom('order_lines')
      .selectAll()
      .where(
        'order_id',
        'in',
        orders.map((o) => o.id),
      )
      .orderBy('variant_id')
      .execute(),
    db
      .selectFrom('customers')
      .select(['id', 'name', 'email'])
      .where('shop_id', '=', shopId)
      .where('id', 'in', [...new Set(orders.map((o) => o.customer_id))])
      .execute(),
  ]);
  const customerById = new Map(customers.map((c) => [c.id, c]));
  return orders.map((order) => {
    const customer = customerById.get(order.customer_id);
    return {
      order,
      lines: lines.filter((line) => line.order_id === order.id),
      customer: { name: customer?.name ?? '', email: customer?.email ?? '' },
    };
  });
}
