import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../src/features/auth/accounts';
import { createCoop } from '../src/features/coops/coop-service';
import { settleClosedDrops } from '../src/features/drops/settlement';
import { auditLedger } from '../src/features/stock/audit';
import { DIALECT, type TestApp, createTestApp } from './harness';
import { caller, expectProblemShape, login, type Answer } from './session';

const H = 3_600_000;
const PASSWORD = 'correct horse battery';

interface Ids {
  shopId: string;
  coopId: string;
  hubId: string;
  productId: string;
  variantIds: string[];
  popupId: string;
  slotIds: string[];
}

type Call = ReturnType<typeof caller>;

function body<T = Record<string, unknown>>(answer: Answer, status: number): T {
  if (answer.statusCode !== status) {
    throw new Error(
      `expected ${status}, got ${answer.statusCode}: ${answer.body}`,
    );
  }
  return answer.json<T>();
}

describe(`maker API on ${DIALECT}`, () => {
  let t: TestApp;
  let maker: Call;
  let ids: Ids;

  const at = (hours: number) =>
    new Date(t.clock.now() + hours * H).toISOString();

  const dropBody = (overrides: Record<string, unknown> = {}) => ({
    title: 'Runner estivo',
    opensAt: at(0),
    closesAt: at(72),
    contingencyBp: 2000,
    items: [
      { variantId: ids.variantIds[0], cap: 10 },
      { variantId: ids.variantIds[1], cap: 5 },
    ],
    popupIds: [ids.popupId],
    hubIds: [ids.hubId],
    ...overrides,
  });

  /** Creates a draft from dropBody() and schedules it; returns its id. */
  const openDrop = async (): Promise<string> => {
    const drop = body<{ id: string }>(
      await maker('POST', `/api/shops/${ids.shopId}/drops`, dropBody()),
      201,
    );
    body(
      await maker('POST', `/api/shops/${ids.shopId}/drops/${drop.id}/schedule`),
      200,
    );
    return drop.id;
  };

  // One app and database for the file; each test signs up its own shop
  // and co-op, so nothing one test makes is seen by another.
  let n = 0;
  beforeAll(async () => {
    // Two logins per test: keep the login rate limit out of the way.
    t = await createTestApp({ settings: { loginPerMinute: 1000 } });
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    n += 1;
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: {
        email: `lina${n}@example.test`,
        password: PASSWORD,
        name: 'Lina',
        shopName: 'Lino & Filo',
      },
    });
    const { shop } = body<{ shop: { id: string } }>(signup, 201);
    maker = caller(
      t.app,
      await login(t.app, `lina${n}@example.test`, PASSWORD),
    );

    // The co-op and its locker, set up by its manager through the API.
    const managerId = await createUser(
      t.deps.db.kysely,
      { email: `coop${n}@example.test`, name: 'Coop', password: PASSWORD },
      t.clock.now(),
    );
    const coopId = await createCoop(
      t.deps.db.kysely,
      { name: 'Rione Sanità', city: 'Napoli', managerId },
      t.clock.now(),
    );
    const manager = caller(
      t.app,
      await login(t.app, `coop${n}@example.test`, PASSWORD),
    );
    body(
      await manager('POST', `/api/coops/${coopId}/shops`, { shopId: shop.id }),
      201,
    );
    const hub = body<{ id: string }>(
      await manager('POST', `/api/coops/${coopId}/hubs`, {
        name: 'Locker Sanità',
        kind: 'locker',
        address: 'Via della Sanità 10',
        capacity: 30,
      }),
      201,
    );

    const product = body<{ id: string }>(
      await maker('POST', `/api/shops/${shop.id}/products`, {
        name: 'Runner da tavola',
        description: 'Lino lavato',
      }),
      201,
    );
    const variantIds: string[] = [];
    for (const name of ['Naturale', 'Blu']) {
      const variant = body<{ id: string }>(
        await maker(
          'POST',
          `/api/shops/${shop.id}/products/${product.id}/variants`,
          {
            name,
            priceCents: 4500,
            ivaRateBp: 2200,
            unitCostCents: 1800,
          },
        ),
        201,
      );
      variantIds.push(variant.id);
    }
    const popup = body<{ id: string }>(
      await maker('POST', `/api/shops/${shop.id}/popups`, {
        name: 'Mercatino di Piazza Bellini',
        place: 'Piazza Bellini',
        startsAt: new Date(t.clock.now() + 96 * H).toISOString(),
        endsAt: new Date(t.clock.now() + 104 * H).toISOString(),
      }),
      201,
    );
    const slotIds: string[] = [];
    for (const start of [96, 98]) {
      const slot = body<{ id: string }>(
        await maker('POST', `/api/shops/${shop.id}/popups/${popup.id}/slots`, {
          startsAt: new Date(t.clock.now() + start * H).toISOString(),
          endsAt: new Date(t.clock.now() + (start + 2) * H).toISOString(),
          capacity: 12,
        }),
        201,
      );
      slotIds.push(slot.id);
    }
    ids = {
      shopId: shop.id,
      coopId,
      hubId: hub.id,
      productId: product.id,
      variantIds,
      popupId: popup.id,
      slotIds,
    };
  });

  it('builds a catalogue, pop-up and hub that read back', async () => {
    const product = body<{ variants: { name: string; priceCents: number }[] }>(
      await maker('GET', `/api/shops/${ids.shopId}/products/${ids.productId}`),
      200,
    );
    expect(product.variants.map((v) => v.name)).toEqual(['Blu', 'Naturale']);

    const popup = body<{ slots: { capacity: number; remaining: number }[] }>(
      await maker('GET', `/api/shops/${ids.shopId}/popups/${ids.popupId}`),
      200,
    );
    expect(popup.slots.map((s) => s.remaining)).toEqual([12, 12]);

    const hubs = body<{
      hubs: { id: string; remaining: number; coopName: string }[];
    }>(await maker('GET', `/api/shops/${ids.shopId}/hubs`), 200);
    expect(hubs.hubs).toEqual([
      expect.objectContaining({
        id: ids.hubId,
        remaining: 30,
        coopName: 'Rione Sanità',
      }),
    ]);

    const renamed = body<{ name: string; description: string }>(
      await maker(
        'PATCH',
        `/api/shops/${ids.shopId}/products/${ids.productId}`,
        {
          name: 'Runner di lino',
        },
      ),
      200,
    );
    expect(renamed).toMatchObject({
      name: 'Runner di lino',
      description: 'Lino lavato',
    });
    const repriced = body(
      await maker(
        'PATCH',
        `/api/shops/${ids.shopId}/variants/${ids.variantIds[0]}`,
        {
          priceCents: 4800,
          unitCostCents: 1900,
        },
      ),
      200,
    );
    expect(repriced).toMatchObject({
      name: 'Naturale',
      priceCents: 4800,
      unitCostCents: 1900,
    });
    const list = body<{ products: unknown[] }>(
      await maker('GET', `/api/shops/${ids.shopId}/products`),
      200,
    );
    expect(list.products).toHaveLength(1);
  });

  it('plans a draft, schedules it and shows it to the public', async () => {
    const draft = body<{
      id: string;
      phase: string;
      cap: number;
      contingency: number;
    }>(await maker('POST', `/api/shops/${ids.shopId}/drops`, dropBody()), 201);
    expect(draft).toMatchObject({ phase: 'draft', cap: 15, contingency: 3 });
    expect((await t.app.inject(`/api/drops/${draft.id}`)).statusCode).toBe(404);

    const scheduled = body<{ phase: string }>(
      await maker(
        'POST',
        `/api/shops/${ids.shopId}/drops/${draft.id}/schedule`,
      ),
      200,
    );
    expect(scheduled.phase).toBe('open');
    const again = await maker(
      'POST',
      `/api/shops/${ids.shopId}/drops/${draft.id}/schedule`,
    );
    expect(again.statusCode).toBe(409);

    const page = body<{
      items: { available: number }[];
      pickup: { slots: unknown[]; hubs: { remaining: number }[] };
    }>(await t.app.inject(`/api/drops/${draft.id}`), 200);
    expect(page.items.map((i) => i.available)).toEqual([4, 8]);
    expect(page.pickup.slots).toHaveLength(2);
    expect(page.pickup.hubs[0]?.remaining).toBe(30);

    const list = body<{
      drops: { id: string; phase: string; claimed: number }[];
    }>(await maker('GET', `/api/shops/${ids.shopId}/drops`), 200);
    expect(list.drops).toEqual([
      expect.objectContaining({ id: draft.id, phase: 'open', claimed: 0 }),
    ]);
  });

  it.each([
    ['24 h', 24],
    ['120 h', 120],
  ])('refuses a %s window with a 400 naming the field', async (_, hours) => {
    const answer = await maker(
      'POST',
      `/api/shops/${ids.shopId}/drops`,
      dropBody({ closesAt: at(hours) }),
    );
    expect(answer.statusCode).toBe(400);
    const problem = expectProblemShape(answer);
    expect(problem.type).toMatch(/validation-failed$/);
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: 'body.closesAt' }),
    ]);
    const list = body<{ drops: unknown[] }>(
      await maker('GET', `/api/shops/${ids.shopId}/drops`),
      200,
    );
    expect(list.drops).toEqual([]);
  });

  it('sells the contingency wholesale, and a cancellation gives it back', async () => {
    const dropId = await openDrop();
    const consumer = await t.app.inject({
      method: 'POST',
      url: `/api/drops/${dropId}/orders`,
      headers: { 'idempotency-key': 'c1' },
      payload: {
        items: [{ variantId: ids.variantIds[0], quantity: 9 }],
        fulfilment: { kind: 'hub', hubId: ids.hubId },
        customer: { name: 'Maria', email: 'maria@example.test' },
      },
    });
    expect(consumer.statusCode).toBe(409);

    const wholesale = (key: string, quantity: number) =>
      maker(
        'POST',
        `/api/shops/${ids.shopId}/drops/${dropId}/wholesale-orders`,
        {
          items: [{ variantId: ids.variantIds[0], quantity }],
          buyer: { name: 'Rivendita Toledo', email: 'ordini@toledo.test' },
        },
        { 'idempotency-key': key },
      );
    const order = body<{ id: string; channel: string; totalCents: number }>(
      await wholesale('w1', 10),
      201,
    );
    expect(order).toMatchObject({ channel: 'wholesale', totalCents: 45_000 });
    const replay = await wholesale('w1', 10);
    expect(replay.statusCode).toBe(201);
    expect(replay.json<{ id: string }>().id).toBe(order.id);
    expect((await wholesale('w2', 1)).json<{ type: string }>().type).toMatch(
      /sold-out$/,
    );

    const view = body<{
      items: {
        variantId: string;
        claimed: number;
        wholesaleClaimed: number;
        available: number;
      }[];
      orders: number;
      unitsOrdered: number;
    }>(await maker('GET', `/api/shops/${ids.shopId}/drops/${dropId}`), 200);
    expect(
      view.items.find((i) => i.variantId === ids.variantIds[0]),
    ).toMatchObject({
      claimed: 10,
      wholesaleClaimed: 10,
      available: 0,
    });
    expect(view).toMatchObject({ orders: 1, unitsOrdered: 10 });

    const cancelled = body<{ status: string }>(
      await maker('POST', `/api/shops/${ids.shopId}/orders/${order.id}/cancel`),
      200,
    );
    expect(cancelled.status).toBe('cancelled');
    const twice = await maker(
      'POST',
      `/api/shops/${ids.shopId}/orders/${order.id}/cancel`,
    );
    expect(twice.statusCode).toBe(409);

    const page = body<{ items: { variantId: string; available: number }[] }>(
      await t.app.inject(`/api/drops/${dropId}`),
      200,
    );
    expect(
      page.items.find((i) => i.variantId === ids.variantIds[0])?.available,
    ).toBe(8);
    expect(await auditLedger(t.deps.db.kysely)).toEqual([]);
  });

  it('cancels a consumer order and frees its slot', async () => {
    const dropId = await openDrop();
    const placed = await t.app.inject({
      method: 'POST',
      url: `/api/drops/${dropId}/orders`,
      headers: { 'idempotency-key': 'c2' },
      payload: {
        items: [{ variantId: ids.variantIds[1], quantity: 3 }],
        fulfilment: { kind: 'slot', slotId: ids.slotIds[0] },
        customer: { name: 'Maria', email: 'maria@example.test' },
      },
    });
    const order = body<{ id: string }>(placed, 201);
    const seen = body<{ status: string; customer: { email: string } }>(
      await maker('GET', `/api/shops/${ids.shopId}/orders/${order.id}`),
      200,
    );
    expect(seen).toMatchObject({
      status: 'placed',
      customer: { email: 'maria@example.test' },
    });

    body(
      await maker('POST', `/api/shops/${ids.shopId}/orders/${order.id}/cancel`),
      200,
    );
    const page = body<{
      items: { variantId: string; available: number }[];
      pickup: { slots: { slotId: string; remaining: number }[] };
    }>(await t.app.inject(`/api/drops/${dropId}`), 200);
    expect(
      page.items.find((i) => i.variantId === ids.variantIds[1])?.available,
    ).toBe(4);
    expect(
      page.pickup.slots.find((s) => s.slotId === ids.slotIds[0])?.remaining,
    ).toBe(12);
    expect(await auditLedger(t.deps.db.kysely)).toEqual([]);
  });

  it('fulfils a drop only once it is confirmed', async () => {
    const dropId = await openDrop();
    const early = await maker(
      'POST',
      `/api/shops/${ids.shopId}/drops/${dropId}/fulfil`,
    );
    expect(early.statusCode).toBe(409);
    expect(expectProblemShape(early).type).toMatch(/invalid-state$/);

    t.clock.advance(72 * H);
    const settled = await settleClosedDrops(t.deps);
    expect(settled.find((s) => s.dropId === dropId)?.outcome).toBe('confirmed');
    const fulfilled = body<{ phase: string }>(
      await maker('POST', `/api/shops/${ids.shopId}/drops/${dropId}/fulfil`),
      200,
    );
    expect(fulfilled.phase).toBe('fulfilled');
    const twice = await maker(
      'POST',
      `/api/shops/${ids.shopId}/drops/${dropId}/fulfil`,
    );
    expect(twice.statusCode).toBe(409);
  });

  it('pages through orders by drop and status', async () => {
    const dropId = await openDrop();
    const placedIds: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      t.clock.advance(60_000);
      const answer = await t.app.inject({
        method: 'POST',
        url: `/api/drops/${dropId}/orders`,
        headers: { 'idempotency-key': `p${i}` },
        payload: {
          items: [{ variantId: ids.variantIds[0], quantity: 1 }],
          fulfilment: { kind: 'hub', hubId: ids.hubId },
          customer: { name: `Cliente ${i}`, email: `c${i}@example.test` },
        },
      });
      placedIds.push(body<{ id: string }>(answer, 201).id);
    }
    body(
      await maker(
        'POST',
        `/api/shops/${ids.shopId}/orders/${placedIds[0]}/cancel`,
      ),
      200,
    );

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page: { orders: { id: string }[]; nextCursor: string | null } =
        body(
          await maker(
            'GET',
            `/api/shops/${ids.shopId}/orders?dropId=${dropId}&limit=2${query}`,
          ),
          200,
        );
      seen.push(...page.orders.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...placedIds].reverse());

    const placed = body<{ orders: { id: string }[] }>(
      await maker('GET', `/api/shops/${ids.shopId}/orders?status=placed`),
      200,
    );
    expect(placed.orders).toHaveLength(4);
    const cancelled = body<{ orders: { id: string }[] }>(
      await maker('GET', `/api/shops/${ids.shopId}/orders?status=cancelled`),
      200,
    );
    expect(cancelled.orders.map((o) => o.id)).toEqual([placedIds[0]]);
  });
});
