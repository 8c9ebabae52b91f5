import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHold } from '../src/features/drops/holds';
import { settleClosedDrops } from '../src/features/drops/settlement';
import type { DropEvent } from '../src/features/events/drop-events';
import { placeWholesaleOrder } from '../src/features/orders/wholesale';
import { auditLedger } from '../src/features/stock/audit';
import { DIALECT, createTestApp, type TestApp } from './harness';
import { openDropFixture, orderBody, type DropFixture } from './fixtures';

const H = 3_600_000;

/** Everything settlement may touch, to show a second run changes nothing. */
async function snapshot(t: TestApp) {
  const db = t.deps.db.kysely;
  return {
    drops: await db
      .selectFrom('drops')
      .select(['id', 'status', 'event_seq', 'settled_at'])
      .orderBy('id')
      .execute(),
    orders: await db
      .selectFrom('orders')
      .select(['id', 'status', 'cancelled_at'])
      .orderBy('id')
      .execute(),
    items: await db
      .selectFrom('drop_items')
      .select(['id', 'claimed', 'wholesale_claimed'])
      .orderBy('id')
      .execute(),
    slots: await db.selectFrom('slots').select(['id', 'claimed']).execute(),
    hubs: await db.selectFrom('hubs').select(['id', 'claimed']).execute(),
    movements: await db.selectFrom('stock_movements').select('id').execute(),
    mails: await db.selectFrom('mail_outbox').select('id').execute(),
    events: await db.selectFrom('drop_events').select('seq').execute(),
  };
}

