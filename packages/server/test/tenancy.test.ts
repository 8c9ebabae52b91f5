import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrop } from '../src/features/drops/drop-admin';
import { DIALECT, createTestApp, type TestApp } from './harness';
import {
  memberFixture,
  openDropFixture,
  orderBody,
  type DropFixture,
} from './fixtures';
import {
  caller,
  expectProblemShape,
  login,
  snapshot,
  type Answer,
} from './session';

const H = 3_600_000;

/** The ids of one shop that the routes below are called with. */
interface ShopIds {
  shopId: string;
  coopId: string;
  productId: string;
  variantId: string;
  dropId: string;
  draftId: string;
  popupId: string;
  orderId: string;
}

/** A route called with some shop's ids. */
interface Route {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly url: (ids: ShopIds) => string;
  readonly body?: (ids: ShopIds, other: ShopIds) => unknown;
  readonly headers?: Record<string, string>;
  /** Whose session may call it: the shop's members or its co-op manager. */
  readonly scope: 'shop' | 'coop';
  readonly mutates: boolean;
  /** Stall operators may call it (reads of drops, pop-ups, hubs). */
  readonly stall?: boolean;
}

const later = (hours: number) => new Date(Date.UTC(2026, 5, 10) + hours * H);

/** Every maker and co-op manager route, with a valid body. */
const ROUTES: readonly Route[] = [
  {
    name: 'list products',
    method: 'GET',
    scope: 'shop',
    mutates: false,
    url: (i) => `/api/shops/${i.shopId}/products`,
  },
  {
    name: 'create product',
    method: 'POST',
    scope: 'shop',
    mutates: true,
    url: (i) => `/api/shops/${i.shopId}/products`,
    body: () => ({ name: 'Tovaglia' }),
  },
  {
    name: 'read product',
    method: 'GET',
    scope: 'shop',
    mutates: false,
    url: (i) => `/api/shops/${i.shopId}/products/${i.productId}`,
  },
  {
    name: 'rename product',
    method: 'PATCH',
    scope: 'shop',
    mutates: true,
    url: (i) => `/api/shops/${i.shopId}/products/${i.productId}`,
    body: () => ({ name: 'Preso' }),
  },
  {
    name: 'add variant',
    method: 'POST',
    scope: 'shop',
    mutates: true,
    url: (i) => `/api/shops/${i.shopId}/products/${i.productId}/variants`,
    body: () => ({
      name: 'Rosso',
      priceCents: 100,
      ivaRateBp: 2200,
      unitCostCents: 50,
    }),
  },
  {
    name: 'reprice variant',
    method: 'PATCH',
    scope: 'shop',
    mutates: true,
    url: (i) => `/api/shops/${i.shopId}/variants/${i.variantId}`,
    body: () => ({ priceCents: 1 }),
  },
  {
    name: 'list drops',
    method: 'GET',
    scope: 'shop',
    mutates: false,
    stall: true,
    url: (i) => `/api/shops/${i.shopId}/drops`,
  },
  {
    name: 'create drop',
    method: 'POST',
    scope: 'shop',
    mutates: true,
    url: (i) => `/api/shops/${i.shopId}/drops`,
    body: (i) => ({
      title: 'Nuovo',
      opensAt: later(0).toISOString(),
      closesAt: later(72).toISOString(),
      items: [{ variantId: i.variantId, cap: 5 }],
      popupIds: [i.popupId],
    }),
  },
  {
    name: 'read drop',
    method: 'GET',
    scope: 'shop',
    mutates: false,
    stall: true,
    url: (i) => `/api/shops/${i.shopId}/drops/${i.dropId}`,
  },
  {
    name: 'schedule drop',
    method: 'POST',
    scope: 'shop',
    mutates: true,
    url: (i) => `/api/shops/${i.shopId}/drops/${i.draftId}/schedule`,
  },
  {
    name: 'fulfil drop',
    method: 'POST',
    scope: 'shop',
    mutates: true,
    url: (i) => `/api/shops/${i.shopId}/drops/${i.dropId}/fulfil`,
  },
  {
    name: 'wholesale order',
    method: 'POST',
    scope: 'shop',
    mutates: true,
    url: (i) => `/api/shops/${i.shopId}/drops/${i.dropId}/wholesale-orders`,
    body: (i) => ({
      items: [{ variantId: i.variantId, quantity: 1 }],
      buyer: { name: 'Rivendita', email: 'r@example.test' },
    }),
    headers: { 'idempotency-key': 'tenancy-1' },
  },
  {
    name: 'list pop-ups',
    method: 'GET',
    scope: 'shop',
    mutates: false,
    stall: true,
    url: (i) => `/api/shops/${i.shopId}/popups`,
  },
  {
    name: 'create pop-up',
    method: 'POST',
    scope: 'shop',
    mutates: true,
    url: (i) => `/api/shops/${i.shopId}/popups`,
    body: () => ({
      name: 'Fiera',
      place: 'Chiostro',
      startsAt: later(0).toISOString(),
      endsAt: later(8).toISOString(),
    }),
  },
  {
    name: 'read pop-up',
    method: 'GET',
    scope: 'shop',
    mutates: false,
    stall: true,
    url: (i) => `/api/shops/${i.shopId}/popups/${i.popupId}`,
  },
  {
    name: 'add slot',
    method: 'POST',
    scope: 'shop',
    mutates: true,
    url: (i) => `/api/shops/${i.shopId}/popups/${i.popupId}/slots`,
    body: () => ({
      startsAt: later(0).toISOString(),
      endsAt: later(1).toISOString(),
      capacity: 5,
    }),
  },
  {
    name: "shop's hubs",
    method: 'GET',
    scope: 'shop',
    mutates: false,
    stall: true,
    url: (i) => `/api/shops/${i.shopId}/hubs`,
  },
  {
    name: 'list orders',
    method: 'GET',
    scope: 'shop',
    mutates: false,
    url: (i) => `/api/shops/${i.shopId}/orders?limit=10`,
  },
  {
    name: 'read order',
    method: 'GET',
    scope: 'shop',
    mutates: false,
    url: (i) => `/api/shops/${i.shopId}/orders/${i.orderId}`,
  },
  {
    name: 'cancel order',
    method: 'POST',
    scope: 'shop',
    mutates: true,
    url: (i) => `/api/shops/${i.shopId}/orders/${i.orderId}/cancel`,
  },
  {
    name: 'list members',
    method: 'GET',
    scope: 'shop',
    mutates: false,
    url: (i) => `/api/shops/${i.shopId}/members`,
  },
  {
    name: 'add member',
    method: 'POST',
    scope: 'shop',
    mutates: true,
    url: (i) => `/api/shops/${i.shopId}/members`,
    body: () => ({
      email: 'new@example.test',
      name: 'Nuovo',
      password: 'long enough password',
      role: 'staff',
    }),
  },
  {
    name: 'read co-op',
    method: 'GET',
    scope: 'coop',
    mutates: false,
    url: (i) => `/api/coops/${i.coopId}`,
  },
  {
    name: 'add co-op shop',
    method: 'POST',
    scope: 'coop',
    mutates: true,
    url: (i) => `/api/coops/${i.coopId}/shops`,
    body: (_, other) => ({ shopId: other.shopId }),
  },
  {
    name: 'list hubs',
    method: 'GET',
    scope: 'coop',
    mutates: false,
    url: (i) => `/api/coops/${i.coopId}/hubs`,
  },
  {
    name: 'add hub',
    method: 'POST',
    scope: 'coop',
    mutates: true,
    url: (i) => `/api/coops/${i.coopId}/hubs`,
    body: () => ({
      name: 'Banco',
      kind: 'bench',
      address: 'Vico 1',
      capacity: 3,
    }),
  },
  {
    name: 'drop forecast',
    method: 'GET',
    scope: 'shop',
    mutates: false,
    url: (i) => `/api/drops/${i.dropId}/forecast`,
  },
];

