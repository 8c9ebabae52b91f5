import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import * as initial from './migrations/0001-initial';
import { FairSqliteDialect } from './sqlite-driver';

/** Which database a running Bottega talks to. */
export type DialectName = 'sqlite' | 'postgres';

/** An open database with its dialect and a way to close it. */
export interface Db {
  readonly kysely: Kysely<Database>;
  /**
   * For reads outside a transaction. On SQLite a second, read-only
   * connection: in WAL mode it reads the last commit while a write
   * transaction is open, instead of queueing behind it. On PostgreSQL the
   * same pool as `kysely`.
   */
  readonly reader: Kysely<Database>;
  readonly dialect: DialectName;
  /** The connection string, for PostgreSQL (used by LISTEN). */
  readonly url: string | null;
  close(): Promise<void>;
}

/** Where the database lives: a PostgreSQL URL, or SQLite in a folder. */
export type DbLocation =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'sqlite'; file: string };

// PostgreSQL returns int8 (bigint columns, count, sum) as strings; every
// such value of ours is an instant or a count well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/**
 * Opens the database. SQLite runs in WAL mode with `synchronous = FULL`,
 * so a committed transaction survives a power cut, not only a crash.
 */
export function openDatabase(location: DbLocation): Db {
  if (location.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: location.url,
      max: location.poolSize ?? 10,
    });
    // An idle client whose connection the server ended (a restart, a
    // dropped database) emits 'error'; the pool replaces it on next use.
    pool.on('error', () => undefined);
    const kysely = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
    });
    return {
      kysely,
      reader: kysely,
      dialect: 'postgres',
      url: location.url,
      close: () => kysely.destroy(),
    };
  }

  if (location.file !== ':memory:') {
    mkdirSync(path.dirname(location.file), { recursive: true });
  }
  const openWriter = () => {
    const sqlite = new SQLite(location.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    return sqlite;
  };
  const kysely = new Kysely<Database>({
    dialect: new FairSqliteDialect(openWriter),
  });
  const reader = new Kysely<Database>({
    dialect: new FairSqliteDialect(() => {
      const sqlite = new SQLite(location.file, { readonly: true });
      sqlite.pragma('busy_timeout = 5000');
      return sqlite;
    }),
  });
  return {
    kysely,
    reader: location.file === ':memory:' ? kysely : reader,
    dialect: 'sqlite',
    url: null,
    close: async () => {
      await reader.destroy();
      await kysely.destroy();
    },
  };
}

const migrations: Record<string, Migration> = {
  '0001-initial': initial,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/**
 * Brings the schema up to date. Throws with the failing migration's name.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error !== undefined) {
    const name = failed?.migrationName ?? 'unknown';
    throw new Error(`migration ${name} failed`, { cause: error });
  }
  return (results ?? []).map((result) => result.migrationName);
}
