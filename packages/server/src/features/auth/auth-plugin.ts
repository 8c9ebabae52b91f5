import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ShopRole } from '../../db/schema';
import { problem } from '../../errors';
import type { Deps } from '../../platform/deps';
import { SESSION_COOKIE, findSessionUser, type SessionUser } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, resolved lazily from the session cookie. */
    user(): Promise<SessionUser | null>;
  }
}

/**
 * Resolves the session cookie to a user, once per request and only when a
 * route asks.
 */
const plugin: FastifyPluginAsync<{ deps: Deps }> = (app, { deps }) => {
  app.decorateRequest('user', function (this: FastifyRequest) {
    const cached = (this as unknown as { _user?: Promise<SessionUser | null> })
      ._user;
    if (cached) return cached;
    const token = this.cookies[SESSION_COOKIE];
    const found = token
      ? findSessionUser(deps.db.reader, token, deps.clock.now())
      : Promise.resolve(null);
    (this as unknown as { _user?: Promise<SessionUser | null> })._user = found;
    return found;
  });
  return Promise.resolve();
};

export const authPlugin = fp(plugin, { name: 'bottega-auth' });

/** The signed-in user, or a 401. */
export async function requireUser(
  request: FastifyRequest,
): Promise<SessionUser> {
  const user = await request.user();
  if (!user) throw problem('unauthenticated', 'Log in to do this');
  return user;
}

/**
 * Checks that the signed-in user is a member of the shop with one of the
 * roles. A non-member gets 404, as if the shop did not exist, so one shop
 * cannot even learn another's ids; a member with too small a role 403.
 */
export async function requireShopRole(
  deps: Deps,
  request: FastifyRequest,
  shopId: string,
  roles: readonly ShopRole[],
): Promise<{ user: SessionUser; role: ShopRole }> {
  const user = await requireUser(request);
  const member = await deps.db.reader
    .selectFrom('shop_members')
    .select('role')
    .where('shop_id', '=', shopId)
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  if (!member) throw problem('not-found', `There is no shop ${shopId}`);
  if (!roles.includes(member.role)) {
    throw problem('forbidden', `Your role (${member.role}) may not do this`);
  }
  return { user, role: member.role };
}

/** Every shop role. */
export const ANY_ROLE: readonly ShopRole[] = ['owner', 'staff', 'stall'];

/** Roles that run the shop's catalogue, drops and orders. */
export const MAKERS: readonly ShopRole[] = ['owner', 'staff'];

/** Checks that the signed-in user manages the co-op; 404 otherwise. */
export async function requireCoopManager(
  deps: Deps,
  request: FastifyRequest,
  coopId: string,
): Promise<SessionUser> {
  const user = await requireUser(request);
  const manager = await deps.db.reader
    .selectFrom('coop_managers')
    .select('user_id')
    .where('coop_id', '=', coopId)
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  if (!manager) throw problem('not-found', `There is no co-op ${coopId}`);
  return user;
}
