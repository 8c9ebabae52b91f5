import type { z } from 'zod';
import type { CreateProductSchema, CreateVariantSchema } from '@bottega/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { problem } from '../../errors';
import { newId } from '../../platform/ids';

type ProductInput = z.output<typeof CreateProductSchema>;
type VariantInput = z.output<typeof CreateVariantSchema>;

/** Creates a product of a shop. */
export async function createProduct(
  db: Kysely<Database>,
  shopId: string,
  input: ProductInput,
  now: number,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('products')
    .values({
      id,
      shop_id: shopId,
      name: input.name,
      description: input.description,
      created_at: now,
    })
    .execute();
  return id;
}

/** Creates a variant of one of the shop's products; 404 for another's. */
export async function createVariant(
  db: Kysely<Database>,
  shopId: string,
  productId: string,
  input: VariantInput,
  id: string = newId(),
): Promise<string> {
  const product = await db
    .selectFrom('products')
    .select('id')
    .where('id', '=', productId)
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  if (!product) throw problem('not-found', `There is no product ${productId}`);

  await db
    .insertInto('variants')
    .values({
      id,
      shop_id: shopId,
      product_id: productId,
      name: input.name,
      sku: input.sku ?? null,
      price_cents: input.priceCents,
      iva_rate_bp: input.ivaRateBp,
      unit_cost_cents: input.unitCostCents,
    })
    .execute();
  return id;
}
