import { sql, type Kysely } from 'kysely';
import { DropItemStock } from '@bottega/domain';
import type { Database, MovementReason } from '../../db/schema';

/**
 * The stock ledger. Every claim on a counter (a drop item's cap, its
 * contingency, a slot's capacity, a hub's compartments) is one conditional
 * UPDATE that succeeds only while the counter stays within its limit, made
 * inside the transaction that records why, and every claim or release is
 * appended to `stock_movements`, from which each counter can be rebuilt.
 */

type Trx = Kysely<Database>;

/** Why units move and what they belong to. */
export interface MovementContext {
  readonly shopId: string;
  readonly reason: MovementReason;
  readonly holdId?: string | null;
  readonly orderId?: string | null;
  readonly at: number;
}

/** A drop item's counters after a change, for live events. */
export interface DropItemChange {
  readonly variantId: string;
  readonly available: number;
}

/** A slot's or hub's remaining capacity after a change. */
export interface CapacityChange {
  readonly id: string;
  readonly remaining: number;
}

/** Which pool a drop-item claim draws on. */
export type Pool = 'consumer' | 'wholesale';

/**
 * Claims units of a drop item, or returns null when not enough are left.
 * Consumers may not reach into the contingency; wholesale may.
 */
export async function claimDropItem(
  trx: Trx,
  dropItemId: string,
  quantity: number,
  pool: Pool,
  context: MovementContext,
): Promise<DropItemChange | null> {
  const wholesale = pool === 'wholesale' ? quantity : 0;
  let update = trx
    .updateTable('drop_items')
    .set({
      claimed: sql<number>`claimed + ${quantity}`,
      wholesale_claimed: sql<number>`wholesale_claimed + ${wholesale}`,
    })
    .where('id', '=', dropItemId)
    .where(sql<boolean>`claimed + ${quantity} <= cap`);
  if (pool === 'consumer') {
    update = update.where(
      sql<boolean>`claimed - wholesale_claimed + ${quantity} <= cap - contingency`,
    );
  }
  const row = await update
    .returning([
      'variant_id',
      'cap',
      'contingency',
      'claimed',
      'wholesale_claimed',
    ])
    .executeTakeFirst();
  if (!row) return null;

  await recordMovement(
    trx,
    'drop_item',
    dropItemId,
    quantity,
    wholesale,
    context,
  );
  return { variantId: row.variant_id, available: consumerAvailable(row) };
}

/**
 * Gives units of a drop item back: `quantity` in all, of which
 * `wholesaleQuantity` had been claimed by wholesale.
 */
export async function releaseDropItem(
  trx: Trx,
  dropItemId: string,
  quantity: number,
  wholesaleQuantity: number,
  context: MovementContext,
): Promise<DropItemChange> {
  const row = await trx
    .updateTable('drop_items')
    .set({
      claimed: sql<number>`claimed - ${quantity}`,
      wholesale_claimed: sql<number>`wholesale_claimed - ${wholesaleQuantity}`,
    })
    .where('id', '=', dropItemId)
    .where('claimed', '>=', quantity)
    .where('wholesale_claimed', '>=', wholesaleQuantity)
    .returning([
      'variant_id',
      'cap',
      'contingency',
      'claimed',
      'wholesale_claimed',
    ])
    .executeTakeFirst();
  if (!row) {
    throw new Error(`ledger: release of ${quantity} exceeds drop item claims`);
  }

  await recordMovement(
    trx,
    'drop_item',
    dropItemId,
    -quantity,
    -wholesaleQuantity,
    context,
  );
  return { variantId: row.variant_id, available: consumerAvailable(row) };
}

/** Claims one place in a pickup slot, or null when it is full. */
export async function claimSlot(
  trx: Trx,
  slotId: string,
  context: MovementContext,
): Promise<CapacityChange | null> {
  return claimCapacity(trx, 'slots', 'slot', slotId, context);
}

/** Claims one compartment or bench place in a hub, or null when full. */
export async function claimHub(
  trx: Trx,
  hubId: string,
  context: MovementContext,
): Promise<CapacityChange | null> {
  return claimCapacity(trx, 'hubs', 'hub', hubId, context);
}

/** Gives a slot place back. */
export async function releaseSlot(
  trx: Trx,
  slotId: string,
  context: MovementContext,
): Promise<CapacityChange> {
  return releaseCapacity(trx, 'slots', 'slot', slotId, context);
}

/** Gives a hub place back. */
export async function releaseHub(
  trx: Trx,
  hubId: string,
  context: MovementContext,
): Promise<CapacityChange> {
  return releaseCapacity(trx, 'hubs', 'hub', hubId, context);
}

async function claimCapacity(
  trx: Trx,
  table: 'slots' | 'hubs',
  counter: 'slot' | 'hub',
  id: string,
  context: MovementContext,
): Promise<CapacityChange | null> {
  const row = await trx
    .updateTable(table)
    .set({ claimed: sql<number>`claimed + 1` })
    .where('id', '=', id)
    .where(sql<boolean>`claimed + 1 <= capacity`)
    .returning(['capacity', 'claimed'])
    .executeTakeFirst();
  if (!row) return null;

  await recordMovement(trx, counter, id, 1, 0, context);
  return { id, remaining: row.capacity - row.claimed };
}

async function releaseCapacity(
  trx: Trx,
  table: 'slots' | 'hubs',
  counter: 'slot' | 'hub',
  id: string,
  context: MovementContext,
): Promise<CapacityChange> {
  const row = await trx
    .updateTable(table)
    .set({ claimed: sql<number>`claimed - 1` })
    .where('id', '=', id)
    .where('claimed', '>=', 1)
    .returning(['capacity', 'claimed'])
    .executeTakeFirst();
  if (!row) throw new Error(`ledger: release of an unclaimed ${counter}`);

  await recordMovement(trx, counter, id, -1, 0, context);
  return { id, remaining: row.capacity - row.claimed };
}

async function recordMovement(
  trx: Trx,
  counter: 'drop_item' | 'slot' | 'hub',
  counterId: string,
  delta: number,
  wholesaleDelta: number,
  context: MovementContext,
): Promise<void> {
  await trx
    .insertInto('stock_movements')
    .values({
      shop_id: context.shopId,
      counter,
      counter_id: counterId,
      delta,
      wholesale_delta: wholesaleDelta,
      reason: context.reason,
      hold_id: context.holdId ?? null,
      order_id: context.orderId ?? null,
      at: context.at,
    })
    .execute();
}

/** Units consumers can still claim, from a drop item's stored counters. */
export function consumerAvailable(row: {
  cap: number;
  contingency: number;
  claimed: number;
  wholesale_claimed: number;
}): number {
  return DropItemStock.consumerAvailable({
    cap: row.cap,
    contingency: row.contingency,
    claimed: row.claimed,
    wholesaleClaimed: row.wholesale_claimed,
  });
}
