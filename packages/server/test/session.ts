import { createHash } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../src/db/database';

/** A response of `inject`, as the tests read it. */
export interface Answer {
  readonly statusCode: number;
  readonly headers: Record<string, unknown>;
  readonly body: string;
  json<T = Record<string, unknown>>(): T;
}

/**
 * Logs in through the API and returns the session cookie to send back,
 * as `bottega_session=<token>`.
 */
export async function login(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`login of ${email} failed: ${response.body}`);
  }
  const cookie = response.cookies.find((c) => c.name === 'bottega_session');
  if (!cookie) throw new Error('login set no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

/** Calls the app in process as the holder of a session cookie. */
export function caller(app: FastifyInstance, cookie: string | null) {
  return (
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> =>
    app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}

/** Every table's row count and a digest of its rows. */
export type Snapshot = Record<string, { rows: number; digest: string }>;

/**
 * A snapshot of the whole database: for every table, how many rows and a
 * digest of their content (rows sorted, so order does not matter). Two
 * equal snapshots mean nothing was written, counters included.
 */
export async function snapshot(db: Db): Promise<Snapshot> {
  const tables =
    db.dialect === 'postgres'
      ? await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
          db.kysely,
        )
      : await sql<{ name: string }>`
          select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%'`.execute(db.kysely);

  const result: Snapshot = {};
  for (const { name } of tables.rows.sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const rows = await sql<Record<string, unknown>>`
      select * from ${sql.table(name)}`.execute(db.kysely);
    const lines = rows.rows.map((row) => JSON.stringify(row)).sort();
    result[name] = {
      rows: lines.length,
      digest: createHash('sha256').update(lines.join('\n')).digest('hex'),
    };
  }
  return result;
}

/** Every problem document has these members. */
export function expectProblemShape(answer: Answer): Record<string, unknown> {
  const header = answer.headers['content-type'];
  const type = typeof header === 'string' ? header : '';
  if (!type.startsWith('application/problem+json')) {
    throw new Error(
      `expected problem+json, got ${type} (${answer.statusCode}): ${answer.body}`,
    );
  }
  const body = answer.json();
  for (const member of ['type', 'title', 'status', 'detail']) {
    if (!(member in body)) {
      throw new Error(`problem without ${member}: ${answer.body}`);
    }
  }
  if (body.status !== answer.statusCode) {
    throw new Error(`problem status ${String(body.status)} differs`);
  }
  return body;
}
