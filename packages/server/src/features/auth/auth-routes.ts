import { LoginSchema, SignUpSchema } from '@bottega/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem } from '../../errors';
import type { RoutePlugin } from '../../http/route';
import type { Deps } from '../../platform/deps';
import { createShop, createUser } from './accounts';
import { requireUser } from './auth-plugin';
import { DECOY_HASH, verifyPassword } from './passwords';
import { SESSION_COOKIE, endSession, startSession } from './sessions';

/**
 * Sign-up of a shop owner, login, logout and `GET /api/me`.
 */
export const authRoutes: RoutePlugin = (app, { deps }) => {
  const db = deps.db.kysely;

  app.post(
    '/api/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign up as a shop owner; creates the shop',
        body: SignUpSchema,
      },
      config: {
        rateLimit: { max: deps.settings.loginPerMinute, timeWindow: 60_000 },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const now = deps.clock.now();
      const userId = await createUser(db, input, now);
      const shopId = await createShop(
        db,
        { name: input.shopName, ownerId: userId },
        now,
      );

      await setSessionCookie(deps, request, reply, userId);
      return reply.code(201).send({
        user: { id: userId, email: input.email, name: input.name },
        shop: { id: shopId, name: input.shopName },
      });
    },
  );

  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Log in', body: LoginSchema },
      config: {
        rateLimit: { max: deps.settings.loginPerMinute, timeWindow: 60_000 },
      },
    },
    async (request, reply) => {
      const user = await db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'password_hash'])
        .where('email', '=', request.body.email)
        .executeTakeFirst();
      const ok = await verifyPassword(
        request.body.password,
        user?.password_hash ?? DECOY_HASH,
      );
      if (!user || !ok) {
        request.log.info({ event: 'login_failed' }, 'login failed');
        throw problem('unauthenticated', 'Wrong email or password');
      }
      await setSessionCookie(deps, request, reply, user.id);
      return { user: { id: user.id, email: user.email, name: user.name } };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Log out' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await endSession(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/me',
    { schema: { tags: ['auth'], summary: 'Who I am, my shops and co-ops' } },
    async (request) => {
      const user = await requireUser(request);
      const [shops, coops] = await Promise.all([
        db
          .selectFrom('shop_members as m')
          .innerJoin('shops as s', 's.id', 'm.shop_id')
          .select(['s.id', 's.name', 'm.role'])
          .where('m.user_id', '=', user.id)
          .orderBy('s.name')
          .execute(),
        db
          .selectFrom('coop_managers as m')
          .innerJoin('coops as c', 'c.id', 'm.coop_id')
          .select(['c.id', 'c.name'])
          .where('m.user_id', '=', user.id)
          .orderBy('c.name')
          .execute(),
      ]);
      return { user, shops, coops };
    },
  );

  return Promise.resolve();
};

async function setSessionCookie(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
): Promise<void> {
  const session = await startSession(deps.db.kysely, userId, deps.clock.now());
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.settings.secureCookies || request.protocol === 'https',
    expires: new Date(session.expiresAt),
  });
}
