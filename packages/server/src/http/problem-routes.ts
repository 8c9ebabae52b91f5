import { z } from 'zod';
import { PROBLEMS, problem, type ProblemCode } from '../errors';
import type { RoutePlugin } from './route';

/**
 * `GET /api/problems/:code`: what a problem `type` means, so every `type`
 * URI the API sends resolves to a description.
 */
export const problemRoutes: RoutePlugin = (app) => {
  app.get(
    '/api/problems/:code',
    {
      schema: {
        tags: ['problems'],
        summary: 'Describe a problem type',
        params: z.object({ code: z.string().max(64) }),
      },
    },
    (request) => {
      const code = request.params.code as ProblemCode;
      const known = Object.hasOwn(PROBLEMS, code) ? PROBLEMS[code] : null;
      if (!known) throw problem('not-found', `No problem type ${code}`);
      return { code, status: known.status, title: known.title };
    },
  );
  return Promise.resolve();
};
