import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { DropRow } from './drop-queries';

/** Order statuses whose units count as ordered (not cancelled). */
export const LIVE_ORDER_STATUSES = [
  'placed',
  'confirmed',
  'fulfilled',
] as const;

/** Counters of one drop summed over its items. */
export interface DropTotals {
  cap: number;
  contingency: number;
  claimed: number;
  wholesaleClaimed: number;
}

/** What a drop's orders add up to. */
export interface DropOrderTotals {
  orders: number;
  unitsOrdered: number;
}

/** Most drops one listing returns, newest first. */
export const DROP_LIST_LIMIT = 200;

/** The shop's drops, newest window first. */
export function listShopDrops(
  db: Kysely<Database>,
  shopId: string,
): Promise<DropRow[]> {
  return db
    .selectFrom('drops')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('opens_at', 'desc')
    .orderBy('id')
    .limit(DROP_LIST_LIMIT)
    .execute();
}

/** One drop of the shop, or undefined (another shop's drop included). */
export function findShopDrop(
  db: Kysely<Database>,
  shopId: string,
  dropId: string,
): Promise<DropRow | undefined> {
  return db
    .selectFrom('drops')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', dropId)
    .executeTakeFirst();
}

/** Each listed drop's counters, summed over its items. */
export async function dropTotals(
  db: Kysely<Database>,
  shopId: string,
  dropIds: string[],
): Promise<Map<string, DropTotals>> {
  if (dropIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('drop_items')
    .select('drop_id')
    .select((eb) => [
      eb.fn.sum<number>('cap').as('cap'),
      eb.fn.sum<number>('contingency').as('contingency'),
      eb.fn.sum<number>('claimed').as('claimed'),
      eb.fn.sum<number>('wholesale_claimed').as('wholesale_claimed'),
    ])
    .where('shop_id', '=', shopId)
    .where('drop_id', 'in', dropIds)
    .groupBy('drop_id')
    .execute();
  return new Map(
    rows.map((row) => [
      row.drop_id,
      {
        cap: Number(row.cap),
        contingency: Number(row.contingency),
        claimed: Number(row.claimed),
        wholesaleClaimed: Number(row.wholesale_claimed),
      },
    ]),
  );
}

/** Each listed drop's orders and units ordered, cancellations left out. */
export async function dropOrderTotals(
  db: Kysely<Database>,
  shopId: string,
  dropIds: string[],
): Promise<Map<string, DropOrderTotals>> {
  if (dropIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('orders as o')
    .innerJoin('order_lines as ol', 'ol.order_id', 'o.id')
    .select('o.drop_id')
    .select((eb) => [
      eb.fn.count<number>('o.id').distinct().as('orders'),
      eb.fn.sum<number>('ol.quantity').as('units'),
    ])
    .where('o.shop_id', '=', shopId)
    .where('o.drop_id', 'in', dropIds)
    .where('o.status', 'in', LIVE_ORDER_STATUSES)
    .groupBy('o.drop_id')
    .execute();
  return new Map(
    rows.map((row) => [
      row.drop_id,
      { orders: Number(row.orders), unitsOrdered: Number(row.units) },
    ]),
  );
}
