import type { z } from 'zod';
import type { CreateHubSchema } from '@bottega/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { problem } from '../../errors';
import { newId } from '../../platform/ids';

type HubInput = z.output<typeof CreateHubSchema>;

/** Creates a co-op with its first manager. */
export async function createCoop(
  db: Kysely<Database>,
  input: { name: string; city: string; managerId: string },
  now: number,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('coops')
    .values({ id, name: input.name, city: input.city, created_at: now })
    .execute();
  await db
    .insertInto('coop_managers')
    .values({ coop_id: id, user_id: input.managerId })
    .execute();
  return id;
}

/** Makes a shop a member of a co-op; 404 when the shop does not exist. */
export async function addCoopShop(
  db: Kysely<Database>,
  coopId: string,
  shopId: string,
): Promise<void> {
  const shop = await db
    .selectFrom('shops')
    .select('id')
    .where('id', '=', shopId)
    .executeTakeFirst();
  if (!shop) throw problem('not-found', `There is no shop ${shopId}`);
  await db
    .insertInto('coop_shops')
    .values({ coop_id: coopId, shop_id: shopId })
    .onConflict((c) => c.columns(['coop_id', 'shop_id']).doNothing())
    .execute();
}

/** Creates a hub (locker or bench) of a co-op. */
export async function createHub(
  db: Kysely<Database>,
  coopId: string,
  input: HubInput,
  id: string = newId(),
): Promise<string> {
  await db
    .insertInto('hubs')
    .values({
      id,
      coop_id: coopId,
      name: input.name,
      kind: input.kind,
      address: input.address,
      capacity: input.capacity,
      claimed: 0,
    })
    .execute();
  return id;
}

/** The hubs a shop may offer: those of every co-op it belongs to. */
export async function hubsOfShop(
  db: Kysely<Database>,
  shopId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('hubs as h')
    .innerJoin('coop_shops as cs', 'cs.coop_id', 'h.coop_id')
    .select('h.id')
    .where('cs.shop_id', '=', shopId)
    .execute();
  return rows.map((row) => row.id);
}
