import type { Selectable } from 'kysely';
import type { OrderLinesTable, OrdersTable } from '../../db/schema';

/** An order with its lines and customer, as stored. */
export interface OrderRecord {
  order: Selectable<OrdersTable>;
  lines: Selectable<OrderLinesTable>[];
  customer: { name: string; email: string };
}
