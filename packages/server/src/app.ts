import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { installProblemHandlers } from './http/problems';
import type { Deps } from './platform/deps';
import { authPlugin } from './features/auth/auth-plugin';
import { authRoutes } from './features/auth/auth-routes';
import { memberRoutes } from './features/auth/member-routes';
import { catalogRoutes } from './features/catalog/catalog-routes';
import { coopRoutes } from './features/coops/coop-routes';
import { makerDropRoutes } from './features/drops/maker-drop-routes';
import { storefrontRoutes } from './features/drops/storefront-routes';
import { eventRoutes } from './features/events/event-routes';
import { orderRoutes } from './features/orders/order-routes';
import { popupRoutes } from './features/popups/popup-routes';
import { problemRoutes } from './http/problem-routes';
import { forecastRoutes } from './features/forecast/forecast-routes';

/** Largest request body accepted, in bytes. */
export const BODY_LIMIT = 64 * 1024;

/**
 * Builds the HTTP API around its dependencies. Nothing listens yet: tests
 * call it in process with `inject`, `main.ts` listens.
 */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  // pino 10 types differ from the ones fastify was built against.
  const logger: FastifyBaseLogger = deps.log;
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT,
    trustProxy: deps.settings.trustProxy,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given)
        ? given
        : crypto.randomUUID();
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  // JSON only: a text body is refused with 415, not parsed as a string.
  app.removeContentTypeParser('text/plain');

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bottega API',
        description:
          'Drops, preorders, pickup and the live stock of artisan shops ' +
          'and their co-ops. Errors are RFC 9457 problem documents.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'bottega_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin, { deps });

  const routes = [
    problemRoutes,
    authRoutes,
    memberRoutes,
    catalogRoutes,
    makerDropRoutes,
    popupRoutes,
    coopRoutes,
    orderRoutes,
    storefrontRoutes,
    eventRoutes,
    forecastRoutes,
  ];
  for (const route of routes) {
    await app.register(route, { deps });
  }

  // Until the storefront (packages/web) is served here, the address that
  // `npm start` prints leads to the API's documentation.
  app.get('/', { schema: { hide: true } }, (_request, reply) =>
    reply.redirect('/api/docs', 302),
  );

  app.get('/api/health', { schema: { hide: true } }, async () => {
    await deps.db.kysely.selectFrom('shops').select('id').limit(1).execute();
    return { ok: true, database: deps.db.dialect };
  });
  return app;
}
