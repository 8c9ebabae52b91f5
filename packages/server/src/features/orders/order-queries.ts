import type { Kysely, Selectable } from 'kysely';
import type { Database, OrderLinesTable, OrdersTable } from '../../db/schema';

/** An order with its lines and customer, as stored. */
export interface OrderRecord {
  order: Selectable<OrdersTable>;
  lines: Selectable<OrderLinesTable>[];
  customer: { name: string; email: string };
}

/** Loads one order with its lines and customer. */
export async function loadOrderView(
  db: Kysely<Database>,
  orderId: string,
): Promise<OrderRecord> {
  const order = await db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  const [lines, customer] = await Promise.all([
    db
      .selectFrom('order_lines')
      .selectAll()
      .where('order_id', '=', orderId)
      .execute(),
    db
      .selectFrom('customers')
      .select(['name', 'email'])
      .where('id', '=', order.customer_id)
      .executeTakeFirstOrThrow(),
  ]);
  return { order, lines, customer };
}
