import type { Deps } from '../src/platform/deps';
import {
  createShop,
  createUser,
  addMember,
} from '../src/features/auth/accounts';
import {
  createProduct,
  createVariant,
} from '../src/features/catalog/catalog-service';
import {
  addCoopShop,
  createCoop,
  createHub,
} from '../src/features/coops/coop-service';
import { createDrop, scheduleDrop } from '../src/features/drops/drop-admin';
import { createPopup, createSlot } from '../src/features/popups/popup-service';

const H = 3_600_000;

/** What {@link openDropFixture} made. */
export interface DropFixture {
  shopId: string;
  ownerId: string;
  ownerEmail: string;
  password: string;
  coopId: string;
  dropId: string;
  variantIds: string[];
  slotIds: string[];
  hubId: string;
  popupId: string;
}

let counter = 0;

/**
 * A shop in a co-op with a product of two variants and a drop open now
 * (72 hours), a pop-up with two slots and a co-op locker.
 */
export async function openDropFixture(
  deps: Deps,
  options: {
    caps?: number[];
    contingencyBp?: number;
    minimumUnits?: number | null;
    slotCapacity?: number;
    hubCapacity?: number;
  } = {},
): Promise<DropFixture> {
  const db = deps.db.kysely;
  const now = deps.clock.now();
  counter += 1;
  const ownerEmail = `owner${counter}-${now}@example.test`;
  const password = 'correct horse battery';
  const ownerId = await createUser(
    db,
    { email: ownerEmail, name: 'Owner', password },
    now,
  );
  const shopId = await createShop(
    db,
    { name: `Shop ${counter}`, ownerId },
    now,
  );
  const managerId = await createUser(
    db,
    {
      email: `manager${counter}-${now}@example.test`,
      name: 'Manager',
      password,
    },
    now,
  );
  const coopId = await createCoop(
    db,
    { name: 'Coop', city: 'Napoli', managerId },
    now,
  );
  await addCoopShop(db, coopId, shopId);
  const hubId = await createHub(db, coopId, {
    name: 'Locker',
    kind: 'locker',
    address: 'Via Toledo 1',
    capacity: options.hubCapacity ?? 40,
  });

  const productId = await createProduct(
    db,
    shopId,
    { name: 'Runner', description: '' },
    now,
  );
  const caps = options.caps ?? [100, 50];
  const variantIds: string[] = [];
  for (const [index] of caps.entries()) {
    variantIds.push(
      await createVariant(db, shopId, productId, {
        name: `Colour ${index}`,
        priceCents: 4500,
        ivaRateBp: 2200,
        unitCostCents: 1800,
      }),
    );
  }

  const popupId = await createPopup(db, shopId, {
    name: 'Mercatino',
    place: 'Piazza Bellini',
    startsAt: new Date(now + 96 * H).toISOString(),
    endsAt: new Date(now + 104 * H).toISOString(),
  });
  const slotIds = [
    await createSlot(db, shopId, popupId, {
      startsAt: new Date(now + 96 * H).toISOString(),
      endsAt: new Date(now + 98 * H).toISOString(),
      capacity: options.slotCapacity ?? 20,
    }),
    await createSlot(db, shopId, popupId, {
      startsAt: new Date(now + 98 * H).toISOString(),
      endsAt: new Date(now + 100 * H).toISOString(),
      capacity: options.slotCapacity ?? 20,
    }),
  ];

  const dropId = await createDrop(
    db,
    shopId,
    {
      title: 'Summer runner',
      opensAt: new Date(now).toISOString(),
      closesAt: new Date(now + 72 * H).toISOString(),
      minimumUnits: options.minimumUnits ?? null,
      contingencyBp: options.contingencyBp ?? 0,
      items: variantIds.map((variantId, index) => ({
        variantId,
        cap: caps[index] ?? 1,
      })),
      popupIds: [popupId],
      hubIds: [hubId],
      shipping: true,
    },
    now,
  );
  await scheduleDrop(deps, shopId, dropId);
  return {
    shopId,
    ownerId,
    ownerEmail,
    password,
    coopId,
    dropId,
    variantIds,
    slotIds,
    hubId,
    popupId,
  };
}

/** Adds a member with a role to a shop and returns their login. */
export async function memberFixture(
  deps: Deps,
  shopId: string,
  role: 'owner' | 'staff' | 'stall',
): Promise<{ email: string; password: string }> {
  counter += 1;
  const email = `${role}${counter}@example.test`;
  const password = 'correct horse battery';
  const userId = await createUser(
    deps.db.kysely,
    { email, name: role, password },
    deps.clock.now(),
  );
  await addMember(deps.db.kysely, shopId, userId, role);
  return { email, password };
}

/** A valid order body for a fixture. */
export function orderBody(
  fixture: DropFixture,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    items: [{ variantId: fixture.variantIds[0], quantity: 1 }],
    fulfilment: { kind: 'shipping', address: shippingAddress },
    customer: { name: 'Maria Esposito', email: 'maria@example.test' },
    ...overrides,
  };
}

const shippingAddress = {
  name: 'Maria Esposito',
  line1: 'Via dei Tribunali 12',
  postcode: '80138',
  city: 'Napoli',
};
