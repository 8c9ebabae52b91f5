import { randomUUID } from 'node:crypto';
import type { CreateOrder } from '@bottega/domain';
import { manualClock } from '../../platform/clock';
import type { Deps } from '../../platform/deps';
import { addMember, createShop, createUser } from '../auth/accounts';
import { createProduct, createVariant } from '../catalog/catalog-service';
import { addCoopShop, createCoop, createHub } from '../coops/coop-service';
import { createDrop, fulfilDrop, scheduleDrop } from '../drops/drop-admin';
import { settleClosedDrops } from '../drops/settlement';
import { placeOrder } from '../orders/place-order';
import { createPopup, createSlot } from '../popups/popup-service';
import { arrivalTimes, createRandom, pickCustomer } from './history';

const H = 3_600_000;
const DAY = 24 * H;

/** Fixed ids of the demo, so the README's curl lines work as written. */
export const DEMO_IDS = Object.freeze({
  drop: '6d656d6f-6c69-4e6f-8000-000000000001',
  naturale: '6d656d6f-6c69-4e6f-8000-000000000011',
  bianco: '6d656d6f-6c69-4e6f-8000-000000000012',
  salvia: '6d656d6f-6c69-4e6f-8000-000000000013',
  locker: '6d656d6f-6c69-4e6f-8000-000000000021',
});

/** The password of every demo login. */
export const DEMO_PASSWORD = 'bottega-demo-2026';

/** What the demo seed made, for the start-up banner. */
export interface DemoSeed {
  readonly dropId: string;
  readonly password: string;
  readonly logins: { email: string; who: string }[];
}

/**
 * Seeds the demo co-op in Naples on an empty database: the linen atelier
 * with its summer table-runner drop open now (150 units, 20 % contingency),
 * the co-op's locker and bench, a weekend pop-up with pickup slots, and
 * two more member shops with past drops and their orders. Returns null
 * when the database already has shops.
 */
