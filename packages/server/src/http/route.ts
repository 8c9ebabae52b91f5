import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../platform/deps';

/** A feature's routes: a Fastify plugin given the injected dependencies. */
export type RoutePlugin = FastifyPluginAsyncZod<{ deps: Deps }>;
