import { AddCoopShopSchema, CreateHubSchema, IdSchema } from '@bottega/domain';
import { z } from 'zod';
import type { RoutePlugin } from '../../http/route';
import {
  ANY_ROLE,
  requireCoopManager,
  requireShopRole,
  requireUser,
} from '../auth/auth-plugin';
import { ShopParams } from '../catalog/shop-params';
import { addCoopShop, createHub } from './coop-service';
import {
  CoopViewSchema,
  HubViewSchema,
  ShopHubViewSchema,
  getCoop,
  getCoopHub,
  listCoopHubs,
  listShopHubs,
} from './coop-view';

const tags = ['co-ops'];
const CoopParams = z.object({ coopId: IdSchema });

/**
 * Co-op manager routes (member shops, hubs), and the hubs a shop's
 * members may offer for pickup. A manager sees only their own co-op: any
 * other is a 404.
 */
export const coopRoutes: RoutePlugin = (app, { deps }) => {
  const db = deps.db.kysely;
  // A session first, before the body is even read: someone signed out
  // gets a 401, not a report on what their input lacks.
  app.addHook('preValidation', async (request) => {
    await requireUser(request);
  });

  app.get(
    '/api/coops/:coopId',
    {
      schema: {
        tags,
        summary: 'A co-op with its member shops',
        params: CoopParams,
        response: { 200: CoopViewSchema },
      },
    },
    async (request) => {
      const { coopId } = request.params;
      await requireCoopManager(deps, request, coopId);
      return getCoop(db, coopId);
    },
  );

  app.post(
    '/api/coops/:coopId/shops',
    {
      schema: {
        tags,
        summary: 'Add a member shop to the co-op',
        params: CoopParams,
        body: AddCoopShopSchema,
        response: { 201: CoopViewSchema },
      },
    },
    async (request, reply) => {
      const { coopId } = request.params;
      await requireCoopManager(deps, request, coopId);
      await addCoopShop(db, coopId, request.body.shopId);
      return reply.code(201).send(await getCoop(db, coopId));
    },
  );

  app.get(
    '/api/coops/:coopId/hubs',
    {
      schema: {
        tags,
        summary: "The co-op's hubs with their remaining capacity",
        params: CoopParams,
        response: { 200: z.object({ hubs: z.array(HubViewSchema) }) },
      },
    },
    async (request) => {
      const { coopId } = request.params;
      await requireCoopManager(deps, request, coopId);
      return { hubs: await listCoopHubs(db, coopId) };
    },
  );

  app.post(
    '/api/coops/:coopId/hubs',
    {
      schema: {
        tags,
        summary: 'Add a hub: a locker with compartments or a bench',
        params: CoopParams,
        body: CreateHubSchema,
        response: { 201: HubViewSchema },
      },
    },
    async (request, reply) => {
      const { coopId } = request.params;
      await requireCoopManager(deps, request, coopId);
      const id = await createHub(db, coopId, request.body);
      return reply.code(201).send(await getCoopHub(db, coopId, id));
    },
  );

  app.get(
    '/api/shops/:shopId/hubs',
    {
      schema: {
        tags,
        summary: "The hubs of the shop's co-ops, to offer for pickup",
        params: ShopParams,
        response: { 200: z.object({ hubs: z.array(ShopHubViewSchema) }) },
      },
    },
    async (request) => {
      const { shopId } = request.params;
      await requireShopRole(deps, request, shopId, ANY_ROLE);
      return { hubs: await listShopHubs(db, shopId) };
    },
  );

  return Promise.resolve();
};
