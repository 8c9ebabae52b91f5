import { CreateProductSchema, CreateVariantSchema } from '@bottega/domain';
import { problem } from '../../errors';
import type { RoutePlugin } from '../../http/route';
import { MAKERS, requireShopRole, requireUser } from '../auth/auth-plugin';
import { createProduct, createVariant } from './catalog-service';
import { z } from 'zod';
import {
  ProductViewSchema,
  VariantViewSchema,
  presentProduct,
  presentVariant,
  type ProductView,
} from './catalog-presenters';
import { findProduct, findVariant, listProducts } from './catalog-queries';
import {
  UpdateProductSchema,
  UpdateVariantSchema,
  updateProduct,
  updateVariant,
} from './catalog-updates';
import { ProductParams, ShopParams, VariantParams } from './shop-params';

const tags = ['catalog'];

/**
 * The maker's catalogue: products and their variants. Owners and staff
 * only; every read and write is scoped by the shop in the path.
 */
export const catalogRoutes: RoutePlugin = (app, { deps }) => {
  const db = deps.db.kysely;
  // A session first, before the body is even read: someone signed out
  // gets a 401, not a report on what their input lacks.
  app.addHook('preValidation', async (request) => {
    await requireUser(request);
  });

  const loadProduct = async (
    shopId: string,
    productId: string,
  ): Promise<ProductView> => {
    const record = await findProduct(db, shopId, productId);
    if (!record) throw problem('not-found', `There is no product ${productId}`);
    return presentProduct(record);
  };

  app.get(
    '/api/shops/:shopId/products',
    {
      schema: {
        tags,
        summary: "The shop's products with their variants",
        params: ShopParams,
        response: { 200: z.object({ products: z.array(ProductViewSchema) }) },
      },
    },
    async (request) => {
      const { shopId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      const products = await listProducts(db, shopId);
      return { products: products.map(presentProduct) };
    },
  );

  app.post(
    '/api/shops/:shopId/products',
    {
      schema: {
        tags,
        summary: 'Add a product',
        params: ShopParams,
        body: CreateProductSchema,
        response: { 201: ProductViewSchema },
      },
    },
    async (request, reply) => {
      const { shopId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      const id = await createProduct(
        db,
        shopId,
        request.body,
        deps.clock.now(),
      );
      return reply.code(201).send(await loadProduct(shopId, id));
    },
  );

  app.get(
    '/api/shops/:shopId/products/:productId',
    {
      schema: {
        tags,
        summary: 'A product with its variants',
        params: ProductParams,
        response: { 200: ProductViewSchema },
      },
    },
    async (request) => {
      const { shopId, productId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      return loadProduct(shopId, productId);
    },
  );

  app.patch(
    '/api/shops/:shopId/products/:productId',
    {
      schema: {
        tags,
        summary: "Change a product's name or description",
        params: ProductParams,
        body: UpdateProductSchema,
        response: { 200: ProductViewSchema },
      },
    },
    async (request) => {
      const { shopId, productId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      const record = await updateProduct(db, shopId, productId, request.body);
      return presentProduct(record);
    },
  );

  app.post(
    '/api/shops/:shopId/products/:productId/variants',
    {
      schema: {
        tags,
        summary: 'Add a variant to a product',
        params: ProductParams,
        body: CreateVariantSchema,
        response: { 201: VariantViewSchema },
      },
    },
    async (request, reply) => {
      const { shopId, productId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      const id = await createVariant(db, shopId, productId, request.body);
      const variant = await findVariant(db, shopId, id);
      if (!variant) throw problem('not-found', `There is no variant ${id}`);
      return reply.code(201).send(presentVariant(variant));
    },
  );

  app.patch(
    '/api/shops/:shopId/variants/:variantId',
    {
      schema: {
        tags,
        summary: "Change a variant's name, price or unit cost",
        description:
          'Orders already placed keep the price they were placed at.',
        params: VariantParams,
        body: UpdateVariantSchema,
        response: { 200: VariantViewSchema },
      },
    },
    async (request) => {
      const { shopId, variantId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      const variant = await updateVariant(db, shopId, variantId, request.body);
      return presentVariant(variant);
    },
  );

  return Promise.resolve();
};
