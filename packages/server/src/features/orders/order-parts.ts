import {
  BasisPoints,
  Cents,
  Units,
  ivaIncluded,
  type CreateOrder,
} from '@bottega/domain';
import { problem } from '../../errors';
import type { Tx } from '../../platform/deps';
import { newId, newPickupCode } from '../../platform/ids';
import type { FulfilmentKind, OrderChannel } from '../../db/schema';
import type { DropRow } from '../drops/drop-queries';
import type { ChangeSet } from '../events/drop-events';
import type { OrderRecord } from './order-record';
import { claimHub, claimSlot } from '../stock/ledger';

/** Claims the place in the chosen slot or hub; shipping claims none. */
export async function claimPickup(
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

/** The shop's customer with this email, created or renamed. */
export async function upsertCustomer(
  tx: Tx,
  shopId: string,
  customer: { name: string; email: string },
): Promise<string> {
  // One statement: the upsert hands back the id of the row it inserted
  // or updated (SQLite 3.35+ and PostgreSQL both return it).
  const row = await tx.db
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
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Prices and IVA rates of variants, by id. */
export async function variantPrices(
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

/** Records a newsletter subscription given at checkout, with consent. */
export async function subscribe(
  tx: Tx,
  shopId: string,
  email: string,
): Promise<void> {
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

/**
 * The total and the IVA it contains of order lines at the variants'
 * prices, in cents. Throws for a variant without a price (never one of
 * the drop's, which were checked before).
 */
export function priceLines(
  lines: readonly { variantId: string; quantity: number }[],
  prices: Map<string, { price: number; iva: number }>,
): { total: Cents; iva: Cents } {
  let total = Cents.of(0);
  let iva = Cents.of(0);
  for (const line of lines) {
    const price = prices.get(line.variantId);
    if (!price) throw new Error(`variant ${line.variantId} has no price`);
    const gross = Cents.times(Cents.of(price.price), Units.of(line.quantity));
    total = Cents.sum(total, gross);
    iva = Cents.sum(iva, ivaIncluded(gross, BasisPoints.of(price.iva)));
  }
  return { total, iva };
}

/** An order to record, with its lines priced. */
export interface NewOrder {
  readonly id: string;
  readonly shopId: string;
  readonly dropId: string;
  readonly customerId: string;
  readonly status: 'placed' | 'confirmed';
  readonly channel: OrderChannel;
  readonly ref: string | null;
  readonly utmSource: string | null;
  readonly fulfilment: FulfilmentKind;
  readonly slotId: string | null;
  readonly hubId: string | null;
  readonly shippingAddress: unknown;
  readonly lines: readonly { variantId: string; quantity: number }[];
  readonly prices: Map<string, { price: number; iva: number }>;
}

/**
 * Inserts an order and its lines, priced, with a new pickup code, and
 * returns them as stored (no second read to present the order).
 */
export async function insertOrder(
  tx: Tx,
  order: NewOrder,
): Promise<Omit<OrderRecord, 'customer'>> {
  const { total, iva } = priceLines(order.lines, order.prices);
  const stored = await tx.db
    .insertInto('orders')
    .values({
      id: order.id,
      shop_id: order.shopId,
      drop_id: order.dropId,
      customer_id: order.customerId,
      status: order.status,
      channel: order.channel,
      ref: order.ref,
      utm_source: order.utmSource,
      fulfilment: order.fulfilment,
      slot_id: order.slotId,
      hub_id: order.hubId,
      shipping_address:
        order.shippingAddress === undefined || order.shippingAddress === null
          ? null
          : JSON.stringify(order.shippingAddress),
      pickup_code: newPickupCode(),
      total_cents: total,
      iva_cents: iva,
      created_at: tx.now,
      cancelled_at: null,
      cancel_reason: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const lines = await tx.db
    .insertInto('order_lines')
    .values(
      order.lines.map((line) => ({
        order_id: order.id,
        variant_id: line.variantId,
        quantity: line.quantity,
        unit_price_cents: order.prices.get(line.variantId)?.price ?? 0,
        iva_rate_bp: order.prices.get(line.variantId)?.iva ?? 0,
      })),
    )
    .returningAll()
    .execute();
  return { order: stored, lines };
}