/** Routes open to anyone (or to any signed-in user about themselves). */
const PUBLIC = new Set([
  'GET /api/problems/{code}',
  'POST /api/auth/signup',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/me',
  'GET /api/drops/{dropId}',
  'POST /api/drops/{dropId}/holds',
  'DELETE /api/drops/{dropId}/holds/{holdId}',
  'POST /api/drops/{dropId}/orders',
  'GET /api/drops/{dropId}/events',
]);

/** Whether a route's path names a resource of the shop (not only the shop). */
const namesResource = (route: Route) =>
  route.scope === 'shop' &&
  /\/(products|variants|drops|popups|orders)\/[0-9a-f-]{36}/.test(
    route.url(PLACEHOLDER),
  );
const PLACEHOLDER: ShopIds = {
  shopId: '00000000-0000-4000-8000-000000000000',
  coopId: '00000000-0000-4000-8000-000000000001',
  productId: '00000000-0000-4000-8000-000000000002',
  variantId: '00000000-0000-4000-8000-000000000003',
  dropId: '00000000-0000-4000-8000-000000000004',
  draftId: '00000000-0000-4000-8000-000000000005',
  popupId: '00000000-0000-4000-8000-000000000006',
  orderId: '00000000-0000-4000-8000-000000000007',
};

/** Ids written as OpenAPI path parameters, to match documented paths. */
const NAMED: ShopIds = {
  shopId: '{shopId}',
  coopId: '{coopId}',
  productId: '{productId}',
  variantId: '{variantId}',
  dropId: '{dropId}',
  draftId: '{dropId}',
  popupId: '{popupId}',
  orderId: '{orderId}',
};

