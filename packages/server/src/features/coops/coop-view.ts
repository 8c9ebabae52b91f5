import { z } from 'zod';
import type { Kysely, Selectable } from 'kysely';
import type { Database, HubsTable } from '../../db/schema';
import { problem } from '../../errors';

/** A co-op hub with what is left of its capacity. */
export const HubViewSchema = z.object({
  id: z.uuid(),
  coopId: z.uuid(),
  name: z.string(),
  kind: z.enum(['locker', 'bench']),
  address: z.string(),
  capacity: z.number().int(),
  claimed: z.number().int(),
  remaining: z.number().int(),
});
export type HubView = z.infer<typeof HubViewSchema>;

/** A hub a shop may offer, with its co-op's name. */
export const ShopHubViewSchema = HubViewSchema.extend({
  coopName: z.string(),
});
export type ShopHubView = z.infer<typeof ShopHubViewSchema>;

/** A co-op with its member shops. */
export const CoopViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  city: z.string(),
  createdAt: z.iso.datetime(),
  shops: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type CoopView = z.infer<typeof CoopViewSchema>;

/** A co-op with its member shops; 404 when it does not exist. */
export async function getCoop(
  db: Kysely<Database>,
  coopId: string,
): Promise<CoopView> {
  const coop = await db
    .selectFrom('coops')
    .selectAll()
    .where('id', '=', coopId)
    .executeTakeFirst();
  if (!coop) throw problem('not-found', `There is no co-op ${coopId}`);

  const shops = await db
    .selectFrom('coop_shops as cs')
    .innerJoin('shops as s', 's.id', 'cs.shop_id')
    .select(['s.id', 's.name'])
    .where('cs.coop_id', '=', coopId)
    .orderBy('s.name')
    .orderBy('s.id')
    .execute();
  return {
    id: coop.id,
    name: coop.name,
    city: coop.city,
    createdAt: new Date(coop.created_at).toISOString(),
    shops,
  };
}

/** The hubs of one co-op, by name. */
export async function listCoopHubs(
  db: Kysely<Database>,
  coopId: string,
): Promise<HubView[]> {
  const rows = await db
    .selectFrom('hubs')
    .selectAll()
    .where('coop_id', '=', coopId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(presentHub);
}

/** One hub of a co-op; 404 for another co-op's. */
export async function getCoopHub(
  db: Kysely<Database>,
  coopId: string,
  hubId: string,
): Promise<HubView> {
  const row = await db
    .selectFrom('hubs')
    .selectAll()
    .where('coop_id', '=', coopId)
    .where('id', '=', hubId)
    .executeTakeFirst();
  if (!row) throw problem('not-found', `There is no hub ${hubId}`);
  return presentHub(row);
}

/**
 * The hubs a shop may offer for pickup: those of every co-op it belongs
 * to, with the co-op's name.
 */
export async function listShopHubs(
  db: Kysely<Database>,
  shopId: string,
): Promise<ShopHubView[]> {
  const rows = await db
    .selectFrom('hubs as h')
    .innerJoin('coop_shops as cs', 'cs.coop_id', 'h.coop_id')
    .innerJoin('coops as c', 'c.id', 'h.coop_id')
    .selectAll('h')
    .select('c.name as coop_name')
    .where('cs.shop_id', '=', shopId)
    .orderBy('c.name')
    .orderBy('h.name')
    .orderBy('h.id')
    .execute();
  return rows.map((row) => ({ ...presentHub(row), coopName: row.coop_name }));
}

function presentHub(hub: Selectable<HubsTable>): HubView {
  return {
    id: hub.id,
    coopId: hub.coop_id,
    name: hub.name,
    kind: hub.kind,
    address: hub.address,
    capacity: hub.capacity,
    claimed: hub.claimed,
    remaining: hub.capacity - hub.claimed,
  };
}
