import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLedger } from '../src/features/stock/audit';
import { DIALECT, createTestApp, type TestApp } from './harness';
import { openDropFixture, orderBody, type DropFixture } from './fixtures';

describe(`storefront API on ${DIALECT}`, () => {
  let t: TestApp;
  let fixture: DropFixture;

  beforeEach(async () => {
    t = await createTestApp();
    fixture = await openDropFixture(t.deps, {
      caps: [10, 5],
      contingencyBp: 2000,
    });
  });
  afterEach(() => t.close());

  const order = (body: Record<string, unknown>, key: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/drops/${fixture.dropId}/orders`,
      headers: { 'idempotency-key': key },
      payload: body,
    });

  it('leads the address npm start prints to the API docs', async () => {
    const response = await t.app.inject('/');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/api/docs');
    const docs = await t.app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('shows the drop with availability net of the contingency', async () => {
    const response = await t.app.inject(`/api/drops/${fixture.dropId}`);
    expect(response.statusCode).toBe(200);
    const drop = response.json<{
      phase: string;
      items: { available: number }[];
      pickup: {
        slots: unknown[];
        hubs: { remaining: number }[];
        shipping: boolean;
      };
    }>();
    expect(drop.phase).toBe('open');
    expect(drop.items.map((i) => i.available)).toEqual([8, 4]);
    expect(drop.pickup.slots).toHaveLength(2);
    expect(drop.pickup.hubs[0]?.remaining).toBe(40);
    expect(drop.pickup.shipping).toBe(true);
  });

  it('places an order and counts it down', async () => {
    const response = await order(
      orderBody(fixture, {
        items: [{ variantId: fixture.variantIds[0], quantity: 3 }],
        fulfilment: { kind: 'slot', slotId: fixture.slotIds[0] },
        ref: 'ig-maria',
      }),
      'k1',
    );
    expect(response.statusCode).toBe(201);
    const placed = response.json();
    expect(placed.totalCents).toBe(13_500);
    expect(placed.ivaCents).toBe(2434);
    expect(placed.channel).toBe('social_referral');
    expect(placed.pickupCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const drop = (await t.app.inject(`/api/drops/${fixture.dropId}`)).json();
    expect(drop.items[0].available).toBe(5);
    expect(drop.pickup.slots[0].remaining).toBe(19);
    expect(await auditLedger(t.deps.db.kysely)).toEqual([]);
  });

  it('never sells the contingency to consumers', async () => {
    const response = await order(
      orderBody(fixture, {
        items: [{ variantId: fixture.variantIds[0], quantity: 9 }],
      }),
      'k2',
    );
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain(
      'application/problem+json',
    );
    expect(response.json().type).toMatch(/sold-out$/);
    expect(response.json().available).toBe(8);
  });

  it('holds a cart and turns the hold into the order', async () => {
    const items = [{ variantId: fixture.variantIds[1], quantity: 4 }];
    const hold = await t.app.inject({
      method: 'POST',
      url: `/api/drops/${fixture.dropId}/holds`,
      payload: { items },
    });
    expect(hold.statusCode).toBe(201);
    const { holdId, expiresAt } = hold.json<{
      holdId: string;
      expiresAt: string;
    }>();
    expect(Date.parse(expiresAt) - t.clock.now()).toBe(15 * 60_000);

    const second = await t.app.inject({
      method: 'POST',
      url: `/api/drops/${fixture.dropId}/holds`,
      payload: { items: [{ variantId: fixture.variantIds[1], quantity: 1 }] },
    });
    expect(second.statusCode).toBe(409);

    const placed = await order(orderBody(fixture, { items, holdId }), 'k3');
    expect(placed.statusCode).toBe(201);
    const drop = (await t.app.inject(`/api/drops/${fixture.dropId}`)).json();
    expect(drop.items[1].available).toBe(0);
    expect(await auditLedger(t.deps.db.kysely)).toEqual([]);
  });

  it('releases an expired hold so others can buy', async () => {
    const items = [{ variantId: fixture.variantIds[1], quantity: 4 }];
    await t.app.inject({
      method: 'POST',
      url: `/api/drops/${fixture.dropId}/holds`,
      payload: { items },
    });
    t.clock.advance(16 * 60_000);
    const placed = await order(orderBody(fixture, { items }), 'k4');
    expect(placed.statusCode).toBe(201);
    expect(await auditLedger(t.deps.db.kysely)).toEqual([]);
  });

  it('refuses orders before and after the window', async () => {
    t.clock.advance(72 * 3_600_000);
    const late = await order(orderBody(fixture), 'k5');
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toMatch(/window-closed$/);
  });

  it('answers slot-full and hub-full', async () => {
    const small = await openDropFixture(t.deps, {
      slotCapacity: 1,
      hubCapacity: 1,
    });
    const place = (fulfilment: Record<string, unknown>, key: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/drops/${small.dropId}/orders`,
        headers: { 'idempotency-key': key },
        payload: orderBody(small, { fulfilment }),
      });
    expect(
      (await place({ kind: 'slot', slotId: small.slotIds[0] }, 's1'))
        .statusCode,
    ).toBe(201);
    const full = await place({ kind: 'slot', slotId: small.slotIds[0] }, 's2');
    expect(full.json().type).toMatch(/slot-full$/);
    expect(
      (await place({ kind: 'hub', hubId: small.hubId }, 'h1')).statusCode,
    ).toBe(201);
    const hubFull = await place({ kind: 'hub', hubId: small.hubId }, 'h2');
    expect(hubFull.json().type).toMatch(/hub-full$/);
  });
});
