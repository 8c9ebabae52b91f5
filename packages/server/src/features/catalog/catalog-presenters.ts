import { z } from 'zod';
import type { ProductRecord, VariantRow } from './catalog-queries';

/** A variant as its shop sees it. */
export const VariantViewSchema = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  name: z.string(),
  sku: z.string().nullable(),
  priceCents: z.number().int(),
  ivaRateBp: z.number().int(),
  unitCostCents: z.number().int(),
});
export type VariantView = z.infer<typeof VariantViewSchema>;

/** A product with its variants as its shop sees it. */
export const ProductViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  createdAt: z.iso.datetime(),
  variants: z.array(VariantViewSchema),
});
export type ProductView = z.infer<typeof ProductViewSchema>;

/** Shapes a variant for the maker API. */
export function presentVariant(variant: VariantRow): VariantView {
  return {
    id: variant.id,
    productId: variant.product_id,
    name: variant.name,
    sku: variant.sku,
    priceCents: variant.price_cents,
    ivaRateBp: variant.iva_rate_bp,
    unitCostCents: variant.unit_cost_cents,
  };
}

/** Shapes a product and its variants for the maker API. */
export function presentProduct(record: ProductRecord): ProductView {
  const { product, variants } = record;
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    createdAt: new Date(product.created_at).toISOString(),
    variants: variants.map(presentVariant),
  };
}
