import { CreateProductSchema, CreateVariantSchema } from '@bottega/domain';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import { problem } from '../../errors';
import {
  findProduct,
  type ProductRecord,
  type VariantRow,
} from './catalog-queries';

/** `PATCH /api/shops/:shopId/products/:productId` body. */
export const UpdateProductSchema = z
  .object({
    name: CreateProductSchema.shape.name.optional(),
    description: z.string().trim().max(4000).optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), {
    message: 'change at least one of name, description',
  });

/** `PATCH /api/shops/:shopId/variants/:variantId` body. */
export const UpdateVariantSchema = z
  .object({
    name: CreateVariantSchema.shape.name.optional(),
    priceCents: CreateVariantSchema.shape.priceCents.optional(),
    unitCostCents: CreateVariantSchema.shape.unitCostCents.optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), {
    message: 'change at least one of name, priceCents, unitCostCents',
  });

type ProductPatch = z.output<typeof UpdateProductSchema>;
type VariantPatch = z.output<typeof UpdateVariantSchema>;

/**
 * Renames or redescribes one of the shop's products; 404 for another
 * shop's product, since the update is scoped by `shop_id`.
 */
export async function updateProduct(
  db: Kysely<Database>,
  shopId: string,
  productId: string,
  patch: ProductPatch,
): Promise<ProductRecord> {
  const result = await db
    .updateTable('products')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.description !== undefined && {
        description: patch.description,
      }),
    })
    .where('shop_id', '=', shopId)
    .where('id', '=', productId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw problem('not-found', `There is no product ${productId}`);
  }
  const record = await findProduct(db, shopId, productId);
  if (!record) throw problem('not-found', `There is no product ${productId}`);
  return record;
}

/**
 * Changes the name, price or unit cost of one of the shop's variants.
 * Orders already placed keep the price they were placed at (their lines
 * store it); new orders pay the new price.
 */
export async function updateVariant(
  db: Kysely<Database>,
  shopId: string,
  variantId: string,
  patch: VariantPatch,
): Promise<VariantRow> {
  const row = await db
    .updateTable('variants')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.priceCents !== undefined && { price_cents: patch.priceCents }),
      ...(patch.unitCostCents !== undefined && {
        unit_cost_cents: patch.unitCostCents,
      }),
    })
    .where('shop_id', '=', shopId)
    .where('id', '=', variantId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw problem('not-found', `There is no variant ${variantId}`);
  return row;
}