describe(`tenancy on ${DIALECT}`, () => {
  let t: TestApp;
  let a: ShopIds;
  let b: ShopIds;
  let sessions: Record<
    'ownerA' | 'ownerB' | 'stallA' | 'staffA' | 'managerA' | 'managerB',
    string
  >;

  async function shopIds(fixture: DropFixture): Promise<ShopIds> {
    const db = t.deps.db.kysely;
    const variant = await db
      .selectFrom('variants')
      .select(['id', 'product_id'])
      .where('id', '=', fixture.variantIds[0] ?? '')
      .executeTakeFirstOrThrow();
    const draftId = await createDrop(
      db,
      fixture.shopId,
      {
        title: 'Bozza',
        opensAt: later(0).toISOString(),
        closesAt: later(72).toISOString(),
        minimumUnits: null,
        contingencyBp: 0,
        items: [{ variantId: variant.id, cap: 3 }],
        popupIds: [],
        hubIds: [],
        shipping: true,
      },
      t.clock.now(),
    );
    const placed = await t.app.inject({
      method: 'POST',
      url: `/api/drops/${fixture.dropId}/orders`,
      headers: { 'idempotency-key': `tenancy-${fixture.shopId}` },
      payload: orderBody(fixture),
    });
    expect(placed.statusCode).toBe(201);
    return {
      shopId: fixture.shopId,
      coopId: fixture.coopId,
      productId: variant.product_id,
      variantId: variant.id,
      dropId: fixture.dropId,
      draftId,
      popupId: fixture.popupId,
      orderId: placed.json<{ id: string }>().id,
    };
  }

  async function managerLogin(fixture: DropFixture): Promise<string> {
    const manager = await t.deps.db.kysely
      .selectFrom('coop_managers as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('u.email')
      .where('m.coop_id', '=', fixture.coopId)
      .executeTakeFirstOrThrow();
    return login(t.app, manager.email, fixture.password);
  }

  const call = (
    session: string | null,
    route: Route,
    ids: ShopIds,
    other: ShopIds,
  ): Promise<Answer> =>
    caller(t.app, session)(
      route.method,
      route.url(ids),
      route.body?.(ids, other),
      route.headers,
    );

  beforeAll(async () => {
    t = await createTestApp();
    const fixtureA = await openDropFixture(t.deps);
    const fixtureB = await openDropFixture(t.deps);
    a = await shopIds(fixtureA);
    b = await shopIds(fixtureB);
    const stall = await memberFixture(t.deps, a.shopId, 'stall');
    const staff = await memberFixture(t.deps, a.shopId, 'staff');
    sessions = {
      ownerA: await login(t.app, fixtureA.ownerEmail, fixtureA.password),
      ownerB: await login(t.app, fixtureB.ownerEmail, fixtureB.password),
      stallA: await login(t.app, stall.email, stall.password),
      staffA: await login(t.app, staff.email, staff.password),
      managerA: await managerLogin(fixtureA),
      managerB: await managerLogin(fixtureB),
    };
  });
  afterAll(() => t.close());

  it('covers every route of the API that is not public', () => {
    const documented = Object.entries(
      (t.app.swagger() as { paths: Record<string, object> }).paths,
    )
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
      )
      .filter((operation) => !PUBLIC.has(operation))
      .sort();
    const tested = ROUTES.map(
      (r) => `${r.method} ${r.url(NAMED).split('?')[0] ?? ''}`,
    ).sort();
    // Every route that is not public must join ROUTES above, so its
    // tenancy is tested.
    expect(tested).toEqual(documented);
  });

  it("refuses B's owner every route on A's ids, changing nothing", async () => {
    const before = await snapshot(t.deps.db);
    for (const route of ROUTES) {
      const onA = await call(sessions.ownerB, route, a, b);
      expect([403, 404], `${route.name} on A's shop`).toContain(onA.statusCode);
      expectProblemShape(onA);

      if (namesResource(route)) {
        // B's own shop in the path, A's product, drop, pop-up or order
        // after it: the data layer itself must refuse.
        const mixed = { ...a, shopId: b.shopId };
        const answer = await call(sessions.ownerB, route, mixed, b);
        expect(answer.statusCode, `${route.name} with B's shop`).toBe(404);
        expectProblemShape(answer);
      }
    }
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it('refuses a manager of another co-op with 404, changing nothing', async () => {
    const before = await snapshot(t.deps.db);
    for (const route of ROUTES.filter((r) => r.scope === 'coop')) {
      const answer = await call(sessions.managerB, route, a, b);
      expect(answer.statusCode, route.name).toBe(404);
      expectProblemShape(answer);
    }
    for (const route of ROUTES.filter((r) => r.scope === 'shop')) {
      const answer = await call(sessions.managerA, route, a, b);
      expect(answer.statusCode, `${route.name} by the co-op manager`).toBe(404);
    }
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it('refuses a stall operator every change with 403 but lets them read drops and pop-ups', async () => {
    const before = await snapshot(t.deps.db);
    for (const route of ROUTES.filter((r) => r.scope === 'shop')) {
      const answer = await call(sessions.stallA, route, a, b);
      if (route.stall) {
        expect(answer.statusCode, route.name).toBe(200);
      } else {
        expect(answer.statusCode, route.name).toBe(403);
        expectProblemShape(answer);
      }
    }
    const staffAdds = await call(
      sessions.staffA,
      ROUTES.find((r) => r.name === 'add member')!,
      a,
      b,
    );
    expect(staffAdds.statusCode).toBe(403);
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it('answers 401 to every route without a session, changing nothing', async () => {
    const before = await snapshot(t.deps.db);
    for (const route of ROUTES) {
      const answer = await call(null, route, a, b);
      expect(answer.statusCode, route.name).toBe(401);
      expectProblemShape(answer);

      // Signed out, a bad body or id still gets 401: no validation
      // report for strangers.
      const bad = await caller(t.app, null)(
        route.method,
        route.url({ ...a, shopId: 'x', coopId: 'x' }),
        route.body ? { nonsense: true } : undefined,
      );
      expect(bad.statusCode, `${route.name} with bad input`).toBe(401);
    }
    expect(await snapshot(t.deps.db)).toEqual(before);
  });

  it("lets A's owner and manager reach every route (so the refusals above are real)", async () => {
    for (const route of ROUTES) {
      const session =
        route.scope === 'coop' ? sessions.managerA : sessions.ownerA;
      const answer = await call(session, route, a, b);
      // The fixture's drop is open, so fulfilling it is a 409; every
      // other route succeeds.
      const expected =
        route.name === 'fulfil drop'
          ? 409
          : route.method === 'POST' && route.body
            ? 201
            : 200;
      expect(answer.statusCode, `${route.name}: ${answer.body}`).toBe(expected);
    }
  });
});
