import { CreatePopupSchema, CreateSlotSchema, IdSchema } from '@bottega/domain';
import type { RoutePlugin } from '../../http/route';
import {
  ANY_ROLE,
  MAKERS,
  requireShopRole,
  requireUser,
} from '../auth/auth-plugin';
import { ShopParams } from '../catalog/shop-params';
import { createPopup, createSlot } from './popup-service';
import { z } from 'zod';
import {
  PopupSummarySchema,
  PopupViewSchema,
  SlotViewSchema,
  getPopup,
  getSlot,
  listPopups,
} from './popup-view';

const tags = ['popups'];
const PopupParams = ShopParams.extend({ popupId: IdSchema });

/**
 * The shop's pop-up markets and their pickup slots. Stall operators may
 * read them; owners and staff plan them.
 */
export const popupRoutes: RoutePlugin = (app, { deps }) => {
  const db = deps.db.kysely;
  // A session first, before the body is even read: someone signed out
  // gets a 401, not a report on what their input lacks.
  app.addHook('preValidation', async (request) => {
    await requireUser(request);
  });

  app.get(
    '/api/shops/:shopId/popups',
    {
      schema: {
        tags,
        summary: "The shop's pop-ups",
        params: ShopParams,
        response: { 200: z.object({ popups: z.array(PopupSummarySchema) }) },
      },
    },
    async (request) => {
      const { shopId } = request.params;
      await requireShopRole(deps, request, shopId, ANY_ROLE);
      return { popups: await listPopups(db, shopId) };
    },
  );

  app.post(
    '/api/shops/:shopId/popups',
    {
      schema: {
        tags,
        summary: 'Plan a pop-up market',
        params: ShopParams,
        body: CreatePopupSchema,
        response: { 201: PopupViewSchema },
      },
    },
    async (request, reply) => {
      const { shopId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      const id = await createPopup(db, shopId, request.body);
      return reply.code(201).send(await getPopup(db, shopId, id));
    },
  );

  app.get(
    '/api/shops/:shopId/popups/:popupId',
    {
      schema: {
        tags,
        summary: 'A pop-up with its slots and their remaining capacity',
        params: PopupParams,
        response: { 200: PopupViewSchema },
      },
    },
    async (request) => {
      const { shopId, popupId } = request.params;
      await requireShopRole(deps, request, shopId, ANY_ROLE);
      return getPopup(db, shopId, popupId);
    },
  );

  app.post(
    '/api/shops/:shopId/popups/:popupId/slots',
    {
      schema: {
        tags,
        summary: 'Add a pickup slot to a pop-up',
        params: PopupParams,
        body: CreateSlotSchema,
        response: { 201: SlotViewSchema },
      },
    },
    async (request, reply) => {
      const { shopId, popupId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      const id = await createSlot(db, shopId, popupId, request.body);
      return reply.code(201).send(await getSlot(db, shopId, id));
    },
  );

  return Promise.resolve();
};
