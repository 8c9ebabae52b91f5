import type BetterSqlite from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';

/**
 * Kysely's SQLite driver guards its one connection with a lock that is not
 * first-come first-served: under steady load a waiting query can lose the
 * race again and again and wait for seconds. This driver hands the
 * connection over in arrival order, and keeps prepared statements by
 * their SQL text (preparing costs more than running a small query).
 */
export class FairSqliteDialect extends SqliteDialect {
  readonly #open: () => BetterSqlite.Database;

  constructor(open: () => BetterSqlite.Database) {
    super({ database: () => Promise.resolve(open()) });
    this.#open = open;
  }

  override createDriver(): Driver {
    return new FairSqliteDriver(this.#open);
  }
}

class FairSqliteDriver implements Driver {
  readonly #open: () => BetterSqlite.Database;
  readonly #waiting: (() => void)[] = [];
  #busy = false;
  #db: BetterSqlite.Database | null = null;
  #connection: DatabaseConnection | null = null;

  constructor(open: () => BetterSqlite.Database) {
    this.#open = open;
  }

  init(): Promise<void> {
    this.#db = this.#open();
    this.#connection = new StatementCacheConnection(this.#db);
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#busy) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#busy = true;
    if (!this.#connection) throw new Error('the SQLite driver is not open');
    return this.#connection;
  }

  releaseConnection(): Promise<void> {
    const next = this.#waiting.shift();
    // The connection passes straight to the next in line, still busy.
    if (next) next();
    else this.#busy = false;
    return Promise.resolve();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  destroy(): Promise<void> {
    this.#db?.close();
    return Promise.resolve();
  }
}

/** Runs queries on better-sqlite3, reusing prepared statements. */
class StatementCacheConnection implements DatabaseConnection {
  readonly #db: BetterSqlite.Database;
  readonly #statements = new Map<string, BetterSqlite.Statement>();

  constructor(db: BetterSqlite.Database) {
    this.#db = db;
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepare(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (statement.reader) {
      return Promise.resolve({ rows: statement.all(...parameters) as R[] });
    }
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return Promise.resolve({
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
      rows: [],
    });
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used with SQLite');
  }

  #prepare(sql: string): BetterSqlite.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      if (this.#statements.size >= 1000) this.#statements.clear();
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
