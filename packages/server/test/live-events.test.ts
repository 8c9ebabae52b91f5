import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { openDatabase } from '../src/db/database';
import { settleClosedDrops } from '../src/features/drops/settlement';
import { postgresEvents } from '../src/features/events/live-events';
import { manualClock } from '../src/platform/clock';
import { DEFAULT_SETTINGS } from '../src/platform/deps';
import { DIALECT, createTestApp, type TestApp } from './harness';
import { openDropFixture, orderBody, type DropFixture } from './fixtures';
import { openSse, type SseMessage, type SseStream } from './sse-client';

interface Availability {
  items: { variantId: string; available: number }[];
  slots: { id: string; remaining: number }[];
  hubs: { id: string; remaining: number }[];
}

const availability = (message: SseMessage) =>
  JSON.parse(message.data) as Availability;

describe(`live availability events on ${DIALECT}`, () => {
  let t: TestApp;
  let fixture: DropFixture;
  let base: string;
  let streams: SseStream[];

  beforeEach(async () => {
    t = await createTestApp();
    fixture = await openDropFixture(t.deps, {
      caps: [10, 5],
      contingencyBp: 2000,
    });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    streams = [];
  });
  afterEach(async () => {
    for (const stream of streams) await stream.close();
    await t.close();
  });

  const subscribe = async (
    url: string,
    headers: Record<string, string> = {},
  ) => {
    const stream = await openSse(url, headers);
    streams.push(stream);
    return stream;
  };
  const eventsUrl = () => `${base}/api/drops/${fixture.dropId}/events`;

  let keys = 0;
  const buy = async (quantity: number, fulfilment?: unknown) => {
    keys += 1;
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/drops/${fixture.dropId}/orders`,
      headers: { 'idempotency-key': `live-${keys}` },
      payload: orderBody(fixture, {
        items: [{ variantId: fixture.variantIds[0], quantity }],
        ...(fulfilment ? { fulfilment } : {}),
      }),
    });
    expect(response.statusCode).toBe(201);
  };

  it('starts with a snapshot, then shows each change once, in order', async () => {
    const stream = await subscribe(eventsUrl());
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');

    const first = await stream.next();
    expect(first.event).toBe('snapshot');
    const snapshot = JSON.parse(first.data) as {
      id: string;
      eventSeq: number;
      items: { variantId: string; available: number }[];
    };
    expect(snapshot.id).toBe(fixture.dropId);
    expect(first.id).toBe(String(snapshot.eventSeq));
    expect(snapshot.items.map((i) => i.available)).toEqual([8, 4]);

    await buy(1, { kind: 'slot', slotId: fixture.slotIds[0] });
    await buy(2, { kind: 'hub', hubId: fixture.hubId });
    await buy(1);
    const events = await stream.take(3);

    const start = snapshot.eventSeq;
    expect(events.map((e) => e.id)).toEqual(
      [start + 1, start + 2, start + 3].map(String),
    );
    expect(events.map((e) => e.event)).toEqual(Array(3).fill('availability'));
    expect(events.map(availability)).toEqual([
      {
        items: [{ variantId: fixture.variantIds[0], available: 7 }],
        slots: [{ id: fixture.slotIds[0], remaining: 19 }],
        hubs: [],
      },
      {
        items: [{ variantId: fixture.variantIds[0], available: 5 }],
        slots: [],
        hubs: [{ id: fixture.hubId, remaining: 39 }],
      },
      {
        items: [{ variantId: fixture.variantIds[0], available: 4 }],
        slots: [],
        hubs: [],
      },
    ]);

    // Nothing was sent twice: the next change comes right after.
    await buy(1);
    const next = await stream.next();
    expect(next.id).toBe(String(start + 4));
    expect(availability(next).items[0]?.available).toBe(3);
  });

  it('resumes from Last-Event-ID with exactly what was missed', async () => {
    const stream = await subscribe(eventsUrl());
    const snapshot = await stream.next();
    await buy(1);
    await buy(1);
    const [, last] = await stream.take(2);
    const lastId = Number(last?.id);
    expect(lastId).toBe(Number(snapshot.id) + 2);
    await stream.close();

    await buy(1);
    await buy(2);
    const resumed = await subscribe(eventsUrl(), {
      'last-event-id': String(lastId),
    });
    const missed = await resumed.take(2);
    expect(missed.map((e) => [e.id, e.event])).toEqual([
      [String(lastId + 1), 'availability'],
      [String(lastId + 2), 'availability'],
    ]);
    expect(missed.map((e) => availability(e).items[0]?.available)).toEqual([
      5, 3,
    ]);

    // And no duplicates after them: the next change is the next number.
    await buy(1);
    const next = await resumed.next();
    expect(next.id).toBe(String(lastId + 3));
    expect(availability(next).items[0]?.available).toBe(2);
  });

  it('shows only its own drop', async () => {
    const other = await openDropFixture(t.deps, { caps: [3, 3] });
    const stream = await subscribe(eventsUrl());
    const snapshot = await stream.next();

    const response = await t.app.inject({
      method: 'POST',
      url: `/api/drops/${other.dropId}/orders`,
      headers: { 'idempotency-key': 'other-drop' },
      payload: orderBody(other),
    });
    expect(response.statusCode).toBe(201);
    await buy(1);
    const next = await stream.next();
    expect(next.id).toBe(String(Number(snapshot.id) + 1));
    expect(availability(next).items[0]?.variantId).toBe(fixture.variantIds[0]);
  });

  it('tells subscribers when the drop is settled', async () => {
    const stream = await subscribe(eventsUrl());
    const snapshot = await stream.next();
    await buy(1);
    await stream.next();

    t.clock.advance(72 * 3_600_000);
    await settleClosedDrops(t.deps);
    const status = await stream.next();
    expect(status.event).toBe('status');
    expect(status.id).toBe(String(Number(snapshot.id) + 2));
    expect(JSON.parse(status.data)).toEqual({
      phase: 'confirmed',
      unitsOrdered: 1,
    });
  });

  if (DIALECT === 'postgres') {
    it('carries an order of one process to a subscriber of another', async () => {
      const url =
        t.database.location.kind === 'postgres' ? t.database.location.url : '';
      const log = pino({ level: 'silent' });
      const db = openDatabase({ kind: 'postgres', url, poolSize: 2 });
      const events = await postgresEvents(url, log);
      const second = await buildApp({
        db,
        clock: manualClock(t.clock.now()),
        log,
        events,
        settings: DEFAULT_SETTINGS,
      });
      try {
        const secondBase = await second.listen({
          port: 0,
          host: '127.0.0.1',
        });
        const stream = await subscribe(
          `${secondBase}/api/drops/${fixture.dropId}/events`,
        );
        const snapshot = await stream.next();
        expect(snapshot.event).toBe('snapshot');

        await buy(3);
        await buy(1);
        const seen = await stream.take(2);
        expect(seen.map((e) => e.id)).toEqual([
          String(Number(snapshot.id) + 1),
          String(Number(snapshot.id) + 2),
        ]);
        expect(seen.map((e) => availability(e).items[0]?.available)).toEqual([
          5, 4,
        ]);
        await stream.close();

        // Resuming on the second process finds what the first one wrote.
        await buy(2);
        const resumed = await subscribe(
          `${secondBase}/api/drops/${fixture.dropId}/events`,
          { 'last-event-id': seen[1]?.id ?? '' },
        );
        const missed = await resumed.next();
        expect(missed.id).toBe(String(Number(snapshot.id) + 3));
        expect(availability(missed).items[0]?.available).toBe(2);
        await resumed.close();
      } finally {
        await second.close();
        await events.close();
        await db.close();
      }
    });
  }
});
