import { CreateHoldSchema, CreateOrderSchema, IdSchema } from '@bottega/domain';
import { z } from 'zod';
import type { RoutePlugin } from '../../http/route';
import { IDEMPOTENCY_KEY } from '../idempotency/idempotency';
import { placeOrder } from '../orders/place-order';
import { createHold, releaseHold } from './holds';
import { getPublicDrop } from './public-drop';

const DropParams = z.object({ dropId: IdSchema });

/** Headers of a creating request that clients may retry. */
export const IdempotentHeaders = z.object({
  'idempotency-key': z
    .string({ message: 'send an Idempotency-Key header' })
    .regex(IDEMPOTENCY_KEY, {
      message: '1 to 200 visible ASCII characters',
    }),
});

/**
 * The public storefront API: a drop with live availability, cart holds and
 * preorders. Other front ends build on these shapes.
 */
export const storefrontRoutes: RoutePlugin = (app, { deps }) => {
  app.get(
    '/api/drops/:dropId',
    {
      schema: {
        tags: ['storefront'],
        summary: 'A drop, its items with live availability, its pickup options',
        params: DropParams,
      },
    },
    (request) => getPublicDrop(deps, request.params.dropId),
  );

  app.post(
    '/api/drops/:dropId/holds',
    {
      schema: {
        tags: ['storefront'],
        summary: `Keep a cart's units for ${deps.settings.holdMinutes} minutes`,
        params: DropParams,
        body: CreateHoldSchema,
      },
    },
    async (request, reply) => {
      const hold = await createHold(deps, request.params.dropId, request.body);
      return reply.code(201).send(hold);
    },
  );

  app.delete(
    '/api/drops/:dropId/holds/:holdId',
    {
      schema: {
        tags: ['storefront'],
        summary: 'Give a cart hold back (the cart was emptied)',
        params: DropParams.extend({ holdId: IdSchema }),
      },
    },
    async (request, reply) => {
      const { dropId, holdId } = request.params;
      await releaseHold(deps, dropId, holdId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/drops/:dropId/orders',
    {
      schema: {
        tags: ['storefront'],
        summary: 'Preorder from a drop (idempotent by Idempotency-Key)',
        description:
          'Answers 201 with the order. The same key with the same body ' +
          'replays the first response; with another body, 422. 409 ' +
          'problems: sold-out, slot-full, hub-full, window-closed.',
        params: DropParams,
        headers: IdempotentHeaders,
        body: CreateOrderSchema,
      },
    },
    async (request, reply) => {
      const result = await placeOrder(
        deps,
        request.params.dropId,
        request.body,
        request.headers['idempotency-key'],
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  );

  return Promise.resolve();
};
