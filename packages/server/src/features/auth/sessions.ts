import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** The session cookie's name. */
export const SESSION_COOKIE = 'bottega_session';

/** How long a session lasts. */
export const SESSION_DAYS = 30;

/** The signed-in user of a request. */
export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session and returns the token for the cookie. */
export async function startSession(
  db: Kysely<Database>,
  userId: string,
  now: number,
): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_DAYS * 86_400_000;
  await db
    .insertInto('sessions')
    .values({
      id: digest(token),
      user_id: userId,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}

/** The user of a session token, or null when unknown or expired. */
export async function findSessionUser(
  db: Kysely<Database>,
  token: string,
  now: number,
): Promise<SessionUser | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.email', 'u.name'])
    .where('s.id', '=', digest(token))
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  return row ?? null;
}

/** Ends a session. */
export async function endSession(
  db: Kysely<Database>,
  token: string,
): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', digest(token)).execute();
}
