import {
  migrateToLatest,
  openDatabase,
  type DbLocation,
} from '../src/db/database';
import { inProcessEvents } from '../src/features/events/live-events';
import { createShop, createUser } from '../src/features/auth/accounts';
import {
  createProduct,
  createVariant,
} from '../src/features/catalog/catalog-service';
import { createDrop, scheduleDrop } from '../src/features/drops/drop-admin';
import { systemClock } from '../src/platform/clock';
import { DEFAULT_SETTINGS } from '../src/platform/deps';
import pino from 'pino';
import { randomUUID } from 'node:crypto';

/** A drop opened for a load run. */
export interface BenchDrop {
  readonly dropId: string;
  readonly variantId: string;
  /** Units consumers may buy: the cap less the contingency. */
  readonly sellable: number;
}

/**
 * Creates a shop with one variant and a drop of `stock` sellable units,
 * open now for 72 hours, directly in the database the server will use.
 */
export async function setUpDrop(
  location: DbLocation,
  stock: number,
): Promise<BenchDrop> {
  const db = openDatabase(location);
  try {
    await migrateToLatest(db);
    const now = systemClock.now();
    const kysely = db.kysely;
    const ownerId = await createUser(
      kysely,
      {
        email: `bench-${randomUUID()}@example.test`,
        name: 'Bench',
        password: 'bench-password',
      },
      now,
    );
    const shopId = await createShop(
      kysely,
      { name: 'Bench shop', ownerId },
      now,
    );
    const productId = await createProduct(
      kysely,
      shopId,
      { name: 'Runner', description: '' },
      now,
    );
    const variantId = await createVariant(kysely, shopId, productId, {
      name: 'Naturale',
      priceCents: 4500,
      ivaRateBp: 2200,
      unitCostCents: 1650,
    });
    const dropId = await createDrop(
      kysely,
      shopId,
      {
        title: 'Bench drop',
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now - 60_000 + 72 * 3_600_000).toISOString(),
        minimumUnits: null,
        contingencyBp: 0,
        items: [{ variantId, cap: stock }],
        popupIds: [],
        hubIds: [],
        shipping: true,
      },
      now,
    );
    const deps = {
      db,
      clock: systemClock,
      log: pino({ level: 'silent' }),
      events: inProcessEvents(),
      settings: DEFAULT_SETTINGS,
    };
    await scheduleDrop(deps, shopId, dropId);
    return { dropId, variantId, sellable: stock };
  } finally {
    await db.close();
  }
}

/**
 * Counts what was really sold, from the orders themselves: units on
 * orders that are not cancelled, and how many went beyond the stock.
 */
export async function countSold(
  location: DbLocation,
  drop: BenchDrop,
): Promise<{
  orders: number;
  units: number;
  oversold: number;
  orderIds: Set<string>;
}> {
  const db = openDatabase(location);
  try {
    const rows = await db.kysely
      .selectFrom('orders as o')
      .innerJoin('order_lines as ol', 'ol.order_id', 'o.id')
      .select(['o.id', 'ol.quantity'])
      .where('o.drop_id', '=', drop.dropId)
      .where('o.status', '!=', 'cancelled')
      .execute();
    const units = rows.reduce((sum, row) => sum + row.quantity, 0);
    return {
      orders: rows.length,
      units,
      oversold: Math.max(0, units - drop.sellable),
      orderIds: new Set(rows.map((row) => row.id)),
    };
  } finally {
    await db.close();
  }
}
