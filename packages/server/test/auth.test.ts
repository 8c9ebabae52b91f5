import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';
import { verifyPassword } from '../src/features/auth/passwords';
import { DIALECT, type TestApp, createTestApp } from './harness';
import { caller, expectProblemShape, login, snapshot } from './session';

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
  // One app for the tests that need no special settings (a fresh
  // PostgreSQL database costs a second or two); each test makes its own
  // accounts, with emails numbered per test.
  let shared: TestApp;
  let own: TestApp | null = null;
  let t: TestApp;
  let n = 0;
  const mail = (name: string) => `${name}${n}@example.test`;

  beforeAll(async () => {
    shared = await createTestApp({ settings: { loginPerMinute: 1000 } });
  });
  afterAll(() => shared.close());
  beforeEach(() => {
    n += 1;
    t = shared;
  });
  afterEach(async () => {
    await own?.close();
    own = null;
  });

  /** An app of its own, for a test that needs other settings. */
  const ownApp = async (settings: Parameters<typeof createTestApp>[0]) => {
    own = await createTestApp(settings);
    return own;
  };

  it('signs up with an HttpOnly, SameSite=Lax session cookie', async () => {
    const response = await signUp(t, mail('lina').toUpperCase());
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
      user: { email: mail('lina') },
      shops: [{ name: 'Lino', role: 'owner' }],
    });
  });

  it('marks the cookie Secure behind a trusted TLS proxy', async () => {
    t = await ownApp({ settings: { trustProxy: true } });
    const response = await signUp(t, mail('tls'), {
      'x-forwarded-proto': 'https',
    });
    expect(cookieOf(response)?.secure).toBe(true);
  });

  it('ignores X-Forwarded-* headers unless told to trust a proxy', async () => {
    const response = await signUp(t, mail('spoof'), {
      'x-forwarded-proto': 'https',
    });
    expect(cookieOf(response)?.secure ?? false).toBe(false);
    expect(cookieOf(response)?.httpOnly).toBe(true);
  });

  it('marks the cookie Secure when the secureCookies setting is on', async () => {
    t = await ownApp({ settings: { secureCookies: true } });
    const response = await signUp(t, mail('secure'));
    expect(cookieOf(response)).toMatchObject({ secure: true, httpOnly: true });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: mail('secure'), password: PASSWORD },
    });
    expect(cookieOf(again)?.secure).toBe(true);
  });

  it('refuses a wrong password or unknown email with a 401 problem', async () => {
    await signUp(t, mail('lina'));
    for (const payload of [
      { email: mail('lina'), password: 'wrong password!' },
      { email: mail('nobody'), password: PASSWORD },
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
    await signUp(t, mail('lina'));
    const cookie = await login(t.app, mail('lina'), PASSWORD);
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
    t = await ownApp({ settings: { loginPerMinute: 3 } });
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: mail('lina'), password: 'guess number x' },
      });
    for (let i = 0; i < 3; i += 1) {
      expect((await attempt()).statusCode).toBe(401);
    }
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(expectProblemShape(limited).type).toMatch(/too-many-requests$/);
  });

  it('stores the password as a salted scrypt hash', async () => {
    await signUp(t, mail('a'));
    await signUp(t, mail('b'));
    const rows = await t.deps.db.kysely
      .selectFrom('users')
      .select('password_hash')
      .where('email', 'in', [mail('a'), mail('b')])
      .orderBy('email')
      .execute();
    expect(rows).toHaveLength(2);
    const [first, second] = rows.map((row) => row.password_hash);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(first).not.toContain(PASSWORD);
    expect(first).not.toBe(second);
    expect(await verifyPassword(PASSWORD, first ?? '')).toBe(true);
    expect(await verifyPassword('not it at all', first ?? '')).toBe(false);
  });

  describe('shop members', () => {
    it('lets the owner add staff, who can then work the shop', async () => {
      const { shop } = (await signUp(t, mail('lina'))).json<{
        shop: { id: string };
      }>();
      const owner = caller(t.app, await login(t.app, mail('lina'), PASSWORD));
      const added = await owner('POST', `/api/shops/${shop.id}/members`, {
        email: mail('gino').toUpperCase(),
        name: 'Gino',
        password: 'gino long password',
        role: 'staff',
      });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({
        email: mail('gino'),
        role: 'staff',
      });

      const staff = caller(
        t.app,
        await login(t.app, mail('gino'), 'gino long password'),
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
      const { shop } = (await signUp(t, mail('lina'))).json<{
        shop: { id: string };
      }>();
      const owner = caller(t.app, await login(t.app, mail('lina'), PASSWORD));
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          owner('POST', `/api/shops/${shop.id}/members`, {
            email: mail('gino'),
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
      const { shop } = (await signUp(t, mail('lina'))).json<{
        shop: { id: string };
      }>();
      await signUp(t, mail('other'));
      const owner = caller(t.app, await login(t.app, mail('lina'), PASSWORD));
      const url = `/api/shops/${shop.id}/members`;
      const existing = await owner('POST', url, {
        email: mail('other'),
        name: 'Ignored',
        role: 'stall',
      });
      expect(existing.statusCode).toBe(201);
      expect(existing.json()).toMatchObject({ name: 'Lina', role: 'stall' });

      const before = await snapshot(t.deps.db);
      for (const email of [mail('other'), mail('lina')]) {
        const again = await owner('POST', url, {
          email,
          name: 'X',
          role: 'staff',
        });
        expect(again.statusCode).toBe(409);
        expectProblemShape(again);
      }
      const noPassword = await owner('POST', url, {
        email: mail('new'),
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
