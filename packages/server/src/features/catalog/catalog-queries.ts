import type { Kysely, Selectable } from 'kysely';
import type { Database, ProductsTable, VariantsTable } from '../../db/schema';

/** A stored product of a shop. */
export type ProductRow = Selectable<ProductsTable>;

/** A stored variant of a product. */
export type VariantRow = Selectable<VariantsTable>;

/** A product with its variants, as read for its shop. */
export interface ProductRecord {
  readonly product: ProductRow;
  readonly variants: VariantRow[];
}

/** Most products one listing returns; a micro-shop has a few dozen. */
export const PRODUCT_LIST_LIMIT = 500;

/**
 * The products of a shop with their variants, by name. Only the shop's own
 * rows are read: both queries are scoped by `shop_id`.
 */
export async function listProducts(
  db: Kysely<Database>,
  shopId: string,
): Promise<ProductRecord[]> {
  const products = await db
    .selectFrom('products')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('name')
    .orderBy('id')
    .limit(PRODUCT_LIST_LIMIT)
    .execute();
  if (products.length === 0) return [];

  const variants = await db
    .selectFrom('variants')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where(
      'product_id',
      'in',
      products.map((p) => p.id),
    )
    .orderBy('name')
    .orderBy('id')
    .execute();
  // Map.groupBy needs Node 21; the machines run Node 20.
  const byProduct = new Map<string, VariantRow[]>();
  for (const variant of variants) {
    const list = byProduct.get(variant.product_id) ?? [];
    list.push(variant);
    byProduct.set(variant.product_id, list);
  }
  return products.map((product) => ({
    product,
    variants: byProduct.get(product.id) ?? [],
  }));
}

/** One product of a shop with its variants, or undefined. */
export async function findProduct(
  db: Kysely<Database>,
  shopId: string,
  productId: string,
): Promise<ProductRecord | undefined> {
  const product = await db
    .selectFrom('products')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!product) return undefined;

  const variants = await db
    .selectFrom('variants')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('product_id', '=', productId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return { product, variants };
}

/** One variant of a shop, or undefined. */
export function findVariant(
  db: Kysely<Database>,
  shopId: string,
  variantId: string,
): Promise<VariantRow | undefined> {
  return db
    .selectFrom('variants')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', variantId)
    .executeTakeFirst();
}
