import type { PastDrop } from '@bottega/forecast';
import { pastDropFromOrderTimes } from '@bottega/forecast';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Units ordered at one instant (an order of two counts twice). */
export interface UnitArrival {
  readonly at: number;
  readonly units: number;
}

/**
 * The consumer units of a drop's orders with their times. Orders a
 * customer cancelled are left out; those cancelled because the drop
 * failed count (they were real demand); wholesale is left out (the shop
 * decides it, it is not demand to forecast).
 */
export async function unitArrivals(
  db: Kysely<Database>,
  dropId: string,
): Promise<UnitArrival[]> {
  const rows = await db
    .selectFrom('orders as o')
    .innerJoin('order_lines as ol', 'ol.order_id', 'o.id')
    .select(['o.created_at'])
    .select((eb) => eb.fn.sum<number>('ol.quantity').as('units'))
    .where('o.drop_id', '=', dropId)
    .where('o.channel', '!=', 'wholesale')
    .groupBy(['o.id', 'o.created_at'])
    .where((eb) =>
      eb.or([
        eb('o.status', '!=', 'cancelled'),
        eb('o.cancel_reason', '=', 'drop_failed'),
      ]),
    )
    .orderBy('o.created_at')
    .execute();
  return rows.map((row) => ({ at: row.created_at, units: Number(row.units) }));
}

/**
 * Past drops whose windows have closed, as the forecasting engine's
 * history: the shop's own, and every drop of the shops of its co-ops
 * (its own included), which the co-op pools.
 */
export async function pastDrops(
  db: Kysely<Database>,
  shopId: string,
  now: number,
): Promise<{ shop: PastDrop[]; coop: PastDrop[] }> {
  const coopShops = await db
    .selectFrom('coop_shops as mine')
    .innerJoin('coop_shops as other', 'other.coop_id', 'mine.coop_id')
    .select('other.shop_id')
    .distinct()
    .where('mine.shop_id', '=', shopId)
    .where('other.shop_id', '!=', shopId)
    .execute();
  const shops = [shopId, ...coopShops.map((row) => row.shop_id)];

  const drops = await db
    .selectFrom('drops')
    .select(['id', 'shop_id', 'opens_at', 'closes_at'])
    .where('shop_id', 'in', shops)
    .where('status', 'in', ['confirmed', 'failed', 'fulfilled'])
    .where('closes_at', '<=', now)
    .orderBy('closes_at', 'desc')
    .limit(200)
    .execute();

  const shop: PastDrop[] = [];
  const coop: PastDrop[] = [];
  for (const drop of drops) {
    const arrivals = await unitArrivals(db, drop.id);
    const times = arrivals.flatMap((a) => Array<number>(a.units).fill(a.at));
    const past = pastDropFromOrderTimes(times, {
      startMs: drop.opens_at,
      endMs: drop.closes_at,
    });
    if (drop.shop_id === shopId) shop.push(past);
    coop.push(past);
  }
  return { shop, coop };
}
