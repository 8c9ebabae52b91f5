import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** A counter whose value differs from what its history adds up to. */
export interface CounterMismatch {
  readonly counter: 'drop_item' | 'slot' | 'hub';
  readonly id: string;
  readonly stored: number;
  readonly fromHistory: number;
}

/**
 * Rebuilds every counter of a shop's drops, slots and the hubs it used
 * from `stock_movements` and lists those that disagree with the stored
 * value. An empty list means the ledger is consistent.
 */
export async function auditLedger(
  db: Kysely<Database>,
): Promise<CounterMismatch[]> {
  const sums = await db
    .selectFrom('stock_movements')
    .select(['counter', 'counter_id'])
    .select((eb) => [
      eb.fn.sum<number>('delta').as('total'),
      eb.fn.sum<number>('wholesale_delta').as('wholesale'),
    ])
    .groupBy(['counter', 'counter_id'])
    .execute();
  const history = new Map(
    sums.map((row) => [`${row.counter}:${row.counter_id}`, row]),
  );
  const fromHistory = (key: string, field: 'total' | 'wholesale') =>
    Number(history.get(key)?.[field] ?? 0);

  const mismatches: CounterMismatch[] = [];
  const items = await db
    .selectFrom('drop_items')
    .select(['id', 'claimed', 'wholesale_claimed'])
    .execute();
  for (const item of items) {
    const key = `drop_item:${item.id}`;
    if (fromHistory(key, 'total') !== item.claimed) {
      mismatches.push({
        counter: 'drop_item',
        id: item.id,
        stored: item.claimed,
        fromHistory: fromHistory(key, 'total'),
      });
    }
    if (fromHistory(key, 'wholesale') !== item.wholesale_claimed) {
      mismatches.push({
        counter: 'drop_item',
        id: `${item.id}#wholesale`,
        stored: item.wholesale_claimed,
        fromHistory: fromHistory(key, 'wholesale'),
      });
    }
  }

  for (const [table, counter] of [
    ['slots', 'slot'],
    ['hubs', 'hub'],
  ] as const) {
    const rows = await db.selectFrom(table).select(['id', 'claimed']).execute();
    for (const row of rows) {
      const total = fromHistory(`${counter}:${row.id}`, 'total');
      if (total !== row.claimed) {
        mismatches.push({
          counter,
          id: row.id,
          stored: row.claimed,
          fromHistory: total,
        });
      }
    }
  }
  return mismatches;
}
