import fc from 'fast-check';
import type { CreateOrder } from '@bottega/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemError } from '../src/errors';
import { createHold, sweepExpiredHolds } from '../src/features/drops/holds';
import { cancelOrder } from '../src/features/orders/cancel-order';
import { placeOrder } from '../src/features/orders/place-order';
import { placeWholesaleOrder } from '../src/features/orders/wholesale';
import { auditLedger } from '../src/features/stock/audit';
import { inTransaction } from '../src/platform/deps';
import { DIALECT, createTestApp, type TestApp } from './harness';
import { openDropFixture, type DropFixture } from './fixtures';

/**
 * Any sequence of holds, orders, cancellations, hold expiries and releases
 * and wholesale claims keeps every counter of the ledger within its limit,
 * equal to what its history adds up to, and equal to what the live holds
 * and orders it stands for add up to.
 */

type Line = { readonly variant: number; readonly quantity: number };
type Where = 'slot0' | 'slot1' | 'hub' | 'shipping';

type Action =
  | { kind: 'hold'; lines: Line[] }
  | { kind: 'order'; lines: Line[]; where: Where; hold: number | null }
  | { kind: 'wholesale'; lines: Line[] }
  | { kind: 'cancel'; pick: number }
  | { kind: 'release'; pick: number }
  | { kind: 'wait'; minutes: number }
  | { kind: 'sweep' };

const lines = fc
  .uniqueArray(
    fc.record({
      variant: fc.integer({ min: 0, max: 1 }),
      quantity: fc.integer({ min: 1, max: 2 }),
    }),
    { minLength: 1, maxLength: 2, selector: (line) => line.variant },
  )
  .map((picked) => [...picked]);

const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('hold'), lines }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('order'),
      lines,
      where: fc.constantFrom<Where>(
        'slot0',
        'hub',
        'slot0',
        'hub',
        'slot1',
        'shipping',
      ),
      hold: fc.option(fc.nat(20), { nil: null }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('wholesale'), lines }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('cancel'), pick: fc.nat(20) }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('release'), pick: fc.nat(20) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('wait'),
      minutes: fc.integer({ min: 1, max: 16 }),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('sweep') }), weight: 1 },
);

const shape = fc.record({
  caps: fc.tuple(
    fc.integer({ min: 2, max: 8 }),
    fc.integer({ min: 1, max: 6 }),
  ),
  contingencyBp: fc.constantFrom(0, 1500, 2500, 5000),
  slotCapacity: fc.integer({ min: 1, max: 2 }),
  hubCapacity: fc.integer({ min: 1, max: 2 }),
});

const address = {
  name: 'Maria Esposito',
  line1: 'Via dei Tribunali 12',
  postcode: '80138',
  city: 'Napoli',
  country: 'IT',
};

