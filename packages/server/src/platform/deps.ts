import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { DropEvent } from '../features/events/drop-events';
import type { LiveEvents } from '../features/events/live-events';
import type { Clock } from './clock';
import { GroupCommitter } from './group-commit';

/** Tunable rules of a running Bottega. */
export interface Settings {
  /** How long a cart hold keeps its units (10–15 minutes). */
  readonly holdMinutes: number;
  /** Whether cookies get the Secure flag (behind TLS). */
  readonly secureCookies: boolean;
  /** Login attempts allowed per address per minute. */
  readonly loginPerMinute: number;
  /**
   * Whether a proxy in front sets X-Forwarded-For and -Proto. Only then
   * are they believed: otherwise anyone could pick their own address and
   * slip past the login rate limit.
   */
  readonly trustProxy: boolean;
}

/** The default settings. */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  holdMinutes: 15,
  secureCookies: false,
  loginPerMinute: 10,
  trustProxy: false,
});

/**
 * What services need from the outside world, injected so each can be
 * tested in process on a real database with a clock the test sets.
 */
export interface Deps {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly events: LiveEvents;
  readonly settings: Settings;
}

/** A unit of work inside one database transaction. */
export interface Tx {
  readonly db: Kysely<Database>;
  readonly postgres: boolean;
  /** The instant the work happens at, read once from the clock. */
  readonly now: number;
  /** Events to hand to live subscribers once the transaction commits. */
  readonly events: DropEvent[];
}

/**
 * Runs work in one transaction and, only after it commits, hands its drop
 * events to live subscribers. A thrown error rolls all of the work back.
 * On SQLite, work arriving together shares a commit (see GroupCommitter).
 */
export async function inTransaction<T>(
  deps: Deps,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const postgres = deps.db.dialect === 'postgres';
  const run = (trx: Kysely<Database>) => {
    // Events of a unit of work that rolls back inside a shared commit
    // must not escape, so each unit collects its own.
    const events: DropEvent[] = [];
    const now = deps.clock.now();
    return work({ db: trx, postgres, now, events }).then((value) => ({
      value,
      events,
    }));
  };
  const { value, events } = postgres
    ? await deps.db.kysely.transaction().execute(run)
    : await committerOf(deps.db).run(run);
  deps.events.committed(events);
  return value;
}

const committers = new WeakMap<Db, GroupCommitter>();

function committerOf(db: Db): GroupCommitter {
  let committer = committers.get(db);
  if (!committer) {
    committer = new GroupCommitter(db.kysely);
    committers.set(db, committer);
  }
  return committer;
}
