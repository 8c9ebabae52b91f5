import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../src/app';
import { auditLedger } from '../src/features/stock/audit';
import { DIALECT, type TestApp, createTestApp } from './harness';
import { openDropFixture, orderBody, type DropFixture } from './fixtures';
import { expectProblemShape, login, snapshot, type Answer } from './session';

const UNKNOWN = '0b7c5a52-95a3-4b5e-9a57-6a3f7c1d2e4f';

/** One request that must be refused. */
interface Case {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly url: string;
  /** A value sent as JSON, or `{ raw }`: bytes sent as they are. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly status: number;
  /** Fields the problem's `errors[]` must name, when it is a 400. */
  readonly fields?: readonly string[];
  readonly session?: boolean;
}

/**
 * Runs per fuzz property: fixed and seeded by default; set FUZZ_RUNS for a
 * longer, randomly seeded hunt.
 */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 0);
const fuzz = (runs: number, seed: number) =>
  FUZZ_RUNS > 0 ? { numRuns: FUZZ_RUNS } : { numRuns: runs, seed };

describe(`bad input on ${DIALECT}`, () => {
  let t: TestApp;
  let f: DropFixture;
  let cookie: string;
  let productId: string;

  beforeAll(async () => {
    t = await createTestApp();
    f = await openDropFixture(t.deps, { caps: [10, 5], contingencyBp: 2000 });
    cookie = await login(t.app, f.ownerEmail, f.password);
    const variant = await t.deps.db.kysely
      .selectFrom('variants')
      .select('product_id')
      .where('id', '=', f.variantIds[0] ?? '')
      .executeTakeFirstOrThrow();
    productId = variant.product_id;
  });
  afterAll(() => t.close());

  const send = (c: Case): Promise<Answer> => {
    const headers: Record<string, string> = {
      ...(c.session ? { cookie } : {}),
      ...c.headers,
    };
    let payload: string | undefined;
    if (c.body !== undefined) {
      payload =
        typeof c.body === 'object' && c.body !== null && 'raw' in c.body
          ? String((c.body as { raw: string }).raw)
          : JSON.stringify(c.body);
      headers['content-type'] ??= 'application/json';
    }
    return t.app.inject({
      method: c.method,
      url: c.url,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
  };

  const orders = () => `/api/drops/${f.dropId}/orders`;
  const key = { 'idempotency-key': 'bad-input' };
  const line = (quantity: unknown) =>
    orderBody(f, { items: [{ variantId: f.variantIds[0], quantity }] });

  const publicCases = (): Case[] => [
    {
      name: 'malformed JSON',
      method: 'POST',
      url: orders(),
      headers: key,
      body: { raw: '{"items": [' },
      status: 400,
    },
    {
      name: 'empty JSON body',
      method: 'POST',
      url: orders(),
      headers: key,
      body: { raw: '' },
      status: 400,
    },
    {
      name: 'a JSON array',
      method: 'POST',
      url: orders(),
      headers: key,
      body: [],
      status: 400,
      fields: ['body'],
    },
    {
      name: 'a JSON string',
      method: 'POST',
      url: orders(),
      headers: key,
      body: 'hello',
      status: 400,
      fields: ['body'],
    },
    {
      name: 'JSON null',
      method: 'POST',
      url: orders(),
      headers: key,
      body: null,
      status: 400,
      fields: ['body'],
    },
    {
      name: '__proto__ poisoning',
      method: 'POST',
      url: orders(),
      headers: key,
      body: { raw: '{"__proto__": {"admin": true}}' },
      status: 400,
    },
    {
      name: 'missing fields',
      method: 'POST',
      url: orders(),
      headers: key,
      body: {},
      status: 400,
      fields: ['body.items', 'body.fulfilment', 'body.customer'],
    },
    {
      name: 'items of the wrong type',
      method: 'POST',
      url: orders(),
      headers: key,
      body: orderBody(f, { items: 'many' }),
      status: 400,
      fields: ['body.items'],
    },
    {
      name: 'an extra-long name',
      method: 'POST',
      url: orders(),
      headers: key,
      body: orderBody(f, {
        customer: { name: 'x'.repeat(20_000), email: 'a@example.test' },
      }),
      status: 400,
      fields: ['body.customer.name'],
    },
    {
      name: 'a bad email',
      method: 'POST',
      url: orders(),
      headers: key,
      body: orderBody(f, { customer: { name: 'Maria', email: 'maria' } }),
      status: 400,
      fields: ['body.customer.email'],
    },
    {
      name: 'a body over 64 KiB',
      method: 'POST',
      url: orders(),
      headers: key,
      body: orderBody(f, { ref: 'x'.repeat(BODY_LIMIT) }),
      status: 413,
    },
    {
      name: 'an XML content type',
      method: 'POST',
      url: orders(),
      headers: { ...key, 'content-type': 'application/xml' },
      body: { raw: '<order/>' },
      status: 415,
    },
    {
      name: 'a plain text body',
      method: 'POST',
      url: orders(),
      headers: { ...key, 'content-type': 'text/plain' },
      body: { raw: 'hello' },
      status: 415,
    },
    {
      name: 'a form content type',
      method: 'POST',
      url: orders(),
      headers: { ...key, 'content-type': 'application/x-www-form-urlencoded' },
      body: { raw: 'items=1' },
      status: 415,
    },
    ...[0, -1, 1.5, 1e9, '3', null, true].map((quantity): Case => ({
      name: `quantity ${JSON.stringify(quantity)}`,
      method: 'POST',
      url: orders(),
      headers: key,
      body: line(quantity),
      status: 400,
      fields: ['body.items.0.quantity'],
    })),
    {
      name: 'the same variant twice',
      method: 'POST',
      url: orders(),
      headers: key,
      body: orderBody(f, {
        items: [
          { variantId: f.variantIds[0], quantity: 1 },
          { variantId: f.variantIds[0], quantity: 1 },
        ],
      }),
      status: 400,
      fields: ['body.items'],
    },
    {
      name: 'no Idempotency-Key',
      method: 'POST',
      url: orders(),
      body: orderBody(f),
      status: 400,
      fields: ['headers.idempotency-key'],
    },
    {
      name: 'an unknown drop',
      method: 'POST',
      url: `/api/drops/${UNKNOWN}/orders`,
      headers: key,
      body: orderBody(f),
      status: 404,
    },
    {
      name: 'a malformed drop id',
      method: 'GET',
      url: '/api/drops/not-an-id',
      status: 400,
      fields: ['params.dropId'],
    },
    {
      name: 'an unknown drop read',
      method: 'GET',
      url: `/api/drops/${UNKNOWN}`,
      status: 404,
    },
    {
      name: 'an unknown variant',
      method: 'POST',
      url: orders(),
      headers: key,
      body: orderBody(f, { items: [{ variantId: UNKNOWN, quantity: 1 }] }),
      status: 422,
    },
    {
      name: 'an unknown slot',
      method: 'POST',
      url: orders(),
      headers: key,
      body: orderBody(f, { fulfilment: { kind: 'slot', slotId: UNKNOWN } }),
      status: 422,
    },
    {
      name: 'an unknown fulfilment kind',
      method: 'POST',
      url: orders(),
      headers: key,
      body: orderBody(f, { fulfilment: { kind: 'drone' } }),
      status: 400,
      fields: ['body.fulfilment.kind'],
    },
    {
      name: 'a hold of quantity 0',
      method: 'POST',
      url: `/api/drops/${f.dropId}/holds`,
      body: { items: [{ variantId: f.variantIds[0], quantity: 0 }] },
      status: 400,
      fields: ['body.items.0.quantity'],
    },
    {
      name: 'a hold of 1e9',
      method: 'POST',
      url: `/api/drops/${f.dropId}/holds`,
      body: { items: [{ variantId: f.variantIds[0], quantity: 1e9 }] },
      status: 400,
      fields: ['body.items.0.quantity'],
    },
    {
      name: 'a hold beyond the stock',
      method: 'POST',
      url: `/api/drops/${f.dropId}/holds`,
      body: { items: [{ variantId: f.variantIds[1], quantity: 5 }] },
      status: 409,
    },
    {
      name: 'an unknown route',
      method: 'GET',
      url: '/api/nothing?x=%%',
      status: 404,
    },
  ];

  const shop = () => `/api/shops/${f.shopId}`;
  const makerCases = (): Case[] =>
    (
      [
        {
          name: 'a malformed shop id',
          method: 'GET',
          url: '/api/shops/1/products',
          status: 400,
          fields: ['params.shopId'],
        },
        {
          name: 'an unknown shop',
          method: 'GET',
          url: `/api/shops/${UNKNOWN}/products`,
          status: 404,
        },
        {
          name: 'an unknown product',
          method: 'GET',
          url: `${shop()}/products/${UNKNOWN}`,
          status: 404,
        },
        {
          name: 'a malformed order id',
          method: 'GET',
          url: `${shop()}/orders/abc`,
          status: 400,
          fields: ['params.orderId'],
        },
        {
          name: 'an unknown order cancelled',
          method: 'POST',
          url: `${shop()}/orders/${UNKNOWN}/cancel`,
          status: 404,
        },
        {
          name: 'a product without a name',
          method: 'POST',
          url: `${shop()}/products`,
          body: { name: '' },
          status: 400,
          fields: ['body.name'],
        },
        {
          name: 'a product as an array',
          method: 'POST',
          url: `${shop()}/products`,
          body: [{ name: 'x' }],
          status: 400,
          fields: ['body'],
        },
        {
          name: 'a 20 000-character description',
          method: 'PATCH',
          url: `${shop()}/products/${productId}`,
          body: { description: 'd'.repeat(20_000) },
          status: 400,
          fields: ['body.description'],
        },
        {
          name: 'an empty product patch',
          method: 'PATCH',
          url: `${shop()}/products/${productId}`,
          body: {},
          status: 400,
          fields: ['body'],
        },
        {
          name: 'a negative price',
          method: 'POST',
          url: `${shop()}/products/${productId}/variants`,
          body: {
            name: 'v',
            priceCents: -1,
            ivaRateBp: 2200,
            unitCostCents: 0,
          },
          status: 400,
          fields: ['body.priceCents'],
        },
        {
          name: 'a fractional price',
          method: 'PATCH',
          url: `${shop()}/variants/${f.variantIds[0]}`,
          body: { priceCents: 12.5 },
          status: 400,
          fields: ['body.priceCents'],
        },
        {
          name: 'a price as a string',
          method: 'PATCH',
          url: `${shop()}/variants/${f.variantIds[0]}`,
          body: { priceCents: '1200' },
          status: 400,
          fields: ['body.priceCents'],
        },
        {
          name: 'an IVA rate over 100 %',
          method: 'POST',
          url: `${shop()}/products/${productId}/variants`,
          body: {
            name: 'v',
            priceCents: 1,
            ivaRateBp: 10_001,
            unitCostCents: 0,
          },
          status: 400,
          fields: ['body.ivaRateBp'],
        },
        {
          name: 'a drop without items',
          method: 'POST',
          url: `${shop()}/drops`,
          body: {
            title: 'D',
            opensAt: '2026-06-02T00:00:00Z',
            closesAt: '2026-06-05T00:00:00Z',
            items: [],
          },
          status: 400,
          fields: ['body.items'],
        },
        {
          name: 'a drop with a bad date',
          method: 'POST',
          url: `${shop()}/drops`,
          body: {
            title: 'D',
            opensAt: 'tomorrow',
            closesAt: '2026-06-05T00:00:00Z',
            items: [{ variantId: f.variantIds[0], cap: 1 }],
          },
          status: 400,
          fields: ['body.opensAt'],
        },
        {
          name: 'a drop of an unknown variant',
          method: 'POST',
          url: `${shop()}/drops`,
          body: {
            title: 'D',
            opensAt: '2026-06-02T00:00:00Z',
            closesAt: '2026-06-05T00:00:00Z',
            items: [{ variantId: UNKNOWN, cap: 1 }],
          },
          status: 422,
        },
        {
          name: 'a drop offering a pop-up twice',
          method: 'POST',
          url: `${shop()}/drops`,
          body: {
            title: 'D',
            opensAt: '2026-06-02T00:00:00Z',
            closesAt: '2026-06-05T00:00:00Z',
            items: [{ variantId: f.variantIds[0], cap: 1 }],
            popupIds: [f.popupId, f.popupId],
            hubIds: [f.hubId, f.hubId],
          },
          status: 400,
          fields: ['body.popupIds', 'body.hubIds'],
        },
        {
          name: 'a drop with cap 0',
          method: 'POST',
          url: `${shop()}/drops`,
          body: {
            title: 'D',
            opensAt: '2026-06-02T00:00:00Z',
            closesAt: '2026-06-05T00:00:00Z',
            items: [{ variantId: f.variantIds[0], cap: 0 }],
          },
          status: 400,
          fields: ['body.items.0.cap'],
        },
        {
          name: 'a slot ending before it starts',
          method: 'POST',
          url: `${shop()}/popups/${f.popupId}/slots`,
          body: {
            startsAt: '2026-06-05T10:00:00Z',
            endsAt: '2026-06-05T09:00:00Z',
            capacity: 3,
          },
          status: 400,
          fields: ['body.endsAt'],
        },
        {
          name: 'a slot of capacity -1',
          method: 'POST',
          url: `${shop()}/popups/${f.popupId}/slots`,
          body: {
            startsAt: '2026-06-05T10:00:00Z',
            endsAt: '2026-06-05T11:00:00Z',
            capacity: -1,
          },
          status: 400,
          fields: ['body.capacity'],
        },
        {
          name: 'wholesale of 1e9',
          method: 'POST',
          url: `${shop()}/drops/${f.dropId}/wholesale-orders`,
          headers: key,
          body: {
            items: [{ variantId: f.variantIds[0], quantity: 1e9 }],
            buyer: { name: 'R', email: 'r@example.test' },
          },
          status: 400,
          fields: ['body.items.0.quantity'],
        },
        {
          name: 'wholesale of an unknown variant',
          method: 'POST',
          url: `${shop()}/drops/${f.dropId}/wholesale-orders`,
          headers: key,
          body: {
            items: [{ variantId: UNKNOWN, quantity: 1 }],
            buyer: { name: 'R', email: 'r@example.test' },
          },
          status: 422,
        },
        {
          name: 'a member with role owner',
          method: 'POST',
          url: `${shop()}/members`,
          body: {
            email: 'x@example.test',
            name: 'X',
            password: 'long enough pw',
            role: 'owner',
          },
          status: 400,
          fields: ['body.role'],
        },
        {
          name: 'a hub with an unknown kind',
          method: 'POST',
          url: `/api/coops/${f.coopId}/hubs`,
          body: { name: 'H', kind: 'drone', address: 'A', capacity: 1 },
          status: 400,
          fields: ['body.kind'],
        },
        ...[
          ['limit=abc', 'querystring.limit'],
          ['limit=0', 'querystring.limit'],
          ['limit=201', 'querystring.limit'],
          ['limit=1e9', 'querystring.limit'],
          ['limit=1&limit=2', 'querystring.limit'],
          ['status=lost', 'querystring.status'],
          ['dropId=%00%ff', 'querystring.dropId'],
          ['cursor=garbage', 'querystring.cursor'],
          [`cursor=${'9'.repeat(400)}`, 'querystring.cursor'],
        ].map(([query, field]): Case => ({
          name: `orders?${query?.slice(0, 30)}`,
          method: 'GET',
          url: `${shop()}/orders?${query}`,
          status: 400,
          fields: [field ?? ''],
        })),
      ] as Case[]
    ).map((c) => ({ ...c, session: true }));

  it.each([
    ['public', publicCases],
    ['maker', makerCases],
  ] as const)(
    'answers bad %s requests with a 4xx problem naming the fields, changing nothing',
    async (_, cases) => {
      const before = await snapshot(t.deps.db);
      for (const c of cases()) {
        const answer = await send(c);
        expect(
          answer.statusCode,
          `${c.name}: ${answer.body.slice(0, 300)}`,
        ).toBe(c.status);
        const problem = expectProblemShape(answer);
        if (c.fields) {
          const named = (problem.errors as { field: string }[]).map(
            (e) => e.field,
          );
          expect(named, c.name).toEqual(expect.arrayContaining([...c.fields]));
        }
      }
      expect(await snapshot(t.deps.db)).toEqual(before);
    },
  );

  /** Row counts of every table: cheap enough to take around each run. */
  const counts = async (): Promise<Record<string, number>> => {
    const result: Record<string, number> = {};
    for (const table of [
      'orders',
      'order_lines',
      'customers',
      'holds',
      'hold_lines',
      'stock_movements',
      'drop_events',
      'idempotency_keys',
      'mail_outbox',
      'subscribers',
      'drops',
      'drop_items',
      'products',
      'variants',
    ]) {
      const row = await sql<{
        n: number;
      }>`select count(*) as n from ${sql.table(table)}`.execute(
        t.deps.db.kysely,
      );
      result[table] = Number(row.rows[0]?.n);
    }
    return result;
  };

  const asJson = (value: unknown) => JSON.stringify(value) ?? 'null';

  it('never answers 5xx to a fuzzed order body, and writes only on 201', async () => {
    // Mostly well-formed bodies with a few fields broken, so the fuzz also
    // reaches the service (and sometimes places an order), not only the
    // schema.
    const quantity = fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 4 },
      fc.integer({ min: -5, max: 2000 }),
      fc.double(),
      fc.string(),
      fc.constant(null),
    );
    const variantId = fc.oneof(
      { arbitrary: fc.constantFrom(...f.variantIds), weight: 4 },
      fc.uuid(),
      fc.string(),
    );
    const nearlyValid = fc.record(
      {
        items: fc.oneof(
          {
            arbitrary: fc.array(fc.record({ variantId, quantity }), {
              minLength: 1,
              maxLength: 2,
            }),
            weight: 4,
          },
          fc.anything(),
        ),
        fulfilment: fc.oneof(
          fc.constant({ kind: 'slot', slotId: f.slotIds[0] }),
          fc.constant({ kind: 'hub', hubId: f.hubId }),
          fc.constant({
            kind: 'shipping',
            address: {
              name: 'F',
              line1: 'Via 1',
              postcode: '80100',
              city: 'Napoli',
            },
          }),
          fc.record(
            {
              kind: fc.constantFrom('slot', 'hub', 'shipping', 'x'),
              slotId: fc.uuid(),
              hubId: fc.uuid(),
              address: fc.anything(),
            },
            { requiredKeys: ['kind'] },
          ),
          fc.anything(),
        ),
        customer: fc.oneof(
          {
            arbitrary: fc.constant({
              name: 'Fuzz',
              email: 'fuzz@example.test',
            }),
            weight: 4,
          },
          fc.record(
            { name: fc.string(), email: fc.string() },
            { requiredKeys: [] },
          ),
        ),
        holdId: fc.oneof(fc.uuid(), fc.string()),
        ref: fc.oneof(fc.constant('ig-fuzz'), fc.string()),
        subscribe: fc.oneof(fc.boolean(), fc.anything()),
      },
      { requiredKeys: ['items', 'fulfilment', 'customer'] },
    );
    let created = 0;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.anything(), fc.object(), {
          arbitrary: nearlyValid,
          weight: 3,
        }),
        async (value) => {
          n += 1;
          const before = await counts();
          const answer = await t.app.inject({
            method: 'POST',
            url: orders(),
            headers: {
              'idempotency-key': `fuzz-${n}`,
              'content-type': 'application/json',
            },
            payload: asJson(value),
          });
          expect(answer.statusCode, answer.body).toBeLessThan(500);
          if (answer.statusCode === 201) created += 1;
          else {
            expectProblemShape(answer);
            expect(await counts()).toEqual(before);
          }
        },
      ),
      fuzz(DIALECT === 'postgres' ? 60 : 120, 20260601),
    );
    // The fuzz must reach the service too, not stop at the schema.
    expect(created).toBeGreaterThan(0);
    expect(await auditLedger(t.deps.db.kysely)).toEqual([]);
  });

  it('never answers 5xx to fuzzed maker bodies', async () => {
    const urls = [
      `${shop()}/drops`,
      `${shop()}/products`,
      `${shop()}/products/${productId}/variants`,
      `${shop()}/popups/${f.popupId}/slots`,
      `${shop()}/members`,
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...urls),
        fc.oneof(fc.anything(), fc.object()),
        async (url, value) => {
          const answer = await t.app.inject({
            method: 'POST',
            url,
            headers: { cookie, 'content-type': 'application/json' },
            payload: asJson(value),
          });
          expect(answer.statusCode, answer.body).toBeLessThan(500);
          if (answer.statusCode >= 400) expectProblemShape(answer);
        },
      ),
      fuzz(DIALECT === 'postgres' ? 60 : 120, 20260602),
    );
  });
});