describe(`all-or-nothing settlement on ${DIALECT}`, () => {
  let t: TestApp;
  let fixture: DropFixture;
  let seen: DropEvent[];

  beforeEach(async () => {
    t = await createTestApp();
    fixture = await openDropFixture(t.deps, {
      caps: [10, 5],
      contingencyBp: 2000,
      minimumUnits: 10,
    });
    seen = [];
    // On PostgreSQL the fixture's own events may still be on their way.
    const { event_seq: start } = await t.deps.db.kysely
      .selectFrom('drops')
      .select('event_seq')
      .where('id', '=', fixture.dropId)
      .executeTakeFirstOrThrow();
    t.deps.events.subscribe(fixture.dropId, (event) => {
      if ('kind' in event && event.seq > start) seen.push(event);
    });
  });
  afterEach(() => t.close());

  const [a, b] = [0, 1];
  const order = (
    target: DropFixture,
    key: string,
    overrides: Record<string, unknown>,
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/drops/${target.dropId}/orders`,
      headers: { 'idempotency-key': key },
      payload: orderBody(target, overrides),
    });

  /** Three customers' orders and a reseller's: `units` in all. */
  async function placeOrders(units: number): Promise<string[]> {
    const v = fixture.variantIds;
    const placed = [
      await order(fixture, 'o1', {
        items: [{ variantId: v[a], quantity: 2 }],
        fulfilment: { kind: 'slot', slotId: fixture.slotIds[0] },
        customer: { name: 'Anna', email: 'anna@example.test' },
      }),
      await order(fixture, 'o2', {
        items: [{ variantId: v[b], quantity: 1 }],
        fulfilment: { kind: 'hub', hubId: fixture.hubId },
        customer: { name: 'Bruno', email: 'bruno@example.test' },
      }),
      await order(fixture, 'o3', {
        items: [
          { variantId: v[a], quantity: units - 5 },
          { variantId: v[b], quantity: 1 },
        ],
        customer: { name: 'Carla', email: 'carla@example.test' },
      }),
    ];
    for (const response of placed) expect(response.statusCode).toBe(201);

    const wholesale = await placeWholesaleOrder(
      t.deps,
      fixture.shopId,
      fixture.dropId,
      {
        items: [{ variantId: v[a] ?? '', quantity: 1 }],
        buyer: { name: 'Rivendita Sud', email: 'rivendita@example.test' },
      },
      'w1',
    );
    expect(wholesale.status).toBe(201);
    return [
      ...placed.map((response) => response.json<{ id: string }>().id),
      (wholesale.body as { id: string }).id,
    ];
  }

  const closeWindow = () => t.clock.advance(72 * H + 1);

  it('fails a drop below its minimum: cancels, releases, tells', async () => {
    const orderIds = await placeOrders(6);
    await createHold(t.deps, fixture.dropId, {
      items: [{ variantId: fixture.variantIds[b] ?? '', quantity: 1 }],
    });
    closeWindow();

    const settled = await settleClosedDrops(t.deps);
    expect(settled).toEqual([
      { dropId: fixture.dropId, outcome: 'failed', unitsOrdered: 6, orders: 4 },
    ]);

    const db = t.deps.db.kysely;
    const orders = await db
      .selectFrom('orders')
      .select(['id', 'status', 'cancel_reason'])
      .where('drop_id', '=', fixture.dropId)
      .execute();
    expect(orders.map((o) => o.id).sort()).toEqual([...orderIds].sort());
    for (const o of orders) {
      expect(o).toMatchObject({
        status: 'cancelled',
        cancel_reason: 'drop_failed',
      });
    }

    const items = await db
      .selectFrom('drop_items')
      .select(['claimed', 'wholesale_claimed'])
      .where('drop_id', '=', fixture.dropId)
      .execute();
    expect(items).toEqual([
      { claimed: 0, wholesale_claimed: 0 },
      { claimed: 0, wholesale_claimed: 0 },
    ]);
    const slots = await db.selectFrom('slots').select('claimed').execute();
    expect(slots.map((s) => s.claimed)).toEqual([0, 0]);
    const hubs = await db.selectFrom('hubs').select('claimed').execute();
    expect(hubs.map((h) => h.claimed)).toEqual([0]);
    const active = await db
      .selectFrom('holds')
      .select('id')
      .where('status', '=', 'active')
      .execute();
    expect(active).toEqual([]);
    expect(await auditLedger(db)).toEqual([]);

    const mails = await db
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject', 'body'])
      .where('subject', 'like', 'Lancio annullato%')
      .execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual([
      'anna@example.test',
      'bruno@example.test',
      'carla@example.test',
      'rivendita@example.test',
    ]);
    for (const mail of mails) {
      expect(mail.subject).toBe('Lancio annullato: Summer runner');
      expect(mail.body).toContain('non ha raggiunto il minimo di 10 pezzi');
    }

    await vi.waitFor(() =>
      expect(seen.filter((e) => e.kind === 'status')).toEqual([
        expect.objectContaining({
          kind: 'status',
          data: { phase: 'failed', unitsOrdered: 6 },
        }),
      ]),
    );

    const page = await t.app.inject(`/api/drops/${fixture.dropId}`);
    expect(page.json()).toMatchObject({ phase: 'failed', unitsClaimed: 0 });
  });

  it('settles a failed drop once: a second run changes nothing', async () => {
    await placeOrders(6);
    closeWindow();
    expect(await settleClosedDrops(t.deps)).toHaveLength(1);
    const before = await snapshot(t);

    t.clock.advance(H);
    expect(await settleClosedDrops(t.deps)).toEqual([]);
    expect(await snapshot(t)).toEqual(before);
  });

  it('confirms a drop that reaches its minimum and keeps its claims', async () => {
    await placeOrders(10);
    const db = t.deps.db.kysely;
    const claimsBefore = await snapshot(t);
    closeWindow();

    expect(await settleClosedDrops(t.deps)).toEqual([
      {
        dropId: fixture.dropId,
        outcome: 'confirmed',
        unitsOrdered: 10,
        orders: 4,
      },
    ]);
    const orders = await db
      .selectFrom('orders')
      .select('status')
      .where('drop_id', '=', fixture.dropId)
      .execute();
    expect(orders.map((o) => o.status)).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
      'confirmed',
    ]);
    const after = await snapshot(t);
    expect(after.items).toEqual(claimsBefore.items);
    expect(after.slots).toEqual(claimsBefore.slots);
    expect(after.hubs).toEqual(claimsBefore.hubs);
    expect(await auditLedger(db)).toEqual([]);
    const cancelMails = await db
      .selectFrom('mail_outbox')
      .select('id')
      .where('subject', 'like', 'Lancio annullato%')
      .execute();
    expect(cancelMails).toEqual([]);

    const page = await t.app.inject(`/api/drops/${fixture.dropId}`);
    expect(page.json()).toMatchObject({ phase: 'confirmed', unitsClaimed: 10 });
    await vi.waitFor(() =>
      expect(seen.at(-1)).toMatchObject({
        kind: 'status',
        data: { phase: 'confirmed', unitsOrdered: 10 },
      }),
    );
  });

  it('refuses orders and holds once the window has closed', async () => {
    closeWindow();
    const late = await order(fixture, 'late-1', {});
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toMatch(/window-closed$/);
    const hold = await t.app.inject({
      method: 'POST',
      url: `/api/drops/${fixture.dropId}/holds`,
      payload: { items: [{ variantId: fixture.variantIds[a], quantity: 1 }] },
    });
    expect(hold.statusCode).toBe(409);
    expect(hold.json().type).toMatch(/window-closed$/);

    await settleClosedDrops(t.deps);
    const afterSettling = await order(fixture, 'late-2', {});
    expect(afterSettling.statusCode).toBe(409);
    expect(afterSettling.json().type).toMatch(/window-closed$/);
    const count = await t.deps.db.kysely
      .selectFrom('orders')
      .select('id')
      .execute();
    expect(count).toEqual([]);
  });

  it('answers window-closed, not sold-out, for a sold-out closed drop', async () => {
    const small = await openDropFixture(t.deps, { caps: [1, 1] });
    expect(
      (
        await order(small, 'all-of-it', {
          items: [{ variantId: small.variantIds[a], quantity: 1 }],
        })
      ).statusCode,
    ).toBe(201);
    closeWindow();
    const late = await order(small, 'too-late', {
      items: [{ variantId: small.variantIds[a], quantity: 1 }],
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toMatch(/window-closed$/);
  });

  it('confirms a drop without a minimum, with few or no orders', async () => {
    const free = await openDropFixture(t.deps, { minimumUnits: null });
    const empty = await openDropFixture(t.deps, { minimumUnits: null });
    expect((await order(free, 'free-1', {})).statusCode).toBe(201);
    await placeOrders(6);
    closeWindow();

    const settled = await settleClosedDrops(t.deps);
    const byDrop = new Map(settled.map((s) => [s.dropId, s]));
    expect(byDrop.get(free.dropId)).toMatchObject({
      outcome: 'confirmed',
      unitsOrdered: 1,
    });
    expect(byDrop.get(empty.dropId)).toMatchObject({
      outcome: 'confirmed',
      unitsOrdered: 0,
      orders: 0,
    });
    expect(byDrop.get(fixture.dropId)).toMatchObject({ outcome: 'failed' });

    const page = await t.app.inject(`/api/drops/${free.dropId}`);
    expect(page.json()).toMatchObject({ phase: 'confirmed', unitsClaimed: 1 });
    expect(await auditLedger(t.deps.db.kysely)).toEqual([]);
  });

  it('shows a closed drop as closed until it is settled', async () => {
    closeWindow();
    const page = await t.app.inject(`/api/drops/${fixture.dropId}`);
    expect(page.json()).toMatchObject({ phase: 'closed' });
  });
  if (DIALECT === 'postgres') {
    /**
     * Holds the drop's item rows from a second connection, so that an
     * order begun while the drop takes orders is still in its transaction
     * when the drop is settled; then lets it finish.
     */
    async function settleDuring<T>(
      startAt: number,
      place: () => Promise<T>,
    ): Promise<T> {
      const url =
        t.database.location.kind === 'postgres' ? t.database.location.url : '';
      const locker = new pg.Client({ connectionString: url });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query(
        'SELECT id FROM drop_items WHERE drop_id = $1 FOR UPDATE',
        [fixture.dropId],
      );
      t.clock.set(startAt);
      const placing = place();
      await vi.waitFor(async () => {
        // Statistics are a snapshot per transaction; take a fresh one.
        await locker.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await locker.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        expect(rows[0]?.n).toBeGreaterThan(0);
      });
      t.clock.set(startAt + 2);
      // The settlement now waits for the order on the drop's row, and the
      // order for the locker: let the locker go while the settlement runs.
      const settling = settleClosedDrops(t.deps);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await locker.query('ROLLBACK');
      await locker.end();
      await settling;
      return placing;
    }

    const expectNothingLive = async () => {
      const db = t.deps.db.kysely;
      const live = await db
        .selectFrom('orders')
        .select(['status', 'channel'])
        .where('status', '!=', 'cancelled')
        .execute();
      expect(live).toEqual([]);
      const items = await db
        .selectFrom('drop_items')
        .select(['claimed', 'wholesale_claimed'])
        .execute();
      expect(items).toEqual([
        { claimed: 0, wholesale_claimed: 0 },
        { claimed: 0, wholesale_claimed: 0 },
      ]);
    };

    it('leaves no live order from the last instant on a failed drop', async () => {
      const closesAt = Date.parse(
        (await t.app.inject(`/api/drops/${fixture.dropId}`)).json<{
          closesAt: string;
        }>().closesAt,
      );
      const response = await settleDuring(closesAt - 1, () =>
        order(fixture, 'last-instant', {}),
      );
      expect([201, 409]).toContain(response.statusCode);
      await expectNothingLive();
    });

    it('leaves no live wholesale order on a drop that failed meanwhile', async () => {
      const closesAt = Date.parse(
        (await t.app.inject(`/api/drops/${fixture.dropId}`)).json<{
          closesAt: string;
        }>().closesAt,
      );
      await settleDuring(closesAt + 1, () =>
        placeWholesaleOrder(
          t.deps,
          fixture.shopId,
          fixture.dropId,
          {
            items: [{ variantId: fixture.variantIds[a] ?? '', quantity: 1 }],
            buyer: { name: 'Rivendita', email: 'rivendita@example.test' },
          },
          'w-racer',
        ).catch((error: unknown) => error),
      );
      await expectNothingLive();
    });
  }
});
