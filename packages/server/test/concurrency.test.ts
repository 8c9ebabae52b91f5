import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBuyers } from '../bench/buyers';
import { countSold, setUpDrop } from '../bench/drop-setup';
import {
  startServerProcess,
  type ServerProcess,
} from '../bench/server-process';
import { DIALECT, createTestDatabase, type TestDatabase } from './harness';
import path from 'node:path';

/**
 * Real HTTP clients against real server processes: however many buyers
 * come at once, exactly the stock is sold.
 */
describe(`concurrent buyers on ${DIALECT}`, () => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.kill();
    await database.destroy();
  });

  const envOf = (): Record<string, string> =>
    database.location.kind === 'postgres'
      ? { DATABASE_URL: database.location.url, DATABASE_POOL_SIZE: '5' }
      : { DATA_DIR: path.dirname(database.location.file) };

  const sellOut = async (processes: number) => {
    const drop = await setUpDrop(database.location, 40);
    for (let i = 0; i < processes; i += 1) {
      servers.push(await startServerProcess(envOf()));
    }
    const results = await runBuyers({
      urls: servers.map((server) => server.url),
      dropId: drop.dropId,
      variantId: drop.variantId,
      buyers: 300,
      concurrency: 60,
    });
    const sold = await countSold(database.location, drop);
    return { results, sold };
  };

  it('sells exactly the stock to 300 buyers at once', async () => {
    const { results, sold } = await sellOut(1);
    expect(results.errors).toBe(0);
    expect(results.confirmed).toBe(40);
    expect(results.rejected).toBe(260);
    expect(sold.units).toBe(40);
    expect(sold.oversold).toBe(0);
    expect(results.confirmedIds.every((id) => sold.orderIds.has(id))).toBe(
      true,
    );
  });

  if (DIALECT === 'postgres') {
    it('sells exactly the stock across three server processes', async () => {
      const { results, sold } = await sellOut(3);
      expect(results.errors).toBe(0);
      expect(results.confirmed).toBe(40);
      expect(sold.units).toBe(40);
      expect(sold.oversold).toBe(0);
    });
  }
});
