import {
  BasisPoints,
  Units,
  dropPhase,
  windowProblem,
  type CreateDropSchema,
} from '@bottega/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema';
import { problem } from '../../errors';
import { inTransaction, type Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { hubsOfShop } from '../coops/coop-service';
import { recordDropEvent } from '../events/drop-events';
import { releaseHub, releaseSlot } from '../stock/ledger';
import { findDrop } from './drop-queries';
import { toWindow } from './public-drop';

type DropInput = z.output<typeof CreateDropSchema>;

/**
 * Creates a drop as a draft: its window (48–96 hours), its items with
 * their caps and the contingency kept back from each, its minimum and
 * its pickup options. Every referenced variant, pop-up and hub must be the
 * shop's own (hubs: of a co-op the shop belongs to).
 */
export async function createDrop(
  db: Kysely<Database>,
  shopId: string,
  input: DropInput,
  now: number,
  id: string = newId(),
): Promise<string> {
  const window = {
    opensAt: Date.parse(input.opensAt),
    closesAt: Date.parse(input.closesAt),
  };
  const bad = windowProblem(window);
  if (bad) {
    throw problem('validation-failed', bad, {
      errors: [{ field: 'body.closesAt', message: bad }],
    });
  }
  const totalCap = input.items.reduce((sum, item) => sum + item.cap, 0);
  if (input.minimumUnits !== null && input.minimumUnits > totalCap) {
    const message = `the minimum (${input.minimumUnits}) exceeds the caps (${totalCap})`;
    throw problem('validation-failed', message, {
      errors: [{ field: 'body.minimumUnits', message }],
    });
  }
  await requireOwn(
    db,
    'variants',
    shopId,
    input.items.map((i) => i.variantId),
    'body.items.variantId',
  );
  await requireOwn(db, 'popups', shopId, input.popupIds, 'body.popupIds');
  const allowedHubs = new Set(await hubsOfShop(db, shopId));
  const foreignHub = input.hubIds.find((id) => !allowedHubs.has(id));
  if (foreignHub) {
    throw problem('unprocessable', `Hub ${foreignHub} is not of your co-ops`, {
      errors: [{ field: 'body.hubIds', message: 'not a hub of your co-ops' }],
    });
  }
  if (
    new Set(input.items.map((i) => i.variantId)).size !== input.items.length
  ) {
    throw problem('validation-failed', 'Each variant may appear once', {
      errors: [
        { field: 'body.items', message: 'each variant may appear once' },
      ],
    });
  }

  const contingency = BasisPoints.of(input.contingencyBp);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('drops')
      .values({
        id,
        shop_id: shopId,
        title: input.title,
        status: 'draft',
        opens_at: window.opensAt,
        closes_at: window.closesAt,
        minimum_units: input.minimumUnits,
        contingency_bp: input.contingencyBp,
        production_date: input.productionDate
          ? Date.parse(input.productionDate)
          : null,
        packing_date: input.packingDate ? Date.parse(input.packingDate) : null,
        shipping: input.shipping ? 1 : 0,
        event_seq: 0,
        settled_at: null,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto('drop_items')
      .values(
        input.items.map((item) => ({
          id: newId(),
          drop_id: id,
          shop_id: shopId,
          variant_id: item.variantId,
          cap: item.cap,
          contingency: Units.share(Units.of(item.cap), contingency),
          claimed: 0,
          wholesale_claimed: 0,
        })),
      )
      .execute();
    const pickups = [
      ...input.popupIds.map((popupId) => ({
        drop_id: id,
        popup_id: popupId,
        hub_id: null,
      })),
      ...input.hubIds.map((hubId) => ({
        drop_id: id,
        popup_id: null,
        hub_id: hubId,
      })),
    ];
    if (pickups.length > 0) {
      await trx.insertInto('drop_pickups').values(pickups).execute();
    }
  });
  return id;
}

async function requireOwn(
  db: Kysely<Database>,
  table: 'variants' | 'popups',
  shopId: string,
  ids: string[],
  field: string,
): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('shop_id', '=', shopId)
    .where('id', 'in', ids)
    .execute();
  const own = new Set(rows.map((row) => row.id));
  const foreign = ids.find((id) => !own.has(id));
  if (foreign) {
    throw problem('unprocessable', `${foreign} is not one of your ${table}`, {
      errors: [{ field, message: `not one of your ${table}` }],
    });
  }
}

/**
 * Schedules a draft: from now on it opens and closes by the clock. A
 * window that has already closed is refused.
 */
export async function scheduleDrop(
  deps: Deps,
  shopId: string,
  dropId: string,
): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const drop = await findDrop(tx.db, dropId);
    if (!drop || drop.shop_id !== shopId) {
      throw problem('not-found', `There is no drop ${dropId}`);
    }
    if (drop.status !== 'draft') {
      throw problem('invalid-state', `The drop is already ${drop.status}`);
    }
    if (drop.closes_at <= tx.now) {
      throw problem(
        'invalid-state',
        'Its window has already closed; change it first',
      );
    }
    await tx.db
      .updateTable('drops')
      .set({ status: 'scheduled' })
      .where('id', '=', dropId)
      .where('status', '=', 'draft')
      .execute();
    await recordDropEvent(tx, dropId, 'status', {
      phase: dropPhase('scheduled', toWindow(drop), tx.now),
    });
  });
}

/**
 * Marks a confirmed drop fulfilled, with its orders: every order has been
 * handed over, so the hub compartments and slot places they held are free
 * again for the next drop.
 */
export async function fulfilDrop(
  deps: Deps,
  shopId: string,
  dropId: string,
): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const taken = await tx.db
      .updateTable('drops')
      .set({ status: 'fulfilled' })
      .where('id', '=', dropId)
      .where('shop_id', '=', shopId)
      .where('status', '=', 'confirmed')
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) {
      const drop = await findDrop(tx.db, dropId);
      if (!drop || drop.shop_id !== shopId) {
        throw problem('not-found', `There is no drop ${dropId}`);
      }
      throw problem(
        'invalid-state',
        `Only a confirmed drop can be fulfilled; it is ${drop.status}`,
      );
    }
    const handed = await tx.db
      .updateTable('orders')
      .set({ status: 'fulfilled' })
      .where('drop_id', '=', dropId)
      .where('status', '=', 'confirmed')
      .returning(['id', 'slot_id', 'hub_id'])
      .execute();
    for (const order of handed) {
      const context = {
        shopId,
        reason: 'picked_up' as const,
        orderId: order.id,
        at: tx.now,
      };
      if (order.hub_id) await releaseHub(tx.db, order.hub_id, context);
      if (order.slot_id) await releaseSlot(tx.db, order.slot_id, context);
    }
    await recordDropEvent(tx, dropId, 'status', { phase: 'fulfilled' });
  });
}
