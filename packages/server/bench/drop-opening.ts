import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { DbLocation } from '../src/db/database';
import { percentile, runBuyers } from './buyers';
import { countSold, setUpDrop } from './drop-setup';
import { startServerProcess, type ServerProcess } from './server-process';

/**
 * `npm run bench:drop`: the opening of a drop. Starts Bottega itself
 * (SQLite, or PostgreSQL with --workers N when DATABASE_URL is set), opens
 * a drop of S units and sends B buyers at concurrency C through the public
 * API, then prints JSON figures. Oversold is counted from the orders.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stock: { type: 'string', default: '150' },
      buyers: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '200' },
      workers: { type: 'string', default: '1' },
      'pool-size': { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2000' },
    },
  });
  const stock = positive(values.stock, 'stock');
  const buyers = positive(values.buyers, 'buyers');
  const concurrency = positive(values.concurrency, 'concurrency');
  const workers = positive(values.workers, 'workers');
  const warmup = nonNegative(values.warmup, 'warmup');
  const adminUrl = process.env.DATABASE_URL;

  let location: DbLocation;
  let cleanup: () => Promise<void>;
  if (adminUrl) {
    const name = `bottega_bench_${randomBytes(4).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    location = { kind: 'postgres', url: url.toString() };
    cleanup = () =>
      adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    if (workers !== 1)
      throw new Error('--workers needs DATABASE_URL (PostgreSQL)');
    const dir = mkdtempSync(path.join(tmpdir(), 'bottega-bench-'));
    location = { kind: 'sqlite', file: path.join(dir, 'bottega.sqlite') };
    cleanup = () =>
      Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  }

  const servers: ServerProcess[] = [];
  try {
    const warmupDrop = await setUpDrop(location, stock);
    const drop = await setUpDrop(location, stock);
    const env: Record<string, string> =
      location.kind === 'postgres'
        ? {
            DATABASE_URL: location.url,
            DATABASE_POOL_SIZE: values['pool-size'] ?? '10',
          }
        : { DATA_DIR: path.dirname(location.file) };
    for (let i = 0; i < workers; i += 1)
      servers.push(await startServerProcess(env));

    // A server that has been running has compiled its order path; one
    // just started has not. Unless --warmup 0, buyers first open another
    // drop of the same size, and only the second opening is measured.
    await Promise.all(servers.map((s) => fetch(`${s.url}/api/health`)));
    const warmed =
      warmup > 0
        ? await runBuyers({
            urls: servers.map((s) => s.url),
            dropId: warmupDrop.dropId,
            variantId: warmupDrop.variantId,
            buyers: warmup,
            concurrency,
          })
        : null;

    const serverCpuBefore = servers.reduce((sum, s) => sum + s.cpuSeconds(), 0);
    const clientCpuBefore = process.cpuUsage();
    const results = await runBuyers({
      urls: servers.map((s) => s.url),
      dropId: drop.dropId,
      variantId: drop.variantId,
      buyers,
      concurrency,
    });
    const peakMemoryMb = Math.max(...servers.map((s) => s.peakMemoryMb()));
    const serverCpu =
      servers.reduce((sum, s) => sum + s.cpuSeconds(), 0) - serverCpuBefore;
    const clientCpuUs = process.cpuUsage(clientCpuBefore);
    const clientCpu = (clientCpuUs.user + clientCpuUs.system) / 1e6;
    for (const server of servers) await server.stop();
    const sold = await countSold(location, drop);

    const report = {
      scenario: 'drop-opening',
      database: location.kind,
      workers,
      stock,
      buyers,
      concurrency,
      warmup: warmed && {
        buyers: warmup,
        attemptsPerSecond: round(warmed.attempts / warmed.seconds),
        p99Ms: round(percentile(warmed.latenciesMs, 0.99)),
      },
      sold: sold.units,
      oversold: sold.oversold,
      confirmedToBuyers: results.confirmed,
      confirmedButMissing: results.confirmedIds.filter(
        (id) => !sold.orderIds.has(id),
      ).length,
      rejected: results.rejected,
      errors: results.errors,
      statuses: results.statuses,
      seconds: round(results.seconds),
      attemptsPerSecond: round(results.attempts / results.seconds),
      latencyMs: {
        p50: round(percentile(results.latenciesMs, 0.5)),
        p99: round(percentile(results.latenciesMs, 0.99)),
        max: round(percentile(results.latenciesMs, 1)),
        byStatus: Object.fromEntries(
          Object.entries(results.latenciesByStatus).map(([status, ms]) => [
            status,
            {
              p50: round(percentile(ms, 0.5)),
              p99: round(percentile(ms, 0.99)),
            },
          ]),
        ),
      },
      peakServerMemoryMb: peakMemoryMb,
      cpu: {
        serverSeconds: round(serverCpu),
        serverMsPerAttempt: round((serverCpu * 1000) / results.attempts),
        buyersClientSeconds: round(clientCpu),
        machineCores: availableParallelism(),
      },
      limits: {
        attemptsPerSecond: 2000,
        p99Ms: 100,
        memoryMb: 250,
        ratioAttemptsToLimit: round(results.attempts / results.seconds / 2000),
        ratioP99ToLimit: round(percentile(results.latenciesMs, 0.99) / 100),
        ratioMemoryToLimit: round(peakMemoryMb / 250),
      },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    for (const server of servers) await server.kill();
    await cleanup();
  }
}

async function adminQuery(url: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

function positive(value: string | undefined, name: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(`--${name} must be a positive integer, got ${value}`);
  }
  return number;
}

function nonNegative(value: string | undefined, name: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new Error(`--${name} must be 0 or a positive integer, got ${value}`);
  }
  return number;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:drop failed: ${String(error)}\n`);
  process.exit(1);
});
