import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBuyers } from '../bench/buyers';
import { countSold, setUpDrop } from '../bench/drop-setup';
import {
  startServerProcess,
  type ServerProcess,
} from '../bench/server-process';
import { auditLedger } from '../src/features/stock/audit';
import { openDatabase } from '../src/db/database';
import { DIALECT, createTestDatabase, type TestDatabase } from './harness';

/**
 * The server is killed with SIGKILL in the middle of a drop opening; after
 * a restart every order a buyer saw confirmed is there, and the ledger
 * still adds up.
 */
describe(`durability on ${DIALECT}`, () => {
  let database: TestDatabase;
  let server: ServerProcess | null = null;

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await server?.kill();
    await database.destroy();
  });

  it('loses no confirmed order when killed mid-opening', async () => {
    const env: Record<string, string> =
      database.location.kind === 'postgres'
        ? { DATABASE_URL: database.location.url }
        : { DATA_DIR: path.dirname(database.location.file) };
    const drop = await setUpDrop(database.location, 150);
    server = await startServerProcess(env);
    const running = server;

    let killed = null as Promise<void> | null;
    const results = await runBuyers({
      urls: [running.url],
      dropId: drop.dropId,
      variantId: drop.variantId,
      buyers: 2000,
      concurrency: 40,
      onConfirmed: (count) => {
        if (count === 60 && !killed) killed = running.kill();
      },
    });
    await killed;
    expect(results.confirmed).toBeGreaterThanOrEqual(60);
    expect(results.errors).toBeGreaterThan(0);

    server = await startServerProcess(env);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const sold = await countSold(database.location, drop);
    const lost = results.confirmedIds.filter((id) => !sold.orderIds.has(id));
    expect(lost).toEqual([]);
    expect(sold.oversold).toBe(0);

    const db = openDatabase(database.location);
    try {
      expect(await auditLedger(db.kysely)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
