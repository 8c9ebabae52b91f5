import { onlineChannel, type CreateOrder } from '@bottega/domain';
import { inTransaction, type Deps, type Tx } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { enqueueMail } from '../../platform/mailer';
import { ChangeSet, publishAvailability } from '../events/drop-events';
import { runOnce, type StoredResponse } from '../idempotency/idempotency';
import {
  claimWithExpiry,
  dropItemIds,
  releaseExpiredHolds,
  inItemOrder,
  requireOpenDrop,
} from '../drops/holds';
import type { DropRow } from '../drops/drop-queries';
import { presentOrder, type OrderView } from './present-order';
import { refuseEarlyWhenSoldOut } from './early-refusal';
import {
  claimPickup,
  insertOrder,
  subscribe,
  upsertCustomer,
  variantPrices,
} from './order-parts';
import { formatEuro } from '../../platform/format';

/**
 * Places a customer's preorder on a drop, exactly once per idempotency
 * key: claims the units (or converts the cart's hold), a place in the
 * chosen slot or hub, records the order, its lines, its customer and a
 * live event, all in one transaction. The response is stored with the key.
 */
export async function placeOrder(
  deps: Deps,
  dropId: string,
  input: CreateOrder,
  idempotencyKey: string,
): Promise<StoredResponse> {
  await refuseEarlyWhenSoldOut(deps, dropId, input, idempotencyKey);
  return inTransaction(deps, (tx) =>
    runOnce(tx, `order:${dropId}`, idempotencyKey, input, async () => {
      const order = await createOrder(tx, dropId, input);
      return { status: 201, body: order };
    }),
  );
}

async function createOrder(
  tx: Tx,
  dropId: string,
  input: CreateOrder,
): Promise<OrderView> {
  const drop = await requireOpenDrop(tx, dropId);
  const itemIds = await dropItemIds(tx, dropId);
  const orderId = newId();
  const changes = new ChangeSet();

  const lines = inItemOrder(itemIds, input.items);
  const heldByHold = await takeHold(tx, drop, input, orderId);
  for (const { line, itemId } of heldByHold ? [] : lines) {
    changes.item(
      await claimWithExpiry(tx, drop, itemId, line.quantity, {
        reason: 'order',
        orderId,
      }),
    );
  }

  const pickup = await claimPickup(tx, drop, input, orderId, changes);
  const customerId = await upsertCustomer(tx, drop.shop_id, input.customer);
  const prices = await variantPrices(
    tx,
    input.items.map((i) => i.variantId),
  );
  const stored = await insertOrder(tx, {
    id: orderId,
    shopId: drop.shop_id,
    dropId: drop.id,
    customerId,
    status: 'placed',
    channel: onlineChannel(input),
    ref: input.ref ?? null,
    utmSource: input.utmSource ?? null,
    fulfilment: input.fulfilment.kind,
    slotId: pickup.slotId,
    hubId: pickup.hubId,
    shippingAddress:
      input.fulfilment.kind === 'shipping' ? input.fulfilment.address : null,
    lines: input.items,
    prices,
  });

  if (input.subscribe) {
    await subscribe(tx, drop.shop_id, input.customer.email);
  }

  await publishAvailability(tx, drop.id, changes);

  const view = presentOrder({ ...stored, customer: input.customer });
  await enqueueMail(
    tx.db,
    {
      to: input.customer.email,
      subject: `Ordine ${view.pickupCode} ricevuto — ${drop.title}`,
      text:
        `Grazie ${input.customer.name}!\n` +
        `Il tuo ordine ${view.pickupCode} per "${drop.title}" è registrato.\n` +
        `Totale: ${formatEuro(view.totalCents)} (IVA inclusa).\n`,
    },
    tx.now,
  );
  return view;
}

/**
 * Converts the cart's hold into the order when it is active, unexpired,
 * of this drop and holds exactly the ordered lines. Returns whether it
 * did; otherwise the order claims its units afresh.
 */
async function takeHold(
  tx: Tx,
  drop: DropRow,
  input: CreateOrder,
  orderId: string,
): Promise<boolean> {
  if (!input.holdId) return false;
  await releaseExpiredHolds(tx, drop.id);

  const lines = await tx.db
    .selectFrom('hold_lines')
    .select(['variant_id', 'quantity'])
    .where('hold_id', '=', input.holdId)
    .execute();
  const wanted = new Map(input.items.map((i) => [i.variantId, i.quantity]));
  const same =
    lines.length === wanted.size &&
    lines.every((line) => wanted.get(line.variant_id) === line.quantity);
  if (!same) return false;

  const taken = await tx.db
    .updateTable('holds')
    .set({ status: 'converted' })
    .where('id', '=', input.holdId)
    .where('drop_id', '=', drop.id)
    .where('status', '=', 'active')
    .where('expires_at', '>', tx.now)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) return false;

  // The held units now belong to the order; link their movements to it so
  // a cancellation can be traced back through the history.
  await tx.db
    .updateTable('stock_movements')
    .set({ order_id: orderId })
    .where('hold_id', '=', input.holdId)
    .execute();
  return true;
}