export async function seedDemo(deps: Deps): Promise<DemoSeed | null> {
  const db = deps.db.kysely;
  const existing = await db.selectFrom('shops').select('id').limit(1).execute();
  if (existing.length > 0) return null;

  const now = deps.clock.now();
  const random = createRandom(20260603);
  const logins: DemoSeed['logins'] = [];
  const user = async (email: string, name: string, who: string) => {
    logins.push({ email, who });
    return createUser(db, { email, name, password: DEMO_PASSWORD }, now);
  };

  // People and shops.
  const annaId = await user(
    'anna@linoefilo.example',
    'Anna Russo',
    'owner, Lino & Filo (linen atelier)',
  );
  const lucaId = await user(
    'luca@linoefilo.example',
    'Luca Russo',
    'stall operator, Lino & Filo',
  );
  const marcoId = await user(
    'marco@coop-partenopea.example',
    'Marco De Luca',
    'manager, Cooperativa Artigiana Partenopea',
  );
  const sofiaId = await user(
    'sofia@ceramichesanita.example',
    'Sofia Esposito',
    'owner, Ceramiche Sanità',
  );
  const paoloId = await user(
    'paolo@fornoromano.example',
    'Paolo Romano',
    'owner, Forno Romano (panettone)',
  );

  const lino = await createShop(
    db,
    { name: 'Lino & Filo', ownerId: annaId },
    now,
  );
  await addMember(db, lino, lucaId, 'stall');
  const ceramiche = await createShop(
    db,
    { name: 'Ceramiche Sanità', ownerId: sofiaId },
    now,
  );
  const forno = await createShop(
    db,
    { name: 'Forno Romano', ownerId: paoloId },
    now,
  );

  const coop = await createCoop(
    db,
    {
      name: 'Cooperativa Artigiana Partenopea',
      city: 'Napoli',
      managerId: marcoId,
    },
    now,
  );
  for (const shop of [lino, ceramiche, forno])
    await addCoopShop(db, coop, shop);
  const locker = await createHub(
    db,
    coop,
    {
      name: 'Locker Via dei Tribunali',
      kind: 'locker',
      address: 'Via dei Tribunali 181, 80138 Napoli',
      capacity: 40,
    },
    DEMO_IDS.locker,
  );
  const bench = await createHub(db, coop, {
    name: 'Banco di spedizione Sanità',
    kind: 'bench',
    address: 'Via Vergini 23, 80137 Napoli',
    capacity: 120,
  });

  // Catalogues.
  const runner = await createProduct(
    db,
    lino,
    {
      name: 'Runner da tavola estivo',
      description: 'Lino lavato tessuto a Napoli, 45 × 180 cm, orlo a giorno.',
    },
    now,
  );
  const runnerVariants = [
    await createVariant(
      db,
      lino,
      runner,
      {
        name: 'Naturale',
        sku: 'RUN-NAT',
        priceCents: 4500,
        ivaRateBp: 2200,
        unitCostCents: 1650,
      },
      DEMO_IDS.naturale,
    ),
    await createVariant(
      db,
      lino,
      runner,
      {
        name: 'Bianco ottico',
        sku: 'RUN-BIA',
        priceCents: 4500,
        ivaRateBp: 2200,
        unitCostCents: 1650,
      },
      DEMO_IDS.bianco,
    ),
    await createVariant(
      db,
      lino,
      runner,
      {
        name: 'Salvia',
        sku: 'RUN-SAL',
        priceCents: 4900,
        ivaRateBp: 2200,
        unitCostCents: 1800,
      },
      DEMO_IDS.salvia,
    ),
  ];
  const napkins = await createProduct(
    db,
    lino,
    {
      name: 'Tovaglioli di lino (set da 4)',
      description: 'Il set che accompagna il runner.',
    },
    now,
  );
  const napkinVariant = await createVariant(db, lino, napkins, {
    name: 'Naturale',
    sku: 'TOV-NAT',
    priceCents: 3200,
    ivaRateBp: 2200,
    unitCostCents: 1100,
  });

  const bowl = await createProduct(
    db,
    ceramiche,
    { name: 'Ciotola maiolicata', description: 'Dipinta a mano.' },
    now,
  );
  const bowlVariant = await createVariant(db, ceramiche, bowl, {
    name: 'Blu Sanità',
    priceCents: 3800,
    ivaRateBp: 2200,
    unitCostCents: 1200,
  });
  const panettone = await createProduct(
    db,
    forno,
    {
      name: 'Panettone a lievitazione naturale',
      description: '1 kg, 72 ore di lievitazione.',
    },
    now,
  );
  const panettoneVariant = await createVariant(db, forno, panettone, {
    name: 'Classico 1 kg',
    priceCents: 3400,
    ivaRateBp: 1000,
    unitCostCents: 1300,
  });

  // History: past drops with orders that arrive as real launches do.
  const past = [
    {
      shop: lino,
      title: 'Runner primavera',
      variants: [runnerVariants[0]!, napkinVariant],
      caps: [80, 40],
      daysAgo: 70,
      hours: 72,
      min: 40,
      orders: 68,
    },
    {
      shop: ceramiche,
      title: 'Ciotole di settembre',
      variants: [bowlVariant],
      caps: [60],
      daysAgo: 90,
      hours: 48,
      min: 30,
      orders: 47,
    },
    {
      shop: ceramiche,
      title: 'Ciotole di ottobre',
      variants: [bowlVariant],
      caps: [60],
      daysAgo: 50,
      hours: 72,
      min: 45,
      orders: 22,
    },
    {
      shop: forno,
      title: 'Panettone di Natale',
      variants: [panettoneVariant],
      caps: [200],
      daysAgo: 30,
      hours: 96,
      min: 80,
      orders: 164,
    },
    {
      shop: forno,
      title: 'Panettone di Pasqua',
      variants: [panettoneVariant],
      caps: [150],
      daysAgo: 12,
      hours: 72,
      min: 60,
      orders: 101,
    },
  ];
  for (const spec of past) {
    const clock = manualClock(now - spec.daysAgo * DAY);
    const pastDeps: Deps = { ...deps, clock };
    const opensAt = clock.now() + H;
    const dropId = await createDrop(
      db,
      spec.shop,
      {
        title: spec.title,
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(opensAt + spec.hours * H).toISOString(),
        minimumUnits: spec.min,
        contingencyBp: 1000,
        items: spec.variants.map((variantId, i) => ({
          variantId,
          cap: spec.caps[i] ?? 10,
        })),
        popupIds: [],
        hubIds: [locker, bench],
        shipping: true,
      },
      clock.now(),
    );
    await scheduleDrop(pastDeps, spec.shop, dropId);

    for (const at of arrivalTimes(
      random,
      spec.orders,
      opensAt,
      spec.hours * H,
    )) {
      clock.set(at);
      const variantId =
        spec.variants[Math.floor(random() * spec.variants.length)]!;
      const fulfilment: CreateOrder['fulfilment'] =
        random() < 0.45
          ? { kind: 'hub', hubId: random() < 0.7 ? locker : bench }
          : {
              kind: 'shipping',
              address: {
                name: 'Cliente',
                line1: 'Via Roma 1',
                postcode: '80100',
                city: 'Napoli',
                country: 'IT',
              },
            };
      const referral = random() < 0.3;
      await placeOrder(
        pastDeps,
        dropId,
        {
          items: [{ variantId, quantity: random() < 0.8 ? 1 : 2 }],
          fulfilment,
          customer: pickCustomer(random),
          ...(referral ? { ref: 'instagram' } : {}),
          subscribe: random() < 0.35,
        },
        randomUUID(),
      ).catch((error: unknown) => {
        // A launch can sell out in the demo history, as in life.
        if (!(error instanceof Error && 'code' in error)) throw error;
      });
    }
    clock.set(opensAt + spec.hours * H);
    const [settled] = await settleClosedDrops(pastDeps);
    if (settled?.outcome === 'confirmed') {
      clock.advance(5 * DAY);
      await fulfilDrop(pastDeps, spec.shop, dropId);
    }
  }

  // The weekend pop-up, Saturday and Sunday after the drop closes.
  const saturday = nextSaturday(now + 3 * DAY);
  const popup = await createPopup(
    db,
    lino,
    {
      name: 'Mercatino del Lino a Piazza Bellini',
      place: 'Piazza Bellini, 80138 Napoli',
      startsAt: new Date(saturday + 9 * H).toISOString(),
      endsAt: new Date(saturday + DAY + 19 * H).toISOString(),
    },
    coop,
  );
  for (const day of [0, 1]) {
    for (const hour of [9, 11, 14, 16]) {
      const start = saturday + day * DAY + hour * H;
      await createSlot(db, lino, popup, {
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 2 * H).toISOString(),
        capacity: 12,
      });
    }
  }

  // The summer table runner: a 72-hour preorder, open since six hours ago.
  const opensAt = now - 6 * H;
  const dropId = await createDrop(
    db,
    lino,
    {
      title: 'Runner da tavola estivo',
      opensAt: new Date(opensAt).toISOString(),
      closesAt: new Date(opensAt + 72 * H).toISOString(),
      minimumUnits: 60,
      contingencyBp: 2000,
      productionDate: new Date(opensAt + 80 * H).toISOString(),
      packingDate: new Date(opensAt + 100 * H).toISOString(),
      items: [
        { variantId: runnerVariants[0]!, cap: 70 },
        { variantId: runnerVariants[1]!, cap: 40 },
        { variantId: runnerVariants[2]!, cap: 40 },
      ],
      popupIds: [popup],
      hubIds: [locker, bench],
      shipping: true,
    },
    now,
    DEMO_IDS.drop,
  );
  await scheduleDrop(deps, lino, dropId);

  deps.log.info(
    { dropId, shops: 3, pastDrops: past.length },
    'demo co-op seeded',
  );
  return { dropId, password: DEMO_PASSWORD, logins };
}

/** Midnight UTC of the first Saturday at or after an instant. */
function nextSaturday(from: number): number {
  const day = new Date(from);
  day.setUTCHours(0, 0, 0, 0);
  while (day.getUTCDay() !== 6) day.setUTCDate(day.getUTCDate() + 1);
  return day.getTime();
}