describe(`stock ledger property on ${DIALECT}`, () => {
  let t: TestApp;
  let keys = 0;
  /** The lines the last action asked for. */
  let asked: Line[] = [];
  const outcomes = new Map<string, number>();
  const tally = (outcome: string) =>
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Runs one action; refusals (problems) are allowed outcomes. */
  async function run(
    fixture: DropFixture,
    holds: { id: string; lines: Line[] }[],
    orders: string[],
    step: Action,
  ): Promise<'done' | 'skipped'> {
    const items = (picked: Line[]) =>
      picked.map((line) => ({
        variantId: fixture.variantIds[line.variant] ?? '',
        quantity: line.quantity,
      }));
    keys += 1;
    const key = `prop-${keys}`;
    asked = 'lines' in step ? step.lines : [];

    switch (step.kind) {
      case 'hold': {
        const hold = await createHold(t.deps, fixture.dropId, {
          items: items(step.lines),
        });
        holds.push({ id: hold.holdId, lines: step.lines });
        return 'done';
      }
      case 'order': {
        const hold =
          step.hold === null || holds.length === 0
            ? null
            : (holds[step.hold % holds.length] ?? null);
        // Half the orders for a hold buy what it keeps (it converts); the
        // others buy something else and claim afresh.
        if (hold && step.hold !== null && step.hold % 2 === 0) {
          asked = hold.lines;
        }
        const input: CreateOrder = {
          items: items(asked),
          fulfilment: fulfilment(fixture, step.where),
          customer: { name: 'Maria', email: `m${keys}@example.test` },
          ...(hold ? { holdId: hold.id } : {}),
        };
        const placed = await placeOrder(t.deps, fixture.dropId, input, key);
        orders.push((placed.body as { id: string }).id);
        return 'done';
      }
      case 'wholesale': {
        const placed = await placeWholesaleOrder(
          t.deps,
          fixture.shopId,
          fixture.dropId,
          {
            items: items(step.lines),
            buyer: { name: 'Rivendita', email: 'shop@example.test' },
          },
          key,
        );
        orders.push((placed.body as { id: string }).id);
        return 'done';
      }
      case 'cancel': {
        const orderId = orders[step.pick % Math.max(1, orders.length)];
        if (!orderId) return 'skipped';
        await inTransaction(t.deps, (tx) =>
          cancelOrder(tx, fixture.shopId, orderId),
        );
        return 'done';
      }
      case 'release': {
        const hold = holds[step.pick % Math.max(1, holds.length)];
        if (!hold) return 'skipped';
        const response = await t.app.inject({
          method: 'DELETE',
          url: `/api/drops/${fixture.dropId}/holds/${hold.id}`,
        });
        expect([204, 404]).toContain(response.statusCode);
        return 'done';
      }
      case 'wait':
        t.clock.advance(step.minutes * 60_000);
        return 'done';
      case 'sweep':
        t.clock.advance(16 * 60_000);
        await sweepExpiredHolds(t.deps);
        return 'done';
    }
  }

  /** A refusal must be true: what was asked for was not there. */
  async function expectJustified(
    fixture: DropFixture,
    step: Action,
    error: ProblemError,
  ): Promise<void> {
    const db = t.deps.db.kysely;
    if (error.code === 'slot-full' || error.code === 'hub-full') {
      const full =
        error.code === 'hub-full'
          ? await db
              .selectFrom('hubs')
              .select(['capacity', 'claimed'])
              .where('id', '=', fixture.hubId)
              .executeTakeFirstOrThrow()
          : await db
              .selectFrom('slots')
              .select(['capacity', 'claimed'])
              .where('id', 'in', fixture.slotIds)
              .where((eb) => eb('claimed', '=', eb.ref('capacity')))
              .executeTakeFirstOrThrow();
      expect(full.claimed).toBe(full.capacity);
      return;
    }
    if (error.code === 'invalid-state') {
      expect(step.kind).toBe('cancel');
      return;
    }

    expect(error.code).toBe('sold-out');
    expect(['hold', 'order', 'wholesale']).toContain(step.kind);
    const variantId = error.extra.variantId as string;
    const line = asked.find((l) => fixture.variantIds[l.variant] === variantId);
    expect(line).toBeDefined();
    const quantity = line?.quantity ?? 0;
    if (step.kind === 'wholesale') {
      const item = await db
        .selectFrom('drop_items')
        .select(['cap', 'claimed'])
        .where('drop_id', '=', fixture.dropId)
        .where('variant_id', '=', variantId)
        .executeTakeFirstOrThrow();
      expect(item.cap - item.claimed).toBeLessThan(quantity);
    } else {
      expect(error.extra.available as number).toBeLessThan(quantity);
    }
  }

  async function expectConsistent(fixture: DropFixture): Promise<void> {
    const db = t.deps.db.kysely;
    expect(await auditLedger(db)).toEqual([]);

    const items = await db
      .selectFrom('drop_items')
      .select(['variant_id', 'cap', 'contingency', 'claimed'])
      .select('wholesale_claimed')
      .where('drop_id', '=', fixture.dropId)
      .execute();
    const held = await db
      .selectFrom('hold_lines as hl')
      .innerJoin('holds as h', 'h.id', 'hl.hold_id')
      .select(['hl.variant_id', 'hl.quantity'])
      .where('h.drop_id', '=', fixture.dropId)
      .where('h.status', '=', 'active')
      .execute();
    const ordered = await db
      .selectFrom('order_lines as ol')
      .innerJoin('orders as o', 'o.id', 'ol.order_id')
      .select(['ol.variant_id', 'ol.quantity', 'o.channel'])
      .where('o.drop_id', '=', fixture.dropId)
      .where('o.status', '!=', 'cancelled')
      .execute();

    for (const item of items) {
      expect(item.claimed).toBeLessThanOrEqual(item.cap);
      expect(item.wholesale_claimed).toBeGreaterThanOrEqual(0);
      expect(item.claimed - item.wholesale_claimed).toBeLessThanOrEqual(
        item.cap - item.contingency,
      );
      const sum = (rows: { variant_id: string; quantity: number }[]) =>
        rows
          .filter((row) => row.variant_id === item.variant_id)
          .reduce((total, row) => total + row.quantity, 0);
      expect(item.claimed).toBe(sum(held) + sum(ordered));
      expect(item.wholesale_claimed).toBe(
        sum(ordered.filter((row) => row.channel === 'wholesale')),
      );
    }

    const live = await db
      .selectFrom('orders')
      .select(['slot_id', 'hub_id'])
      .where('drop_id', '=', fixture.dropId)
      .where('status', '!=', 'cancelled')
      .execute();
    for (const [table, ids, column] of [
      ['slots', fixture.slotIds, 'slot_id'],
      ['hubs', [fixture.hubId], 'hub_id'],
    ] as const) {
      const rows = await db
        .selectFrom(table)
        .select(['id', 'capacity', 'claimed'])
        .where('id', 'in', ids)
        .execute();
      expect(rows).toHaveLength(ids.length);
      for (const row of rows) {
        expect(row.claimed).toBeLessThanOrEqual(row.capacity);
        expect(row.claimed).toBe(
          live.filter((order) => order[column] === row.id).length,
        );
      }
    }
  }

  it('keeps every counter within its cap and equal to its history', async () => {
    await fc.assert(
      fc.asyncProperty(
        shape,
        fc.array(action, { minLength: 1, maxLength: 30, size: 'medium' }),
        async (options, actions) => {
          const fixture = await openDropFixture(t.deps, options);
          const holds: { id: string; lines: Line[] }[] = [];
          const orders: string[] = [];
          for (const step of actions) {
            try {
              tally(`${step.kind} ${await run(fixture, holds, orders, step)}`);
            } catch (error) {
              if (!(error instanceof ProblemError)) throw error;
              tally(`${step.kind} ${error.code}`);
              await expectJustified(fixture, step, error);
            }
            await expectConsistent(fixture);
          }
        },
      ),
      { numRuns: 30 },
    );

    const full =
      (outcomes.get('order slot-full') ?? 0) +
      (outcomes.get('order hub-full') ?? 0);
    expect(full).toBeGreaterThan(0);
    // The runs must have exercised each path, not only refusals.
    const converted = await t.deps.db.kysely
      .selectFrom('holds')
      .select('id')
      .where('status', 'in', ['converted', 'expired', 'released'])
      .execute();
    expect(converted.length).toBeGreaterThan(0);
    for (const outcome of [
      'hold done',
      'hold sold-out',
      'order done',
      'order sold-out',
      'wholesale done',
      'cancel done',
      'release done',
    ]) {
      expect(outcomes.get(outcome) ?? 0, outcome).toBeGreaterThan(0);
    }
  });
  it('keeps them so when the actions race each other', async () => {
    let concurrent = 0;
    await fc.assert(
      fc.asyncProperty(
        shape,
        fc.array(fc.array(action, { minLength: 2, maxLength: 4 }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (options, batches) => {
          const fixture = await openDropFixture(t.deps, options);
          const holds: { id: string; lines: Line[] }[] = [];
          const orders: string[] = [];
          for (const batch of batches) {
            const settled = await Promise.allSettled(
              batch.map((step) => run(fixture, holds, orders, step)),
            );
            for (const outcome of settled) {
              if (outcome.status === 'fulfilled') concurrent += 1;
              else if (!(outcome.reason instanceof ProblemError)) {
                throw outcome.reason;
              }
            }
            await expectConsistent(fixture);
          }
        },
      ),
      { numRuns: 20, endOnFailure: true },
    );
    expect(concurrent).toBeGreaterThan(0);
  });
});

function fulfilment(
  fixture: DropFixture,
  where: Where,
): CreateOrder['fulfilment'] {
  switch (where) {
    case 'slot0':
      return { kind: 'slot', slotId: fixture.slotIds[0] ?? '' };
    case 'slot1':
      return { kind: 'slot', slotId: fixture.slotIds[1] ?? '' };
    case 'hub':
      return { kind: 'hub', hubId: fixture.hubId };
    case 'shipping':
      return { kind: 'shipping', address };
  }
}
