import { dropPhase, type CreateWholesaleOrderSchema } from '@bottega/domain';
import type { z } from 'zod';
import { problem } from '../../errors';
import { inTransaction, type Deps, type Tx } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { dropItemIds, inItemOrder } from '../drops/holds';
import { lockDrop } from '../drops/drop-queries';
import { toWindow } from '../drops/public-drop';
import { ChangeSet, publishAvailability } from '../events/drop-events';
import { runOnce, type StoredResponse } from '../idempotency/idempotency';
import { claimDropItem } from '../stock/ledger';
import { insertOrder, upsertCustomer, variantPrices } from './order-parts';
import { presentOrder, type OrderView } from './present-order';

type WholesaleInput = z.infer<typeof CreateWholesaleOrderSchema>;

/**
 * A wholesale order from a reseller, placed by the shop: it may draw on
 * the contingency that consumers cannot buy. Allowed while the drop is
 * open, closed or confirmed; idempotent by key like every creating POST.
 */
export async function placeWholesaleOrder(
  deps: Deps,
  shopId: string,
  dropId: string,
  input: WholesaleInput,
  idempotencyKey: string,
): Promise<StoredResponse> {
  const scope = `wholesale:${shopId}:${dropId}`;
  return inTransaction(deps, (tx) =>
    runOnce(tx, scope, idempotencyKey, input, async () => ({
      status: 201,
      body: await createWholesaleOrder(tx, shopId, dropId, input),
    })),
  );
}

async function createWholesaleOrder(
  tx: Tx,
  shopId: string,
  dropId: string,
  input: WholesaleInput,
): Promise<OrderView> {
  const drop = await lockDrop(tx.db, tx.postgres, dropId);
  if (!drop || drop.shop_id !== shopId) {
    throw problem('not-found', `There is no drop ${dropId}`);
  }
  const phase = dropPhase(drop.status, toWindow(drop), tx.now);
  if (phase !== 'open' && phase !== 'closed' && phase !== 'confirmed') {
    throw problem('invalid-state', `The drop is ${phase}`);
  }

  const items = await dropItemIds(tx, dropId);
  const orderId = newId();
  const changes = new ChangeSet();
  const context = { shopId, reason: 'wholesale' as const, orderId, at: tx.now };
  for (const { line, itemId } of inItemOrder(items, input.items)) {
    const change = await claimDropItem(
      tx.db,
      itemId,
      line.quantity,
      'wholesale',
      context,
    );
    if (!change) {
      throw problem('sold-out', 'Not enough units left, contingency included', {
        variantId: line.variantId,
      });
    }
    changes.item(change);
  }

  const stored = await insertOrder(tx, {
    id: orderId,
    shopId,
    dropId,
    customerId: await upsertCustomer(tx, shopId, input.buyer),
    status: phase === 'confirmed' ? 'confirmed' : 'placed',
    channel: 'wholesale',
    ref: null,
    utmSource: null,
    fulfilment: 'shipping',
    slotId: null,
    hubId: null,
    shippingAddress: input.address ?? null,
    lines: input.items,
    prices: await variantPrices(
      tx,
      input.items.map((i) => i.variantId),
    ),
  });

  await publishAvailability(tx, dropId, changes);
  return presentOrder({ ...stored, customer: input.buyer });
}
