import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedQuery } from '../src/db/prepared';
import { createTestDatabase, type TestDatabase } from './harness';

describe(`prepared queries (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
    await test.db.kysely
      .insertInto('idempotency_keys')
      .values(
        ['a', 'b', 'c'].map((key, i) => ({
          scope: 'order:x',
          key,
          request_hash: `hash-${key}`,
          status: 'done',
          response_status: 200 + i,
          response_body: '{}',
          created_at: 1_000 * (i + 1),
        })),
      )
      .execute();
  });
  afterAll(() => test.destroy());

  it('answers as the query built afresh, for every set of values', async () => {
    const keysSince = preparedQuery((db, scope: string, since: number) =>
      db
        .selectFrom('idempotency_keys')
        .select(['key', 'response_status'])
        .where('scope', '=', scope)
        .where('status', '=', 'done')
        .where('created_at', '>=', since)
        .orderBy('key'),
    );
    for (const [scope, since] of [
      ['order:x', 0],
      ['order:x', 2_000],
      ['order:y', 0],
      ['order:x', 3_001],
    ] as const) {
      const fresh = await test.db.kysely
        .selectFrom('idempotency_keys')
        .select(['key', 'response_status'])
        .where('scope', '=', scope)
        .where('status', '=', 'done')
        .where('created_at', '>=', since)
        .orderBy('key')
        .execute();
      expect(await keysSince(test.db.kysely, scope, since)).toEqual(fresh);
      expect(await keysSince(test.db.reader, scope, since)).toEqual(fresh);
    }
  });

  it('runs inside a transaction too', async () => {
    const one = preparedQuery((db, key: string) =>
      db.selectFrom('idempotency_keys').select('key').where('key', '=', key),
    );
    const rows = await test.db.kysely
      .transaction()
      .execute((trx) => one(trx, 'b'));
    expect(rows).toEqual([{ key: 'b' }]);
  });

  it('refuses an argument that does not reach the SQL as one parameter', async () => {
    const inList = preparedQuery((db, key: string) =>
      db
        .selectFrom('idempotency_keys')
        .select('key')
        .where('key', 'in', [key, 'z']),
    );
    // Inside a list the stand-in still comes through as one parameter,
    // so that one is allowed; one that never reaches the SQL is not.
    expect(await inList(test.db.kysely, 'a')).toEqual([{ key: 'a' }]);
    const unused = preparedQuery((db, _key: string) =>
      db.selectFrom('idempotency_keys').select('key'),
    );
    await expect(unused(test.db.kysely, 'a')).rejects.toThrow(/argument/);
  });
});
