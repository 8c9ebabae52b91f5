import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/features/auth/passwords';
import { DIALECT, type TestApp } from './harness';
import {
  caller,
  createApiTestApp,
  expectProblemShape,
  login,
  snapshot,
} from './session';

const PASSWORD = 'correct horse battery';

const signUp = (t: TestApp, email: string, headers = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    headers,
    payload: { email, password: PASSWORD, name: 'Lina', shopName: 'Lino' },
  });

interface SetCookie {
  name: string;
  value: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: string;
  path?: string;
}

const cookieOf = (response: { cookies: SetCookie[] }) =>
  response.cookies.find((c) => c.name === 'bottega_session');

describe(`auth on ${DIALECT}`, () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('signs up with an HttpOnly, SameSite=Lax session cookie', async () => {
    t = await createApiTestApp();
    const response = await signUp(t, 'Lina@Example.test');
    expect(response.statusCode).toBe(201);
    const cookie = cookieOf(response);
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
    });
    expect(cookie?.secure).toBeUndefined();
    expect(cookie?.value).toMatch(/^[\w-]{43}$/);

    const me = await caller(t.app, `bottega_session=${cookie?.value}`)(
      'GET',
      '/api/me',
    );
    expect(me.json()).toMatchObject({
      user: { email: 'lina@example.test' },
      shops: [{ name: 'Lino', role: 'owner' }],
    });
  });

  it('marks the cookie Secure behind a TLS proxy', async () => {
    t = await createApiTestApp();
    const response = await signUp(t, 'tls@example.test', {
      'x-forwarded-proto': 'https',
    });
    expect(cookieOf(response)?.secure).toBe(true);
  });

  it('marks the cookie Secure when the secureCookies setting is on', async () => {
    t = await createApiTestApp({ settings: { secureCookies: true } });
    const response = await signUp(t, 'secure@example.test');
    expect(cookieOf(response)).toMatchObject({ secure: true, httpOnly: true });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'secure@example.test', password: PASSWORD },
    });
    expect(cookieOf(again)?.secure).toBe(true);
  });

  it('refuses a wrong password or unknown email with a 401 problem', async () => {
    t = await createApiTestApp();
    await signUp(t, 'lina@example.test');
    for (const payload of [
      { email: 'lina@example.test', password: 'wrong password!' },
      { email: 'nobody@example.test', password: PASSWORD },
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload,
      });
      expect(response.statusCode).toBe(401);
      expect(expectProblemShape(response).type).toMatch(/unauthenticated$/);
      expect(cookieOf(response)).toBeUndefined();
    }
  });

  it('ends the session on logout', async () => {
    t = await createApiTestApp();
    await signUp(t, 'lina@example.test');
    const cookie = await login(t.app, 'lina@example.test', PASSWORD);
    const call = caller(t.app, cookie);
    expect((await call('GET', '/api/me')).statusCode).toBe(200);

    const out = await call('POST', '/api/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/bottega_session=;/);
    const me = await call('GET', '/api/me');
    expect(me.statusCode).toBe(401);
    expectProblemShape(me);
  });

  it('limits login attempts per minute with a 429 problem', async () => {
    t = await createApiTestApp({ settings: { loginPerMinute: 3 } });
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'lina@example.test', password: 'guess number x' },
      });
    for (let i = 0; i < 3; i += 1) {
      expect((await attempt()).statusCode).toBe(401);
    }
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(expectProblemShape(limited).type).toMatch(/too-many-requests$/);
  });

  it('stores the password as a salted scrypt hash', async () => {
    t = await createApiTestApp();
    await signUp(t, 'a@example.test');
    await signUp(t, 'b@example.test');
    const rows = await t.deps.db.kysely
      .selectFrom('users')
      .select('password_hash')
      .orderBy('email')
      .execute();
    const [first, second] = rows.map((row) => row.password_hash);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(first).not.toContain(PASSWORD);
    expect(first).not.toBe(second);
    expect(await verifyPassword(PASSWORD, first ?? '')).toBe(true);
    expect(await verifyPassword('not it at all', first ?? '')).toBe(false);
  });

  describe('shop members', () => {
    it('lets the owner add staff, who can then work the shop', async () => {
      t = await createApiTestApp();
      const { shop } = (await signUp(t, 'lina@example.test')).json<{
        shop: { id: string };
      }>();
      const owner = caller(
        t.app,
        await login(t.app, 'lina@example.test', PASSWORD),
      );
      const added = await owner('POST', `/api/shops/${shop.id}/members`, {
        email: 'Gino@Example.test',
        name: 'Gino',
        password: 'gino long password',
        role: 'staff',
      });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({
        email: 'gino@example.test',
        role: 'staff',
      });

      const staff = caller(
        t.app,
        await login(t.app, 'gino@example.test', 'gino long password'),
      );
      const created = await staff('POST', `/api/shops/${shop.id}/products`, {
        name: 'Tovaglia',
      });
      expect(created.statusCode).toBe(201);
      const members = await staff('GET', `/api/shops/${shop.id}/members`);
      expect(
        members
          .json<{ members: { role: string }[] }>()
          .members.map((m) => m.role),
      ).toEqual(['owner', 'staff']);
    });

    it('adds a new account once when asked five times at once', async () => {
      t = await createApiTestApp();
      const { shop } = (await signUp(t, 'lina@example.test')).json<{
        shop: { id: string };
      }>();
      const owner = caller(
        t.app,
        await login(t.app, 'lina@example.test', PASSWORD),
      );
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          owner('POST', `/api/shops/${shop.id}/members`, {
            email: 'gino@example.test',
            name: 'Gino',
            password: 'gino long password',
            role: 'stall',
          }),
        ),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([
        201, 409, 409, 409, 409,
      ]);
      const members = await owner('GET', `/api/shops/${shop.id}/members`);
      expect(members.json<{ members: unknown[] }>().members).toHaveLength(2);
    });

    it('adds an existing account by email and never changes a role', async () => {
      t = await createApiTestApp();
      const { shop } = (await signUp(t, 'lina@example.test')).json<{
        shop: { id: string };
      }>();
      await signUp(t, 'other@example.test');
      const owner = caller(
        t.app,
        await login(t.app, 'lina@example.test', PASSWORD),
      );
      const url = `/api/shops/${shop.id}/members`;
      const existing = await owner('POST', url, {
        email: 'other@example.test',
        name: 'Ignored',
        role: 'stall',
      });
      expect(existing.statusCode).toBe(201);
      expect(existing.json()).toMatchObject({ name: 'Lina', role: 'stall' });

      const before = await snapshot(t.deps.db);
      for (const email of ['other@example.test', 'lina@example.test']) {
        const again = await owner('POST', url, {
          email,
          name: 'X',
          role: 'staff',
        });
        expect(again.statusCode).toBe(409);
        expectProblemShape(again);
      }
      const noPassword = await owner('POST', url, {
        email: 'new@example.test',
        name: 'New',
        role: 'staff',
      });
      expect(noPassword.statusCode).toBe(400);
      expect(expectProblemShape(noPassword).errors).toEqual([
        expect.objectContaining({ field: 'body.password' }),
      ]);
      expect(await snapshot(t.deps.db)).toEqual(before);
    });
  });
});
