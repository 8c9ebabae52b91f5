import { IdSchema } from '@bottega/domain';
import { z } from 'zod';

/** Path parameters of every route under `/api/shops/:shopId`. */
export const ShopParams = z.object({ shopId: IdSchema });

/** `/api/shops/:shopId/products/:productId` parameters. */
export const ProductParams = ShopParams.extend({ productId: IdSchema });

/** `/api/shops/:shopId/variants/:variantId` parameters. */
export const VariantParams = ShopParams.extend({ variantId: IdSchema });
