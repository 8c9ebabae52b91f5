import { createHash } from 'node:crypto';
import { problem } from '../../errors';
import type { Tx } from '../../platform/deps';

/** A response kept for an idempotency key. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
  /** True when this is a replay of an earlier request's response. */
  readonly replayed: boolean;
}

/** A key as clients send it: 1 to 200 visible characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Runs a creating request at most once per key (DESIGN §4.3), inside the
 * caller's transaction: the key row and the work commit together, so a
 * crash leaves neither. A concurrent twin waits on the key's unique index
 * and then replays the stored response; the same key with another body is
 * refused with 422. Work that throws rolls the key back with everything
 * else, so nothing was done and a retry may try again.
 */
export async function runOnce(
  tx: Tx,
  scope: string,
  key: string,
  body: unknown,
  work: () => Promise<{ status: number; body: unknown }>,
): Promise<StoredResponse> {
  const requestHash = hashBody(body);
  const inserted = await tx.db
    .insertInto('idempotency_keys')
    .values({
      scope,
      key,
      request_hash: requestHash,
      status: 'in_progress',
      response_status: null,
      response_body: null,
      created_at: tx.now,
    })
    .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();

  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
    const stored = await tx.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (stored.request_hash !== requestHash) {
      throw problem(
        'idempotency-key-reused',
        'This Idempotency-Key was already used with a different body',
      );
    }
    if (stored.status !== 'done' || stored.response_status === null) {
      throw problem('idempotency-in-progress', 'Retry in a moment');
    }
    return {
      status: stored.response_status,
      body: JSON.parse(stored.response_body ?? 'null') as unknown,
      replayed: true,
    };
  }

  const response = await work();
  await tx.db
    .updateTable('idempotency_keys')
    .set({
      status: 'done',
      response_status: response.status,
      response_body: JSON.stringify(response.body),
    })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
  return { ...response, replayed: false };
}

/** A stable hash of a parsed body: keys sorted, so order does not matter. */
export function hashBody(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
