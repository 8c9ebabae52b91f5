import {
  CreateDropSchema,
  CreateWholesaleOrderSchema,
  IdSchema,
} from '@bottega/domain';
import type { RoutePlugin } from '../../http/route';
import {
  ANY_ROLE,
  MAKERS,
  requireShopRole,
  requireUser,
} from '../auth/auth-plugin';
import { ShopParams } from '../catalog/shop-params';
import { placeWholesaleOrder } from '../orders/wholesale';
import { createDrop, fulfilDrop, scheduleDrop } from './drop-admin';
import { z } from 'zod';
import {
  MakerDropSchema,
  MakerDropSummarySchema,
} from './maker-drop-presenter';
import { getMakerDrop, listMakerDrops } from './maker-drop-view';
import { IdempotentHeaders } from './storefront-routes';

const tags = ['drops'];
const DropParams = ShopParams.extend({ dropId: IdSchema });

/**
 * The maker's drops: plan one as a draft, schedule it, follow its
 * counters, sell the contingency wholesale, fulfil it once confirmed.
 * Stall operators may read; owners and staff may change.
 */
export const makerDropRoutes: RoutePlugin = (app, { deps }) => {
  const db = deps.db.kysely;
  // A session first, before the body is even read: someone signed out
  // gets a 401, not a report on what their input lacks.
  app.addHook('preValidation', async (request) => {
    await requireUser(request);
  });
  const view = (shopId: string, dropId: string) =>
    getMakerDrop(db, shopId, dropId, deps.clock.now());

  app.get(
    '/api/shops/:shopId/drops',
    {
      schema: {
        tags,
        summary: "The shop's drops with phase, caps, claims and orders",
        params: ShopParams,
        response: { 200: z.object({ drops: z.array(MakerDropSummarySchema) }) },
      },
    },
    async (request) => {
      const { shopId } = request.params;
      await requireShopRole(deps, request, shopId, ANY_ROLE);
      return { drops: await listMakerDrops(db, shopId, deps.clock.now()) };
    },
  );

  app.post(
    '/api/shops/:shopId/drops',
    {
      schema: {
        tags,
        summary: 'Plan a drop (created as a draft)',
        description:
          'The preorder window must last 48 to 96 hours. Every variant, ' +
          "pop-up and hub must be the shop's own (hubs: of its co-ops).",
        params: ShopParams,
        body: CreateDropSchema,
        response: { 201: MakerDropSchema },
      },
    },
    async (request, reply) => {
      const { shopId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      const id = await createDrop(db, shopId, request.body, deps.clock.now());
      return reply.code(201).send(await view(shopId, id));
    },
  );

  app.get(
    '/api/shops/:shopId/drops/:dropId',
    {
      schema: {
        tags,
        summary: 'A drop with every counter, its orders and its minimum',
        params: DropParams,
        response: { 200: MakerDropSchema },
      },
    },
    async (request) => {
      const { shopId, dropId } = request.params;
      await requireShopRole(deps, request, shopId, ANY_ROLE);
      return view(shopId, dropId);
    },
  );

  app.post(
    '/api/shops/:shopId/drops/:dropId/schedule',
    {
      schema: {
        tags,
        summary: 'Schedule a draft: it opens and closes by its window',
        params: DropParams,
        response: { 200: MakerDropSchema },
      },
    },
    async (request) => {
      const { shopId, dropId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      await scheduleDrop(deps, shopId, dropId);
      return view(shopId, dropId);
    },
  );

  app.post(
    '/api/shops/:shopId/drops/:dropId/fulfil',
    {
      schema: {
        tags,
        summary: 'Mark a confirmed drop and its orders fulfilled',
        params: DropParams,
        response: { 200: MakerDropSchema },
      },
    },
    async (request) => {
      const { shopId, dropId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      await fulfilDrop(deps, shopId, dropId);
      return view(shopId, dropId);
    },
  );

  app.post(
    '/api/shops/:shopId/drops/:dropId/wholesale-orders',
    {
      schema: {
        tags,
        summary: 'A wholesale order, which may draw on the contingency',
        description:
          'Idempotent by Idempotency-Key, like a storefront order. Allowed ' +
          'while the drop is open, closed or confirmed.',
        params: DropParams,
        headers: IdempotentHeaders,
        body: CreateWholesaleOrderSchema,
      },
    },
    async (request, reply) => {
      const { shopId, dropId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      const result = await placeWholesaleOrder(
        deps,
        shopId,
        dropId,
        request.body,
        request.headers['idempotency-key'],
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  );

  return Promise.resolve();
};
