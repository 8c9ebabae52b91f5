import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../src/app';
import { migrateToLatest, openDatabase, type Db } from '../src/db/database';
import {
  inProcessEvents,
  postgresEvents,
  type LiveEvents,
} from '../src/features/events/live-events';
import { manualClock, type ManualClock } from '../src/platform/clock';
import {
  DEFAULT_SETTINGS,
  type Deps,
  type Settings,
} from '../src/platform/deps';

/**
 * Database tests run on SQLite by default and on PostgreSQL when
 * TEST_DATABASE_URL points at a server (an admin connection, such as
 * postgres://postgres@127.0.0.1:5432/postgres): each test database is
 * created fresh and dropped afterwards.
 */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? null;

/** The dialect this run of the database tests uses. */
export const DIALECT = TEST_PG_URL ? 'postgres' : 'sqlite';

/** A fresh, migrated database and how to throw it away. */
export interface TestDatabase {
  readonly db: Db;
  /** For PostgreSQL: the URL of the fresh database; for SQLite: the file. */
  readonly location:
    { kind: 'postgres'; url: string } | { kind: 'sqlite'; file: string };
  destroy(): Promise<void>;
}

/** Creates an empty, migrated database of the run's dialect. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_PG_URL) {
    const name = `bottega_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = withDatabase(TEST_PG_URL, name);
    const db = openDatabase({ kind: 'postgres', url, poolSize: 10 });
    await migrateToLatest(db);
    return {
      db,
      location: { kind: 'postgres', url },
      async destroy() {
        await db.close();
        const cleanup = new pg.Client({ connectionString: TEST_PG_URL });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'bottega-test-'));
  const file = path.join(dir, 'bottega.sqlite');
  const db = openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(db);
  return {
    db,
    location: { kind: 'sqlite', file },
    async destroy() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A database URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** An app in process on a fresh database, with a clock the test moves. */
export interface TestApp {
  readonly app: FastifyInstance;
  readonly deps: Deps;
  readonly clock: ManualClock;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/** The instant tests start at unless they say otherwise. */
export const T0 = Date.parse('2026-06-01T08:00:00Z');

/** Builds the app on a fresh database. */
export async function createTestApp(
  options: { now?: number; settings?: Partial<Settings> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = manualClock(options.now ?? T0);
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const events: LiveEvents =
    database.location.kind === 'postgres'
      ? await postgresEvents(database.location.url, log)
      : inProcessEvents();
  const deps: Deps = {
    db: database.db,
    clock,
    log,
    events,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
  };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    clock,
    database,
    async close() {
      await app.close();
      await events.close();
      await database.destroy();
    },
  };
}
