import { IdSchema } from '@bottega/domain';
import { z } from 'zod';
import type { RoutePlugin } from '../../http/route';
import { getPublicDrop } from '../drops/public-drop';
import { eventsAfter, type DropEvent } from './drop-events';

const HEARTBEAT_MS = 15_000;

/**
 * `GET /api/drops/:dropId/events`: Server-Sent Events of a drop's
 * availability. A new subscriber first gets a `snapshot`; every change
 * then comes once, numbered; a subscriber that reconnects with
 * `Last-Event-ID` gets what it missed, in order.
 */
export const eventRoutes: RoutePlugin = (app, { deps }) => {
  app.get(
    '/api/drops/:dropId/events',
    {
      schema: {
        tags: ['storefront'],
        summary: 'Live availability of a drop (text/event-stream)',
        params: z.object({ dropId: IdSchema }),
        querystring: z.object({
          lastEventId: z.coerce.number().int().min(0).optional(),
        }),
        headers: z.object({
          'last-event-id': z.coerce.number().int().min(0).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { dropId } = request.params;
      const snapshot = await getPublicDrop(deps, dropId);
      const resumeFrom =
        request.headers['last-event-id'] ?? request.query.lastEventId ?? null;

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });

      let lastSent = resumeFrom ?? snapshot.eventSeq;
      let pumping = Promise.resolve();
      let open = true;
      const write = (event: DropEvent) => {
        raw.write(
          `id: ${event.seq}\nevent: ${event.kind}\ndata: ${JSON.stringify(event.data)}\n\n`,
        );
        lastSent = event.seq;
      };

      // Read what the table holds after lastSent; used on resume and
      // whenever a notification shows a gap.
      const catchUp = async () => {
        for (;;) {
          const missed = await eventsAfter(deps.db.reader, dropId, lastSent);
          for (const event of missed) if (open) write(event);
          if (missed.length < 500 || !open) return;
        }
      };

      const unsubscribe = deps.events.subscribe(dropId, (event) => {
        pumping = pumping
          .then(async () => {
            if (!open || event.seq <= lastSent) return;
            if (event.seq === lastSent + 1 && 'kind' in event) write(event);
            else await catchUp();
          })
          .catch((error: unknown) =>
            request.log.warn({ err: error }, 'sse pump'),
          );
      });

      if (resumeFrom === null) {
        raw.write(
          `id: ${snapshot.eventSeq}\nevent: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`,
        );
      } else {
        raw.write('retry: 2000\n\n');
      }
      // An event committed after the snapshot was read but before the
      // subscription began reached nobody: read it from the table.
      pumping = pumping
        .then(catchUp)
        .catch((error: unknown) =>
          request.log.warn({ err: error }, 'sse catch-up'),
        );

      const heartbeat = setInterval(() => raw.write(': ♥\n\n'), HEARTBEAT_MS);
      request.raw.on('close', () => {
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
  return Promise.resolve();
};
