import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';

/** What a crowd of buyers saw. */
export interface BuyerResults {
  readonly attempts: number;
  readonly confirmed: number;
  readonly rejected: number;
  readonly errors: number;
  readonly confirmedIds: string[];
  readonly seconds: number;
  readonly latenciesMs: number[];
  /** Latencies of the answers with each HTTP status. */
  readonly latenciesByStatus: Record<string, number[]>;
  readonly statuses: Record<string, number>;
}

/**
 * Sends `buyers` one-unit preorders at a drop, `concurrency` at a time,
 * spread over the servers' URLs, each with its own Idempotency-Key. A
 * buyer counts as confirmed only on a 201 that carries the order.
 */
export async function runBuyers(options: {
  urls: string[];
  dropId: string;
  variantId: string;
  buyers: number;
  concurrency: number;
  signal?: AbortSignal;
  /** Called after each confirmation with the count so far. */
  onConfirmed?: (count: number) => void;
}): Promise<BuyerResults> {
  const { urls, buyers, concurrency } = options;
  const pools = urls.map(
    (url) =>
      new Pool(url, {
        connections: Math.ceil(concurrency / urls.length),
        pipelining: 1,
      }),
  );
  const latenciesMs: number[] = [];
  const latenciesByStatus: Record<string, number[]> = {};
  const confirmedIds: string[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let rejected = 0;
  let errors = 0;

  const buyer = async (index: number) => {
    const pool = pools[index % pools.length];
    if (!pool) return;
    const body = JSON.stringify({
      items: [{ variantId: options.variantId, quantity: 1 }],
      fulfilment: {
        kind: 'shipping',
        address: {
          name: `Buyer ${index}`,
          line1: 'Via Roma 1',
          postcode: '80100',
          city: 'Napoli',
        },
      },
      customer: { name: `Buyer ${index}`, email: `buyer${index}@example.test` },
    });
    const started = performance.now();
    try {
      const response = await pool.request({
        method: 'POST',
        path: `/api/drops/${options.dropId}/orders`,
        headers: {
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body,
      });
      const text = await response.body.text();
      const latency = performance.now() - started;
      latenciesMs.push(latency);
      (latenciesByStatus[response.statusCode] ??= []).push(latency);
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      if (response.statusCode === 201) {
        confirmedIds.push((JSON.parse(text) as { id: string }).id);
        options.onConfirmed?.(confirmedIds.length);
      } else if (response.statusCode === 409) {
        rejected += 1;
      } else {
        errors += 1;
      }
    } catch {
      statuses.network = (statuses.network ?? 0) + 1;
      errors += 1;
    }
  };

  // Buyers are on the drop's page when it opens: their connections are
  // open before the first order. Opened in the same instant as the
  // orders, a few first requests wait over a second before the server
  // sees them: that measures connection set-up, not Bottega.
  await Promise.all(
    pools.flatMap((pool) =>
      Array.from(
        { length: Math.ceil(concurrency / pools.length) },
        async () => {
          const response = await pool.request({
            method: 'GET',
            path: '/api/health',
          });
          await response.body.text();
        },
      ),
    ),
  );

  const started = performance.now();
  const lanes = Array.from({ length: concurrency }, async () => {
    while (next < buyers && !options.signal?.aborted) {
      const index = next;
      next += 1;
      await buyer(index);
    }
  });
  await Promise.all(lanes);
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(pools.map((pool) => pool.close().catch(() => undefined)));

  return {
    attempts: latenciesMs.length + (statuses.network ?? 0),
    confirmed: confirmedIds.length,
    rejected,
    errors,
    confirmedIds,
    seconds,
    latenciesMs,
    latenciesByStatus,
    statuses,
  };
}

/** The q-quantile of a list of numbers (nearest rank). */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, rank)] ?? 0;
}
