import type { OrderRecord } from './order-record';

/** An order as its customer and its shop see it. */
export interface OrderView {
  id: string;
  dropId: string;
  shopId: string;
  status: string;
  channel: string;
  pickupCode: string;
  totalCents: number;
  ivaCents: number;
  createdAt: string;
  customer: { name: string; email: string };
  fulfilment:
    | { kind: 'slot'; slotId: string }
    | { kind: 'hub'; hubId: string }
    | { kind: 'shipping'; address: unknown };
  items: {
    variantId: string;
    quantity: number;
    unitPriceCents: number;
    ivaRateBp: number;
  }[];
  ref: string | null;
}

/** Shapes an order for the API; internal columns stay inside. */
export function presentOrder(record: OrderRecord): OrderView {
  const { order, lines, customer } = record;
  return {
    id: order.id,
    dropId: order.drop_id,
    shopId: order.shop_id,
    status: order.status,
    channel: order.channel,
    pickupCode: order.pickup_code,
    totalCents: order.total_cents,
    ivaCents: order.iva_cents,
    createdAt: new Date(order.created_at).toISOString(),
    customer,
    fulfilment: presentFulfilment(order),
    items: lines.map((line) => ({
      variantId: line.variant_id,
      quantity: line.quantity,
      unitPriceCents: line.unit_price_cents,
      ivaRateBp: line.iva_rate_bp,
    })),
    ref: order.ref ?? order.utm_source,
  };
}

function presentFulfilment(
  order: OrderRecord['order'],
): OrderView['fulfilment'] {
  if (order.fulfilment === 'slot' && order.slot_id) {
    return { kind: 'slot', slotId: order.slot_id };
  }
  if (order.fulfilment === 'hub' && order.hub_id) {
    return { kind: 'hub', hubId: order.hub_id };
  }
  return {
    kind: 'shipping',
    address: order.shipping_address
      ? (JSON.parse(order.shipping_address) as unknown)
      : null,
  };
}
