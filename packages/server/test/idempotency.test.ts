import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDrop, scheduleDrop } from '../src/features/drops/drop-admin';
import { createHold } from '../src/features/drops/holds';
import { cancelOrder } from '../src/features/orders/cancel-order';
import { auditLedger } from '../src/features/stock/audit';
import { inTransaction } from '../src/platform/deps';
import { DIALECT, createTestApp, type TestApp } from './harness';
import { openDropFixture, orderBody, type DropFixture } from './fixtures';

const H = 3_600_000;

describe(`idempotent orders on ${DIALECT}`, () => {
  let t: TestApp;
  let fixture: DropFixture;

  beforeEach(async () => {
    t = await createTestApp();
    fixture = await openDropFixture(t.deps, { caps: [10, 1] });
  });
  afterEach(() => t.close());

  const post = (
    body: Record<string, unknown>,
    key: string | null,
    dropId = fixture.dropId,
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/drops/${dropId}/orders`,
      headers: key === null ? {} : { 'idempotency-key': key },
      payload: body,
    });

  const countOrders = async () =>
    (await t.deps.db.kysely.selectFrom('orders').select('id').execute()).length;

  it('makes one order from the same POST sent 20 times at once', async () => {
    const body = orderBody(fixture, {
      fulfilment: { kind: 'slot', slotId: fixture.slotIds[0] },
    });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(body, 'twenty-at-once')),
    );

    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const ids = new Set(responses.map((r) => r.json<{ id: string }>().id));
    expect(ids.size).toBe(1);
    const replayed = responses.filter(
      (r) => r.headers['idempotent-replayed'] === 'true',
    );
    expect(replayed).toHaveLength(19);
    const first = responses.find((r) => !r.headers['idempotent-replayed']);
    for (const replay of replayed) expect(replay.json()).toEqual(first?.json());

    expect(await countOrders()).toBe(1);
    const drop = (await t.app.inject(`/api/drops/${fixture.dropId}`)).json();
    expect(drop.items[0].available).toBe(9);
    expect(drop.pickup.slots[0].remaining).toBe(19);
    expect(await auditLedger(t.deps.db.kysely)).toEqual([]);
  });

  it('replays the first answer even after the stock has moved', async () => {
    const body = orderBody(fixture, {
      items: [{ variantId: fixture.variantIds[1], quantity: 1 }],
    });
    const first = await post(body, 'k-replay');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const again = await post(body, 'k-replay');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await countOrders()).toBe(1);
  });

  it('refuses the same key with another body, changing nothing', async () => {
    const first = await post(orderBody(fixture), 'k-reused');
    expect(first.statusCode).toBe(201);

    const other = await post(
      orderBody(fixture, {
        items: [{ variantId: fixture.variantIds[0], quantity: 2 }],
      }),
      'k-reused',
    );
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.json()).toMatchObject({
      type: '/api/problems/idempotency-key-reused',
      status: 422,
    });
    expect(await countOrders()).toBe(1);
    const drop = (await t.app.inject(`/api/drops/${fixture.dropId}`)).json();
    expect(drop.items[0].available).toBe(9);
  });

  it('sorts 20 racing requests of two bodies under one key', async () => {
    const one = orderBody(fixture);
    const two = orderBody(fixture, {
      customer: { name: 'Luca', email: 'luca@example.test' },
    });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(i % 2 === 0 ? one : two, 'k-race'),
      ),
    );

    expect(await countOrders()).toBe(1);
    const won = responses.filter((r) => r.statusCode === 201);
    const lost = responses.filter((r) => r.statusCode === 422);
    expect(won.length + lost.length).toBe(20);
    expect(won).toHaveLength(10);
    const winner = won[0]?.json<{ customer: { email: string } }>();
    for (const response of won) expect(response.json()).toEqual(winner);
    const winnerIsOne = winner?.customer.email === 'maria@example.test';
    for (const [i, response] of responses.entries()) {
      expect(response.statusCode).toBe(
        (i % 2 === 0) === winnerIsOne ? 201 : 422,
      );
    }
  });

  it('answers 400 naming the header when the key is missing', async () => {
    const response = await post(orderBody(fixture), null);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain(
      'application/problem+json',
    );
    expect(JSON.stringify(response.json())).toMatch(/idempotency-key/i);
    expect(await countOrders()).toBe(0);

    const blank = await post(orderBody(fixture), '');
    expect(blank.statusCode).toBe(400);
    expect(await countOrders()).toBe(0);
  });

  it('keeps keys of different drops apart', async () => {
    const db = t.deps.db.kysely;
    const sibling = await createDrop(
      db,
      fixture.shopId,
      {
        title: 'Autumn runner',
        opensAt: new Date(t.clock.now()).toISOString(),
        closesAt: new Date(t.clock.now() + 72 * H).toISOString(),
        minimumUnits: null,
        contingencyBp: 0,
        items: [{ variantId: fixture.variantIds[0] ?? '', cap: 5 }],
        popupIds: [],
        hubIds: [],
        shipping: true,
      },
      t.clock.now(),
    );
    await scheduleDrop(t.deps, fixture.shopId, sibling);

    // The very same body and key, on two drops: two orders.
    const body = orderBody(fixture);
    const here = await post(body, 'k-shared');
    const there = await post(body, 'k-shared', sibling);
    expect(here.statusCode).toBe(201);
    expect(there.statusCode).toBe(201);
    expect(there.headers['idempotent-replayed']).toBeUndefined();
    expect(there.json().id).not.toBe(here.json().id);
    expect(there.json().dropId).toBe(sibling);
    expect(await countOrders()).toBe(2);
  });

  it('does not burn a key on a sold-out refusal', async () => {
    const lastOne = {
      items: [{ variantId: fixture.variantIds[1], quantity: 1 }],
    };
    const taken = await post(orderBody(fixture, lastOne), 'k-first');
    expect(taken.statusCode).toBe(201);

    const body = orderBody(fixture, {
      ...lastOne,
      customer: { name: 'Luca', email: 'luca@example.test' },
    });
    const refused = await post(body, 'k-waiting');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toMatch(/sold-out$/);

    await inTransaction(t.deps, (tx) =>
      cancelOrder(tx, fixture.shopId, taken.json<{ id: string }>().id),
    );
    const retried = await post(body, 'k-waiting');
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(await auditLedger(t.deps.db.kysely)).toEqual([]);
  });

  it('does not burn a key refused inside the transaction', async () => {
    // An expired hold on the other variant sends the order past the early
    // read into the transaction, where it is refused and rolled back.
    await createHold(t.deps, fixture.dropId, {
      items: [{ variantId: fixture.variantIds[0] ?? '', quantity: 1 }],
    });
    const taken = await post(
      orderBody(fixture, {
        items: [{ variantId: fixture.variantIds[1], quantity: 1 }],
      }),
      'k-in-first',
    );
    expect(taken.statusCode).toBe(201);
    t.clock.advance(16 * 60_000);

    const body = orderBody(fixture, {
      items: [{ variantId: fixture.variantIds[1], quantity: 1 }],
      customer: { name: 'Luca', email: 'luca@example.test' },
    });
    const refused = await post(body, 'k-in-waiting');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toMatch(/sold-out$/);
    const keys = await t.deps.db.kysely
      .selectFrom('idempotency_keys')
      .select('key')
      .where('key', '=', 'k-in-waiting')
      .execute();
    expect(keys).toEqual([]);

    await inTransaction(t.deps, (tx) =>
      cancelOrder(tx, fixture.shopId, taken.json<{ id: string }>().id),
    );
    const retried = await post(body, 'k-in-waiting');
    expect(retried.statusCode).toBe(201);
    expect(await countOrders()).toBe(2);
    expect(await auditLedger(t.deps.db.kysely)).toEqual([]);
  });

  it('makes one order from 20 real HTTP clients sending the same POST', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const body = JSON.stringify(orderBody(fixture));
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${address}/api/drops/${fixture.dropId}/orders`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': 'k-over-http',
          },
          body,
        }),
      ),
    );
    const answers = await Promise.all(
      responses.map(async (r) => ({
        status: r.status,
        replayed: r.headers.get('idempotent-replayed'),
        id: ((await r.json()) as { id: string }).id,
      })),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(answers.filter((a) => a.replayed === 'true')).toHaveLength(19);
    expect(await countOrders()).toBe(1);
    expect(await auditLedger(t.deps.db.kysely)).toEqual([]);
  });
});
