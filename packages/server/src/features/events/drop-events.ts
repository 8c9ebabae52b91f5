import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Tx } from '../../platform/deps';
import type { CapacityChange, DropItemChange } from '../stock/ledger';

/** What changed in a drop's availability, as its live stream shows it. */
export interface AvailabilityChange {
  readonly items: readonly DropItemChange[];
  readonly slots: readonly CapacityChange[];
  readonly hubs: readonly CapacityChange[];
}

/** One numbered event of a drop's stream. */
export interface DropEvent {
  readonly dropId: string;
  readonly seq: number;
  readonly kind: 'availability' | 'status';
  readonly data: Record<string, unknown>;
}

/** The channel PostgreSQL notifies on. */
export const NOTIFY_CHANNEL = 'bottega_drop_events';

// NOTIFY payloads must stay under 8000 bytes; larger events travel as a
// bare number and listeners read them from the table.
const NOTIFY_PAYLOAD_LIMIT = 7000;

/**
 * Records a drop event in the unit of work, to be handed to live
 * subscribers once it commits. The number comes from the drop row, so
 * numbers are gapless and follow commit order: a subscriber that resumes
 * from a number misses nothing. On PostgreSQL the event is also notified,
 * which PostgreSQL delivers only on commit.
 */
export async function recordDropEvent(
  tx: Tx,
  dropId: string,
  kind: DropEvent['kind'],
  data: Record<string, unknown>,
): Promise<void> {
  const { db: trx, postgres, now: at } = tx;
  const row = await trx
    .updateTable('drops')
    .set({ event_seq: sql<number>`event_seq + 1` })
    .where('id', '=', dropId)
    .returning('event_seq')
    .executeTakeFirstOrThrow();
  const event: DropEvent = { dropId, seq: row.event_seq, kind, data };

  await trx
    .insertInto('drop_events')
    .values({
      drop_id: dropId,
      seq: event.seq,
      payload: JSON.stringify({ kind, data }),
      at,
    })
    .execute();

  if (postgres) {
    let payload = JSON.stringify(event);
    if (payload.length > NOTIFY_PAYLOAD_LIMIT) {
      payload = JSON.stringify({ dropId, seq: event.seq });
    }
    await sql`select pg_notify(${NOTIFY_CHANNEL}, ${payload})`.execute(trx);
  }
  tx.events.push(event);
}

/**
 * Records an availability change of a drop in the unit of work, to be
 * handed to live subscribers once it commits; nothing when nothing
 * changed.
 */
export async function publishAvailability(
  tx: Tx,
  dropId: string,
  change: AvailabilityChange,
): Promise<void> {
  if (change.items.length + change.slots.length + change.hubs.length === 0) {
    return;
  }
  await recordDropEvent(tx, dropId, 'availability', {
    items: change.items,
    slots: change.slots,
    hubs: change.hubs,
  });
}

/**
 * Reads a drop's events after a number, oldest first.
 */
export async function eventsAfter(
  db: Kysely<Database>,
  dropId: string,
  after: number,
  limit = 500,
): Promise<DropEvent[]> {
  const rows = await db
    .selectFrom('drop_events')
    .select(['seq', 'payload'])
    .where('drop_id', '=', dropId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const parsed = JSON.parse(row.payload) as Pick<DropEvent, 'kind' | 'data'>;
    return { dropId, seq: row.seq, kind: parsed.kind, data: parsed.data };
  });
}

/** Merges the last change per counter, so one event says each once. */
export class ChangeSet implements AvailabilityChange {
  private readonly itemMap = new Map<string, DropItemChange>();
  private readonly slotMap = new Map<string, CapacityChange>();
  private readonly hubMap = new Map<string, CapacityChange>();

  item(change: DropItemChange): void {
    this.itemMap.set(change.variantId, change);
  }

  slot(change: CapacityChange): void {
    this.slotMap.set(change.id, change);
  }

  hub(change: CapacityChange): void {
    this.hubMap.set(change.id, change);
  }

  get items(): DropItemChange[] {
    return [...this.itemMap.values()];
  }

  get slots(): CapacityChange[] {
    return [...this.slotMap.values()];
  }

  get hubs(): CapacityChange[] {
    return [...this.hubMap.values()];
  }
}
