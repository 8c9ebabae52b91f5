import {
  BasisPoints,
  Cents,
  DropItemStock,
  Units,
  ivaIncluded,
  onlineChannel,
  type CreateOrder,
} from '@bottega/domain';
import { problem } from '../../errors';
import { inTransaction, type Deps, type Tx } from '../../platform/deps';
import { newId, newPickupCode } from '../../platform/ids';
import { enqueueMail } from '../../platform/mailer';
import { ChangeSet, recordAvailability } from '../events/drop-events';
import { runOnce, type StoredResponse } from '../idempotency/idempotency';
import {
  claimWithExpiry,
  dropItemIds,
  releaseExpiredHolds,
  requireItem,
  requireOpenDrop,
} from '../drops/holds';
import { claimHub, claimSlot } from '../stock/ledger';
import type { DropRow } from '../drops/drop-queries';
import { presentOrder, type OrderView } from './present-order';
import { loadOrderView } from './order-queries';

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

/**
 * At a drop's opening most buyers arrive after the last unit is gone.
 * Their refusal needs no write transaction: when committed counters
 * already show too few units for a line, no hold is given, no expired
 * hold waits to be released and the key is new, the order would be
 * refused inside the transaction too, so it is refused here from a read.
 * Anything else goes on to the transaction, which decides for real.
 */
