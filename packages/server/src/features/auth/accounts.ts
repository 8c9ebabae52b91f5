import type { Kysely } from 'kysely';
import type { Database, ShopRole } from '../../db/schema';
import { problem } from '../../errors';
import { newId } from '../../platform/ids';
import { hashPassword } from './passwords';
import { slugify } from './slug';

/** Creates a user; 409 `already-exists` when the email has an account. */
export async function createUser(
  db: Kysely<Database>,
  input: { email: string; name: string; password: string },
  now: number,
): Promise<string> {
  // Hash first: on SQLite nothing may hold the connection while scrypt
  // runs. The unique email decides a race between two sign-ups.
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  const inserted = await db
    .insertInto('users')
    .values({
      id,
      email: input.email,
      name: input.name,
      password_hash: passwordHash,
      created_at: now,
    })
    .onConflict((conflict) => conflict.column('email').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) {
    throw problem('already-exists', 'That email already has an account');
  }
  return id;
}

/** Creates a shop with its owner. */
export async function createShop(
  db: Kysely<Database>,
  input: { name: string; ownerId: string },
  now: number,
): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('shops')
      .values({
        id,
        name: input.name,
        slug: `${slugify(input.name)}-${id.slice(0, 6)}`,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto('shop_members')
      .values({ shop_id: id, user_id: input.ownerId, role: 'owner' })
      .execute();
  });
  return id;
}

/** Adds a member to a shop with a role, or changes their role. */
export async function addMember(
  db: Kysely<Database>,
  shopId: string,
  userId: string,
  role: ShopRole,
): Promise<void> {
  await db
    .insertInto('shop_members')
    .values({ shop_id: shopId, user_id: userId, role })
    .onConflict((c) => c.columns(['shop_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}
