import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDrop, scheduleDrop } from '../src/features/drops/drop-admin';
import { settleClosedDrops } from '../src/features/drops/settlement';
import { placeOrder } from '../src/features/orders/place-order';
import { CreateOrderSchema } from '@bottega/domain';
import { DIALECT, createTestApp, type TestApp } from './harness';
import { openDropFixture, orderBody, type DropFixture } from './fixtures';

const H = 3_600_000;

interface ForecastBody {
  unitsSoFar: number;
  windowFraction: number;
  history: { shopDrops: number; coopDrops: number };
  forecast: {
    mean: number;
    quantiles: { p: number; units: number }[];
    probMinimum: number | null;
  };
  plan: {
    quantity: number;
    contingencyUnits: number;
    produce: number;
    criticalRatio: number;
  };
  whatIf: { quantity: number; expectedSold: number } | null;
}

describe(`drop forecast API on ${DIALECT}`, () => {
  let t: TestApp;
  let fixture: DropFixture;
  let cookie: string;

  const buy = async (drop: DropFixture, count: number, key: string) => {
    for (let i = 0; i < count; i += 1) {
      const body = CreateOrderSchema.parse(
        orderBody(drop, {
          customer: { name: 'C', email: `c${key}${i}@example.test` },
        }),
      );
      await placeOrder(t.deps, drop.dropId, body, `${key}-${i}`);
    }
  };

  beforeEach(async () => {
    t = await createTestApp();
    fixture = await openDropFixture(t.deps, {
      caps: [200, 50],
      contingencyBp: 2000,
      minimumUnits: 30,
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: fixture.ownerEmail, password: fixture.password },
    });
    cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  });
  afterEach(() => t.close());

  const get = (query = '', as = cookie) =>
    t.app.inject({
      url: `/api/drops/${fixture.dropId}/forecast${query}`,
      headers: as ? { cookie: as } : {},
    });

  it('forecasts a drop with no history and no orders yet', async () => {
    const response = await get();
    expect(response.statusCode).toBe(200);
    const body = response.json<ForecastBody>();
    expect(body.unitsSoFar).toBe(0);
    expect(body.history).toEqual({ shopDrops: 0, coopDrops: 0 });
    const values = body.forecast.quantiles.map((q) => q.units);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(body.forecast.mean).toBeGreaterThan(0);
    expect(body.plan.produce).toBeGreaterThanOrEqual(body.plan.quantity);
    expect(body.plan.contingencyUnits).toBe(
      Math.ceil(body.plan.quantity * 0.2 - 1e-9),
    );
  });

  it('moves with the orders as they arrive', async () => {
    t.clock.advance(18 * H);
    const before = (await get()).json<ForecastBody>();
    await buy(fixture, 25, 'a');
    const after = (await get('?quantity=60')).json<ForecastBody>();
    expect(after.unitsSoFar).toBe(25);
    expect(after.windowFraction).toBe(0.25);
    expect(after.forecast.quantiles[0]?.units).toBeGreaterThanOrEqual(25);
    expect(after.forecast.mean).toBeGreaterThan(before.forecast.mean);
    expect(after.forecast.probMinimum).toBeGreaterThan(
      before.forecast.probMinimum ?? 1,
    );
    expect(after.whatIf?.quantity).toBe(60);
  });

  it('learns from the shop’s past drops', async () => {
    const blank = (await get()).json<ForecastBody>();
    for (let hour = 0; hour < 72; hour += 1) {
      await buy(fixture, 2, `p${hour}`);
      t.clock.advance(H);
    }
    t.clock.advance(H);
    await settleClosedDrops(t.deps);

    const now = t.clock.now();
    const nextId = await createDrop(
      t.deps.db.kysely,
      fixture.shopId,
      {
        title: 'Autumn runner',
        opensAt: new Date(now).toISOString(),
        closesAt: new Date(now + 72 * H).toISOString(),
        minimumUnits: null,
        contingencyBp: 1000,
        items: [{ variantId: fixture.variantIds[0] ?? '', cap: 300 }],
        popupIds: [],
        hubIds: [],
        shipping: true,
      },
      now,
    );
    await scheduleDrop(t.deps, fixture.shopId, nextId);
    const response = await t.app.inject({
      url: `/api/drops/${nextId}/forecast`,
      headers: { cookie },
    });
    const learned = response.json<ForecastBody>();
    expect(learned.history).toEqual({ shopDrops: 1, coopDrops: 1 });
    expect(learned.forecast.mean).toBeGreaterThan(blank.forecast.mean);
    // 144 units last time: the median moves there, the spread stays wide
    // with a single drop of history.
    expect(learned.forecast.quantiles[3]?.units).toBeGreaterThan(60);
    expect(learned.forecast.quantiles[3]?.units).toBeLessThan(300);
  });

  it('is for the drop’s shop only', async () => {
    expect((await get('', '')).statusCode).toBe(401);
    const other = await openDropFixture(t.deps);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: other.ownerEmail, password: other.password },
    });
    const stranger = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const response = await get('', stranger);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain(
      'application/problem+json',
    );
  });

  it('refuses a salvage value at or above the cost', async () => {
    const response = await get('?salvageCents=5000');
    expect(response.statusCode).toBe(400);
    expect(
      response.json<{ errors: { field: string }[] }>().errors[0]?.field,
    ).toBe('querystring.salvageCents');
  });
});
