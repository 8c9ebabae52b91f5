import { IdSchema } from '@bottega/domain';
import type { RoutePlugin } from '../../http/route';
import { MAKERS, requireShopRole, requireUser } from '../auth/auth-plugin';
import { ShopParams } from '../catalog/shop-params';
import {
  OrderListQuery,
  cancelShopOrder,
  getShopOrder,
  listShopOrders,
} from './maker-orders';
import { OrderPageSchema, OrderViewSchema } from './maker-order-schema';

const tags = ['orders'];
const OrderParams = ShopParams.extend({ orderId: IdSchema });

/** The maker's orders: list and filter them, read one, cancel one. */
export const orderRoutes: RoutePlugin = (app, { deps }) => {
  const db = deps.db.kysely;
  // A session first, before the body is even read: someone signed out
  // gets a 401, not a report on what their input lacks.
  app.addHook('preValidation', async (request) => {
    await requireUser(request);
  });

  app.get(
    '/api/shops/:shopId/orders',
    {
      schema: {
        tags,
        summary: "The shop's orders, newest first, a page at a time",
        description:
          'Filter by dropId and status; pass the nextCursor of a page as ' +
          'cursor to get the next one. limit is 1 to 200 (default 50).',
        params: ShopParams,
        querystring: OrderListQuery,
        response: { 200: OrderPageSchema },
      },
    },
    async (request) => {
      const { shopId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      return listShopOrders(db, shopId, request.query);
    },
  );

  app.get(
    '/api/shops/:shopId/orders/:orderId',
    {
      schema: {
        tags,
        summary: 'One order',
        params: OrderParams,
        response: { 200: OrderViewSchema },
      },
    },
    async (request) => {
      const { shopId, orderId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      return getShopOrder(db, shopId, orderId);
    },
  );

  app.post(
    '/api/shops/:shopId/orders/:orderId/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an order and release its units, slot or locker',
        params: OrderParams,
        response: { 200: OrderViewSchema },
      },
    },
    async (request) => {
      const { shopId, orderId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      return cancelShopOrder(deps, shopId, orderId);
    },
  );

  return Promise.resolve();
};
