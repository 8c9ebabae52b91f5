import { z } from 'zod';
import { EmailSchema, IdSchema, NameSchema, QuantitySchema } from './common';

/** One line of a cart: a variant and how many. */
export const LineItemSchema = z.object({
  variantId: IdSchema,
  quantity: QuantitySchema,
});

/** The lines of a cart; one variant appears at most once. */
export const LineItemsSchema = z
  .array(LineItemSchema)
  .min(1)
  .max(50)
  .refine(
    (items) =>
      new Set(items.map((item) => item.variantId)).size === items.length,
    { message: 'each variant may appear once' },
  );

/** `POST /api/drops/:dropId/holds` body. */
export const CreateHoldSchema = z.object({ items: LineItemsSchema });
export type CreateHold = z.infer<typeof CreateHoldSchema>;

/** A postal address for shipping, in Italy or the EU. */
export const AddressSchema = z.object({
  name: NameSchema,
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).optional(),
  postcode: z.string().trim().min(2).max(12),
  city: z.string().trim().min(1).max(120),
  province: z.string().trim().max(60).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166 two-letter code' })
    .default('IT'),
});

/** How an order reaches its customer. */
export const FulfilmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('slot'), slotId: IdSchema }),
  z.object({ kind: z.literal('hub'), hubId: IdSchema }),
  z.object({ kind: z.literal('shipping'), address: AddressSchema }),
]);
export type Fulfilment = z.infer<typeof FulfilmentSchema>;

/** A referral code or campaign tag: letters, digits, `-`, `_` and `.`. */
const TagSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, {
  message: 'must be 1-64 of A-Z 0-9 . _ -',
});

/** `POST /api/drops/:dropId/orders` body. */
export const CreateOrderSchema = z.object({
  items: LineItemsSchema,
  fulfilment: FulfilmentSchema,
  customer: z.object({ name: NameSchema, email: EmailSchema }),
  holdId: IdSchema.optional(),
  ref: TagSchema.optional(),
  utmSource: TagSchema.optional(),
  subscribe: z.boolean().optional(),
});
export type CreateOrder = z.infer<typeof CreateOrderSchema>;

/** The channel an order came through. */
export type OrderChannel =
  'online_presale' | 'social_referral' | 'walk_in' | 'wholesale';

/**
 * The channel of an online order: a referral code or UTM source makes it a
 * social referral.
 * @example onlineChannel({ ref: 'ig-maria' }) // 'social_referral'
 */
export function onlineChannel(input: {
  ref?: string | undefined;
  utmSource?: string | undefined;
}): OrderChannel {
  return input.ref || input.utmSource ? 'social_referral' : 'online_presale';
}
