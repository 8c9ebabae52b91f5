import { z } from 'zod';
import {
  BasisPointsSchema,
  CentsSchema,
  EmailSchema,
  IdSchema,
  InstantSchema,
  NameSchema,
} from './common';
import { AddressSchema, LineItemsSchema } from './storefront';

/** Sign-up of a shop owner, which creates the shop. */
export const SignUpSchema = z.object({
  email: EmailSchema,
  password: z.string().min(10, 'must be at least 10 characters').max(200),
  name: NameSchema,
  shopName: NameSchema,
});

/** Login with email and password. */
export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(200),
});

/** A new product. */
export const CreateProductSchema = z.object({
  name: NameSchema,
  description: z.string().trim().max(4000).default(''),
});

/** A new variant of a product. */
export const CreateVariantSchema = z.object({
  name: NameSchema,
  sku: z.string().trim().min(1).max(64).optional(),
  priceCents: CentsSchema,
  ivaRateBp: BasisPointsSchema,
  unitCostCents: CentsSchema,
});

/** A new drop, created as a draft. */
export const CreateDropSchema = z
  .object({
    title: NameSchema,
    opensAt: InstantSchema,
    closesAt: InstantSchema,
    minimumUnits: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .nullable()
      .default(null),
    contingencyBp: z.number().int().min(0).max(5000).default(0),
    productionDate: InstantSchema.optional(),
    packingDate: InstantSchema.optional(),
    items: z
      .array(
        z.object({
          variantId: IdSchema,
          cap: z.number().int().min(1).max(100_000),
        }),
      )
      .min(1)
      .max(50),
    popupIds: z.array(IdSchema).max(20).default([]),
    hubIds: z.array(IdSchema).max(20).default([]),
    shipping: z.boolean().default(true),
  })
  .superRefine((drop, context) => {
    // A repeated id would offer the same slots, hub or variant twice.
    const unique = [
      ['popupIds', drop.popupIds],
      ['hubIds', drop.hubIds],
      ['items', drop.items.map((item) => item.variantId)],
    ] as const;
    for (const [field, ids] of unique) {
      if (new Set(ids).size !== ids.length) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: 'each id may appear once',
        });
      }
    }
  });

/** A pop-up market event. */
export const CreatePopupSchema = z.object({
  name: NameSchema,
  place: z.string().trim().min(1).max(200),
  startsAt: InstantSchema,
  endsAt: InstantSchema,
});

/** A pickup slot at a pop-up. */
export const CreateSlotSchema = z.object({
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  capacity: z.number().int().min(1).max(10_000),
});

/** A co-op hub: a locker with compartments or a fulfilment bench. */
export const CreateHubSchema = z.object({
  name: NameSchema,
  kind: z.enum(['locker', 'bench']),
  address: z.string().trim().min(1).max(200),
  capacity: z.number().int().min(1).max(10_000),
});

/** A wholesale order, which may draw on the contingency. */
export const CreateWholesaleOrderSchema = z.object({
  items: LineItemsSchema,
  buyer: z.object({ name: NameSchema, email: EmailSchema }),
  address: AddressSchema.optional(),
});

/** Adding a shop to a co-op. */
export const AddCoopShopSchema = z.object({ shopId: IdSchema });
