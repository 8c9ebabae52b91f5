import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { problem } from '../../errors';
import { findDropItems, findHubOptions, findSlotOptions } from './drop-queries';
import {
  dropOrderTotals,
  dropTotals,
  findShopDrop,
  listShopDrops,
} from './maker-drop-queries';
import {
  presentMakerDrop,
  presentMakerDropSummary,
  type MakerDrop,
  type MakerDropSummary,
} from './maker-drop-presenter';

/** The shop's drops with their phase, counters and units ordered. */
export async function listMakerDrops(
  db: Kysely<Database>,
  shopId: string,
  now: number,
): Promise<MakerDropSummary[]> {
  const drops = await listShopDrops(db, shopId);
  const ids = drops.map((drop) => drop.id);
  const [totals, orders] = await Promise.all([
    dropTotals(db, shopId, ids),
    dropOrderTotals(db, shopId, ids),
  ]);
  return drops.map((drop) =>
    presentMakerDropSummary(
      drop,
      totals.get(drop.id),
      orders.get(drop.id),
      now,
    ),
  );
}

/**
 * One of the shop's drops in full: every counter per item, its orders,
 * its progress towards the minimum and its pickup options. Another shop's
 * drop is a 404: the drop is read scoped by shop before anything of it.
 */
export async function getMakerDrop(
  db: Kysely<Database>,
  shopId: string,
  dropId: string,
  now: number,
): Promise<MakerDrop> {
  const drop = await findShopDrop(db, shopId, dropId);
  if (!drop) throw problem('not-found', `There is no drop ${dropId}`);

  const [items, orders, slots, hubs] = await Promise.all([
    findDropItems(db, dropId),
    dropOrderTotals(db, shopId, [dropId]),
    findSlotOptions(db, dropId),
    findHubOptions(db, dropId),
  ]);
  return presentMakerDrop(drop, items, orders.get(dropId), slots, hubs, now);
}
