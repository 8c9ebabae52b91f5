import { EmailSchema, NameSchema, SignUpSchema } from '@bottega/domain';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, ShopRole } from '../../db/schema';
import { problem } from '../../errors';
import type { RoutePlugin } from '../../http/route';
import { ShopParams } from '../catalog/shop-params';
import { createUser } from './accounts';
import { MAKERS, requireShopRole, requireUser } from './auth-plugin';

/** `POST /api/shops/:shopId/members` body. */
export const AddMemberSchema = z.object({
  email: EmailSchema,
  name: NameSchema,
  /** Needed only when the email has no account yet. */
  password: SignUpSchema.shape.password.optional(),
  role: z.enum(['staff', 'stall']),
});

type AddMemberInput = z.output<typeof AddMemberSchema>;

/** A member of a shop as its team sees them. */
export const MemberViewSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'staff', 'stall']),
});
export type MemberView = z.infer<typeof MemberViewSchema>;

/**
 * A shop's team: owners and staff see it; only an owner adds staff or
 * stall operators.
 */
export const memberRoutes: RoutePlugin = (app, { deps }) => {
  const db = deps.db.kysely;
  // A session first, before the body is even read: someone signed out
  // gets a 401, not a report on what their input lacks.
  app.addHook('preValidation', async (request) => {
    await requireUser(request);
  });

  app.get(
    '/api/shops/:shopId/members',
    {
      schema: {
        tags: ['auth'],
        summary: "The shop's members and their roles",
        params: ShopParams,
        response: { 200: z.object({ members: z.array(MemberViewSchema) }) },
      },
    },
    async (request) => {
      const { shopId } = request.params;
      await requireShopRole(deps, request, shopId, MAKERS);
      return { members: await listMembers(db, shopId) };
    },
  );

  app.post(
    '/api/shops/:shopId/members',
    {
      schema: {
        tags: ['auth'],
        summary: 'Add a staff member or a stall operator (owner only)',
        description:
          'Creates the account when the email has none (password then ' +
          'required); otherwise adds the existing account.',
        params: ShopParams,
        body: AddMemberSchema,
        response: { 201: MemberViewSchema },
      },
    },
    async (request, reply) => {
      const { shopId } = request.params;
      await requireShopRole(deps, request, shopId, ['owner']);
      const member = await addShopMember(
        db,
        shopId,
        request.body,
        deps.clock.now(),
      );
      return reply.code(201).send(member);
    },
  );

  return Promise.resolve();
};

/** The members of a shop, owners first. */
export async function listMembers(
  db: Kysely<Database>,
  shopId: string,
): Promise<MemberView[]> {
  const rows = await db
    .selectFrom('shop_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.name', 'm.role'])
    .where('m.shop_id', '=', shopId)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
  const rank: Record<ShopRole, number> = { owner: 0, staff: 1, stall: 2 };
  return rows
    .map((row) => ({
      userId: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
    }))
    .sort((a, b) => rank[a.role] - rank[b.role]);
}

/**
 * Adds a member to a shop, creating the account when the email has none.
 * Someone already in the shop is refused (409): this route never changes
 * a role, least of all an owner's. No transaction is held while the new
 * password is hashed (scrypt takes tens of milliseconds, and on SQLite a
 * transaction holds the one connection); a retry after a failure between
 * the two writes finds the account and adds it.
 */
export async function addShopMember(
  db: Kysely<Database>,
  shopId: string,
  input: AddMemberInput,
  now: number,
): Promise<MemberView> {
  const existing = await db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('email', '=', input.email)
    .executeTakeFirst();
  if (!existing && input.password === undefined) {
    const message = 'required for a new account';
    throw problem('validation-failed', `password: ${message}`, {
      errors: [{ field: 'body.password', message }],
    });
  }

  const userId =
    existing?.id ??
    (await createUserOnce(
      db,
      {
        email: input.email,
        name: input.name,
        password: input.password ?? '',
      },
      now,
    ));
  const inserted = await db
    .insertInto('shop_members')
    .values({ shop_id: shopId, user_id: userId, role: input.role })
    .onConflict((c) => c.columns(['shop_id', 'user_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) {
    throw problem('already-exists', 'They are already a member of the shop');
  }
  return {
    userId,
    email: existing?.email ?? input.email,
    name: existing?.name ?? input.name,
    role: input.role,
  };
}

/** createUser, with a concurrent twin's unique violation as a 409. */
async function createUserOnce(
  db: Kysely<Database>,
  input: { email: string; name: string; password: string },
  now: number,
): Promise<string> {
  try {
    return await createUser(db, input, now);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw problem('already-exists', 'That email already has an account');
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // 23505 is PostgreSQL's unique_violation; better-sqlite3 names its own.
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