async function refuseEarlyWhenSoldOut(
  deps: Deps,
  dropId: string,
  input: CreateOrder,
  idempotencyKey: string,
): Promise<void> {
  if (input.holdId) return;
  const db = deps.db.reader;
  const now = deps.clock.now();
  const [known, items, expired] = await Promise.all([
    db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('scope', '=', `order:${dropId}`)
      .where('key', '=', idempotencyKey)
      .executeTakeFirst(),
    db
      .selectFrom('drop_items')
      .select([
        'variant_id',
        'cap',
        'contingency',
        'claimed',
        'wholesale_claimed',
      ])
      .where('drop_id', '=', dropId)
      .execute(),
    db
      .selectFrom('holds')
      .select('id')
      .where('status', '=', 'active')
      .where('expires_at', '<=', now)
      .where('drop_id', '=', dropId)
      .limit(1)
      .executeTakeFirst(),
  ]);
  if (known || expired) return;

  const byVariant = new Map(items.map((item) => [item.variant_id, item]));
  for (const line of input.items) {
    const item = byVariant.get(line.variantId);
    if (!item) return;
    const available = DropItemStock.consumerAvailable({
      cap: item.cap,
      contingency: item.contingency,
      claimed: item.claimed,
      wholesaleClaimed: item.wholesale_claimed,
    });
    if (available < line.quantity) {
      throw problem(
        'sold-out',
        `Only ${available} left of what you asked ${line.quantity} of`,
        { variantId: line.variantId, available },
      );
    }
  }
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

  const heldByHold = await takeHold(tx, drop, input, orderId);
  for (const line of input.items) {
    const itemId = requireItem(itemIds, line.variantId);
    if (heldByHold) continue;
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
  let total = Cents.of(0);
  let iva = Cents.of(0);
  for (const line of input.items) {
    const price = prices.get(line.variantId);
    if (!price) throw new Error(`variant ${line.variantId} vanished`);
    const lineTotal = Cents.times(
      Cents.of(price.price),
      Units.of(line.quantity),
    );
    total = Cents.sum(total, lineTotal);
    iva = Cents.sum(iva, ivaIncluded(lineTotal, BasisPoints.of(price.iva)));
  }

  await tx.db
    .insertInto('orders')
    .values({
      id: orderId,
      shop_id: drop.shop_id,
      drop_id: drop.id,
      customer_id: customerId,
      status: 'placed',
      channel: onlineChannel(input),
      ref: input.ref ?? null,
      utm_source: input.utmSource ?? null,
      fulfilment: input.fulfilment.kind,
      slot_id: pickup.slotId,
      hub_id: pickup.hubId,
      shipping_address:
        input.fulfilment.kind === 'shipping'
          ? JSON.stringify(input.fulfilment.address)
          : null,
      pickup_code: newPickupCode(),
      total_cents: total,
      iva_cents: iva,
      created_at: tx.now,
      cancelled_at: null,
      cancel_reason: null,
    })
    .execute();
  await tx.db
    .insertInto('order_lines')
    .values(
      input.items.map((line) => ({
        order_id: orderId,
        variant_id: line.variantId,
        quantity: line.quantity,
        unit_price_cents: prices.get(line.variantId)?.price ?? 0,
        iva_rate_bp: prices.get(line.variantId)?.iva ?? 0,
      })),
    )
    .execute();

  if (input.subscribe) {
    await subscribe(tx, drop.shop_id, input.customer.email);
  }

  const event = await recordAvailability(
    tx.db,
    tx.postgres,
    drop.id,
    changes,
    tx.now,
  );
  if (event) tx.events.push(event);

  const view = presentOrder(await loadOrderView(tx.db, orderId));
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

async function claimPickup(
  tx: Tx,
  drop: DropRow,
  input: CreateOrder,
  orderId: string,
  changes: ChangeSet,
): Promise<{ slotId: string | null; hubId: string | null }> {
  const fulfilment = input.fulfilment;
  const context = {
    shopId: drop.shop_id,
    reason: 'order' as const,
    orderId,
    at: tx.now,
  };
  switch (fulfilment.kind) {
    case 'shipping': {
      if (drop.shipping !== 1) {
        throw problem('unprocessable', 'This drop does not ship', {
          errors: [
            { field: 'fulfilment.kind', message: 'shipping not offered' },
          ],
        });
      }
      return { slotId: null, hubId: null };
    }
    case 'slot': {
      const offered = await tx.db
        .selectFrom('drop_pickups as dp')
        .innerJoin('slots as s', 's.popup_id', 'dp.popup_id')
        .select('s.id')
        .where('dp.drop_id', '=', drop.id)
        .where('s.id', '=', fulfilment.slotId)
        .executeTakeFirst();
      if (!offered) throw notOffered('fulfilment.slotId', 'slot');
      const change = await claimSlot(tx.db, fulfilment.slotId, context);
      if (!change)
        throw problem('slot-full', 'That pickup slot is full; choose another');
      changes.slot(change);
      return { slotId: fulfilment.slotId, hubId: null };
    }
    case 'hub': {
      const offered = await tx.db
        .selectFrom('drop_pickups')
        .select('hub_id')
        .where('drop_id', '=', drop.id)
        .where('hub_id', '=', fulfilment.hubId)
        .executeTakeFirst();
      if (!offered) throw notOffered('fulfilment.hubId', 'hub');
      const change = await claimHub(tx.db, fulfilment.hubId, context);
      if (!change)
        throw problem('hub-full', 'That locker is full; choose another pickup');
      changes.hub(change);
      return { slotId: null, hubId: fulfilment.hubId };
    }
  }
}

function notOffered(field: string, what: string) {
  return problem('unprocessable', `This drop does not offer that ${what}`, {
    errors: [{ field, message: `not a ${what} of this drop` }],
  });
}

async function upsertCustomer(
  tx: Tx,
  shopId: string,
  customer: { name: string; email: string },
): Promise<string> {
  await tx.db
    .insertInto('customers')
    .values({
      id: newId(),
      shop_id: shopId,
      email: customer.email,
      name: customer.name,
      created_at: tx.now,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['shop_id', 'email'])
        .doUpdateSet({ name: customer.name }),
    )
    .execute();
  const row = await tx.db
    .selectFrom('customers')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('email', '=', customer.email)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function variantPrices(
  tx: Tx,
  variantIds: string[],
): Promise<Map<string, { price: number; iva: number }>> {
  const rows = await tx.db
    .selectFrom('variants')
    .select(['id', 'price_cents', 'iva_rate_bp'])
    .where('id', 'in', variantIds)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      { price: row.price_cents, iva: row.iva_rate_bp },
    ]),
  );
}

async function subscribe(tx: Tx, shopId: string, email: string): Promise<void> {
  await tx.db
    .insertInto('subscribers')
    .values({
      id: newId(),
      shop_id: shopId,
      email,
      consent_at: tx.now,
      consent_text: 'checkout: voglio ricevere le novità della bottega',
      source: 'checkout',
      unsubscribed_at: null,
    })
    .onConflict((conflict) =>
      conflict.columns(['shop_id', 'email']).doNothing(),
    )
    .execute();
}

const euro = new Intl.NumberFormat('it-IT', {
  style: 'currency',
  currency: 'EUR',
});

/** An amount of cents as Italians read it: 45,00 €. */
export function formatEuro(cents: number): string {
  return euro.format(cents / 100);
}
