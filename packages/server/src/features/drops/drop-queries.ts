import type { Kysely, Selectable } from 'kysely';
import type { Database, DropsTable } from '../../db/schema';

/** A stored drop. */
export type DropRow = Selectable<DropsTable>;

/** A drop item with what a buyer needs to know of its variant. */
export interface DropItemRow {
  id: string;
  variant_id: string;
  variant_name: string;
  product_id: string;
  product_name: string;
  price_cents: number;
  iva_rate_bp: number;
  cap: number;
  contingency: number;
  claimed: number;
  wholesale_claimed: number;
}

/** A pickup slot at a pop-up the drop offers. */
export interface SlotOptionRow {
  id: string;
  popup_id: string;
  popup_name: string;
  place: string;
  starts_at: number;
  ends_at: number;
  capacity: number;
  claimed: number;
}

/** A co-op hub the drop offers. */
export interface HubOptionRow {
  id: string;
  name: string;
  kind: 'locker' | 'bench';
  address: string;
  capacity: number;
  claimed: number;
}

/** A drop by id, or undefined. */
export function findDrop(
  db: Kysely<Database>,
  dropId: string,
): Promise<DropRow | undefined> {
  return db
    .selectFrom('drops')
    .selectAll()
    .where('id', '=', dropId)
    .executeTakeFirst();
}

/** The items of a drop with their variants and products. */
export function findDropItems(
  db: Kysely<Database>,
  dropId: string,
): Promise<DropItemRow[]> {
  return db
    .selectFrom('drop_items as di')
    .innerJoin('variants as v', 'v.id', 'di.variant_id')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .select([
      'di.id',
      'di.variant_id',
      'v.name as variant_name',
      'p.id as product_id',
      'p.name as product_name',
      'v.price_cents',
      'v.iva_rate_bp',
      'di.cap',
      'di.contingency',
      'di.claimed',
      'di.wholesale_claimed',
    ])
    .where('di.drop_id', '=', dropId)
    .orderBy('p.name')
    .orderBy('v.name')
    .execute();
}

/** The pickup slots of the pop-ups a drop offers. */
export function findSlotOptions(
  db: Kysely<Database>,
  dropId: string,
): Promise<SlotOptionRow[]> {
  return db
    .selectFrom('drop_pickups as dp')
    .innerJoin('popups as pu', 'pu.id', 'dp.popup_id')
    .innerJoin('slots as s', 's.popup_id', 'pu.id')
    .select([
      's.id',
      'pu.id as popup_id',
      'pu.name as popup_name',
      'pu.place',
      's.starts_at',
      's.ends_at',
      's.capacity',
      's.claimed',
    ])
    .where('dp.drop_id', '=', dropId)
    .orderBy('s.starts_at')
    .execute();
}

/** The co-op hubs a drop offers. */
export function findHubOptions(
  db: Kysely<Database>,
  dropId: string,
): Promise<HubOptionRow[]> {
  return db
    .selectFrom('drop_pickups as dp')
    .innerJoin('hubs as h', 'h.id', 'dp.hub_id')
    .select([
      'h.id',
      'h.name',
      'h.kind',
      'h.address',
      'h.capacity',
      'h.claimed',
    ])
    .where('dp.drop_id', '=', dropId)
    .orderBy('h.name')
    .execute();
}

/**
 * A drop read for change: on PostgreSQL its row is locked until the
 * transaction ends. Every transaction that claims or releases a drop's
 * units, settles it or cancels its orders takes this lock first, so they
 * follow one another on the drop (no deadlock between carts of several
 * variants, no order slipping past a settlement). SQLite writes one
 * transaction at a time already.
 */
export function lockDrop(
  db: Kysely<Database>,
  postgres: boolean,
  dropId: string,
): Promise<DropRow | undefined> {
  const query = db.selectFrom('drops').selectAll().where('id', '=', dropId);
  return (postgres ? query.forUpdate() : query).executeTakeFirst();
}
