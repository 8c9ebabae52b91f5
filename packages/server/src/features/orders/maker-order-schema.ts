import { z } from 'zod';
import type { OrderView } from './present-order';

/**
 * The shape of an order in responses, for OpenAPI and for the serializer,
 * which passes on only these fields. It must match `presentOrder`'s
 * {@link OrderView}; the assertion below fails to compile when they part.
 */
export const OrderViewSchema = z.object({
  id: z.uuid(),
  dropId: z.uuid(),
  shopId: z.uuid(),
  status: z.string(),
  channel: z.string(),
  pickupCode: z.string(),
  totalCents: z.number().int(),
  ivaCents: z.number().int(),
  createdAt: z.iso.datetime(),
  customer: z.object({ name: z.string(), email: z.string() }),
  fulfilment: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('slot'), slotId: z.uuid() }),
    z.object({ kind: z.literal('hub'), hubId: z.uuid() }),
    z.object({ kind: z.literal('shipping'), address: z.unknown() }),
  ]),
  items: z.array(
    z.object({
      variantId: z.uuid(),
      quantity: z.number().int(),
      unitPriceCents: z.number().int(),
      ivaRateBp: z.number().int(),
    }),
  ),
  ref: z.string().nullable(),
});

/** One page of orders and the cursor of the next. */
export const OrderPageSchema = z.object({
  orders: z.array(OrderViewSchema),
  nextCursor: z.string().nullable(),
});

// Compile-time check that the schema and the presenter agree both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agrees: Same<z.infer<typeof OrderViewSchema>, OrderView> = true;
void agrees;
