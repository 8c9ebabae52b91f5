import type { ProductRecord, VariantRow } from './catalog-queries';

/** A variant as its shop sees it. */
export interface VariantView {
  id: string;
  productId: string;
  name: string;
  sku: string | null;
  priceCents: number;
  ivaRateBp: number;
  unitCostCents: number;
}

/** A product with its variants as its shop sees it. */
export interface ProductView {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  variants: VariantView[];
}

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
