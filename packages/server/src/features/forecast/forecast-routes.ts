import { IdSchema } from '@bottega/domain';
import { z } from 'zod';
import { problem } from '../../errors';
import type { RoutePlugin } from '../../http/route';
import { MAKERS, requireShopRole } from '../auth/auth-plugin';
import { findDrop } from '../drops/drop-queries';
import { forecastDrop } from './drop-forecast';

/**
 * `GET /api/drops/:dropId/forecast`: the live forecast of a drop's final
 * total and the production plan, for the drop's own shop only.
 */
export const forecastRoutes: RoutePlugin = (app, { deps }) => {
  app.get(
    '/api/drops/:dropId/forecast',
    {
      schema: {
        tags: ['maker'],
        summary: "A drop's live forecast and production plan (its shop only)",
        params: z.object({ dropId: IdSchema }),
        querystring: z.object({
          salvageCents: z.coerce
            .number()
            .int()
            .min(0)
            .max(100_000_000)
            .optional(),
          quantity: z.coerce.number().int().min(0).max(1_000_000).optional(),
        }),
      },
    },
    async (request) => {
      const drop = await findDrop(deps.db.reader, request.params.dropId);
      if (!drop) {
        throw problem('not-found', `There is no drop ${request.params.dropId}`);
      }
      await requireShopRole(deps, request, drop.shop_id, MAKERS);
      return forecastDrop(deps, drop.id, request.query);
    },
  );
  return Promise.resolve();
};
