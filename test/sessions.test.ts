import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { buildTestApp, ManualClock, type TestApp } from './support/app';
import { useTestStore } from './support/store';
import { registerAndSignIn } from './support/users';

const testStore = useTestStore();

const alice = { name: 'Alice Liddell', username: 'Alice', password: 'rabbit-hole-2024' };

interface LoggedIn {
  token: string;
  refreshToken: string;
  refreshExpiresAt: number;
  setCookies: string[];
}

const cookiesOf = (response: request.Response): string[] => ([] as string[]).concat(response.headers['set-cookie'] ?? []);
const cookieNamed = (cookies: string[], name: string): string | undefined =>
  cookies.find((cookie) => cookie.startsWith(`${name}=`));

async function setUp(options: Parameters<typeof buildTestApp>[1] = {}): Promise<TestApp> {
  const testApp = await buildTestApp(testStore, options);
  await request(testApp.app).post('/register').send(alice).expect(201);
  return testApp;
}

async function login(testApp: TestApp, userAgent = 'test-agent/1.0'): Promise<LoggedIn> {
  const response = await request(testApp.app)
    .post('/login')
    .set('User-Agent', userAgent)
    .send({ username: alice.username, password: alice.password })
    .expect(200);
  const { token, refreshToken, refreshExpiresAt } = response.body.response;
  return { token, refreshToken, refreshExpiresAt, setCookies: cookiesOf(response) };
}

async function refresh(testApp: TestApp, refreshToken: string): Promise<request.Response> {
  return request(testApp.app).post('/refresh').send({ refreshToken });
}

async function verifies(testApp: TestApp, token: string): Promise<boolean> {
  const response = await request(testApp.app).post('/verify').send({ token });
  return response.status === 200;
}

describe('login issues a refresh credential', () => {
  it('returns refreshToken in the body and in an HttpOnly cookie scoped to /refresh', async () => {
    const testApp = await setUp();
    const loggedIn = await login(testApp);
    assert.match(loggedIn.refreshToken, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    const refreshCookie = cookieNamed(loggedIn.setCookies, 'refresh_token') ?? '';
    assert.ok(refreshCookie.startsWith(`refresh_token=${loggedIn.refreshToken};`));
    assert.match(refreshCookie, /; Path=\/refresh/);
    assert.match(refreshCookie, /; HttpOnly/);
    assert.match(refreshCookie, /; SameSite=Strict/);
    assert.match(refreshCookie, /; Secure/);
    assert.match(refreshCookie, new RegExp(`; Max-Age=${7 * 24 * 3600}`));
  });

  it('stores only a hash of the refresh secret', async () => {
    const testApp = await setUp();
    const loggedIn = await login(testApp);
    const secret = loggedIn.refreshToken.split('.')[2] ?? '';
    const items = await testStore.scan(testApp.tableName);
    const session = items.find((item) => String(item.sk).startsWith('SESSION#'));
    assert.ok(session);
    assert.equal(JSON.stringify(items).includes(secret), false);
    assert.match(String(session.refreshHash), /^[A-Za-z0-9_-]{43}$/);
  });
});

describe('POST /refresh', () => {
  it('rotates: a new access token and a new refresh credential, each working', async () => {
    const clock = new ManualClock();
    const testApp = await setUp({ clock });
    const first = await login(testApp);
    clock.advance(60_000);
    const response = await refresh(testApp, first.refreshToken);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.headers['cache-control'], 'no-store');
    const second = response.body.response;
    assert.equal(second.username, 'Alice');
    assert.notEqual(second.token, first.token);
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.equal(second.refreshToken.split('.')[1], first.refreshToken.split('.')[1], 'same session');
    assert.ok(await verifies(testApp, second.token));
    const cookies = cookiesOf(response);
    assert.ok(cookieNamed(cookies, 'auth_token')?.startsWith(`auth_token=${second.token};`));
    assert.ok(cookieNamed(cookies, 'refresh_token')?.startsWith(`refresh_token=${second.refreshToken};`));

    const third = await refresh(testApp, second.refreshToken);
    assert.equal(third.status, 200);
  });

  it('accepts the credential from its cookie', async () => {
    const testApp = await setUp();
    const first = await login(testApp);
    const response = await request(testApp.app)
      .post('/refresh')
      .type('json')
      .set('Cookie', `refresh_token=${first.refreshToken}`)
      .expect(200);
    assert.ok(await verifies(testApp, response.body.response.token));
  });

  it('revokes the whole session when a used credential is presented again after the grace window', async () => {
    const clock = new ManualClock();
    const testApp = await setUp({ clock });
    const first = await login(testApp);
    const rotated = (await refresh(testApp, first.refreshToken).then((r) => r.body)).response;
    clock.advance(11_000); // past REFRESH_REUSE_GRACE_SECONDS (10)

    const replay = await refresh(testApp, first.refreshToken);
    assert.equal(replay.status, 401);
    assert.equal(replay.body.code, 'REFRESH_TOKEN_REUSED');
    assert.match(cookieNamed(cookiesOf(replay), 'refresh_token') ?? '', /^refresh_token=;/);

    // Every credential and token of that session is dead now, the legitimate newest ones included.
    assert.equal((await refresh(testApp, rotated.refreshToken)).status, 401);
    assert.equal(await verifies(testApp, rotated.token), false);
    assert.equal(await verifies(testApp, first.token), false);
    const sessions = (await testStore.scan(testApp.tableName)).filter((item) => String(item.sk).startsWith('SESSION#'));
    assert.equal(sessions.length, 0);
  });

  it('with REFRESH_REUSE_GRACE_SECONDS=0, lets exactly one of concurrent uses of one credential through, then revokes the session', async () => {
    const testApp = await setUp({ env: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
    const loggedIn = await login(testApp);
    const results = await Promise.all(Array.from({ length: 5 }, () => refresh(testApp, loggedIn.refreshToken)));
    const statuses = results.map((response) => response.status).sort();
    // One winner: the others lost the conditional write (or saw the rotated hash) and count as reuse.
    assert.deepEqual(statuses, [200, 401, 401, 401, 401]);
    assert.ok(results.some((response) => response.body.code === 'REFRESH_TOKEN_REUSED'));
    for (const response of results.filter((r) => r.status === 200)) {
      assert.equal(await verifies(testApp, response.body.response.token), false, 'the session was revoked');
      assert.equal((await refresh(testApp, response.body.response.refreshToken)).status, 401);
    }
  });

  it('does not touch another session', async () => {
    const testApp = await setUp({ env: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
    const mine = await login(testApp);
    const other = await login(testApp);
    await refresh(testApp, mine.refreshToken).then((r) => assert.equal(r.status, 200));
    await refresh(testApp, mine.refreshToken).then((r) => assert.equal(r.status, 401));
    assert.ok(await verifies(testApp, other.token));
    assert.equal((await refresh(testApp, other.refreshToken)).status, 200);
  });

  it('answers 401 for a missing, malformed or unknown credential without revoking anything', async () => {
    const testApp = await setUp();
    const loggedIn = await login(testApp);
    const [userPart, sid] = loggedIn.refreshToken.split('.');
    await request(testApp.app).post('/refresh').expect(401);
    for (const refreshToken of [
      'garbage',
      'a.b.c',
      `${userPart}.${sid}`,
      `${userPart}.${'A'.repeat(22)}.${'B'.repeat(43)}`,
      '',
    ]) {
      const response = await refresh(testApp, refreshToken);
      assert.equal(response.status, 401, refreshToken);
      assert.equal(response.body.code, 'UNAUTHENTICATED');
    }
    const tooLong = await refresh(testApp, 'x'.repeat(5000));
    assert.equal(tooLong.status, 400);
    await request(testApp.app).post('/refresh').send({ refreshToken: 42 }).expect(400);
    assert.ok(await verifies(testApp, loggedIn.token));
    assert.equal((await refresh(testApp, loggedIn.refreshToken)).status, 200);
  });

  it('ends a session after the idle timeout, and refreshing pushes that end back', async () => {
    const clock = new ManualClock();
    const testApp = await setUp({ clock, env: { SESSION_IDLE_TIMEOUT_SECONDS: '3600', TOKEN_TTL_SECONDS: '600' } });
    let current = await login(testApp);
    assert.equal(current.refreshExpiresAt, Math.floor(clock.now() / 1000) + 3600);
    for (let step = 0; step < 3; step += 1) {
      clock.advance(3000 * 1000); // under the idle timeout, three times over more than an hour in total
      const response = await refresh(testApp, current.refreshToken);
      assert.equal(response.status, 200, `step ${step}`);
      current = { ...current, ...response.body.response };
    }
    clock.advance(3601 * 1000);
    const idle = await refresh(testApp, current.refreshToken);
    assert.equal(idle.status, 401);
    assert.equal(idle.body.code, 'UNAUTHENTICATED');
  });

  it('refuses an access token whose session went idle, even while the token itself is valid', async () => {
    const clock = new ManualClock();
    const testApp = await setUp({
      clock,
      env: { SESSION_IDLE_TIMEOUT_SECONDS: '600', SESSION_ABSOLUTE_LIFETIME_SECONDS: '600', TOKEN_TTL_SECONDS: '3600' },
    });
    const loggedIn = await login(testApp);
    clock.advance(599 * 1000);
    assert.ok(await verifies(testApp, loggedIn.token));
    clock.advance(2 * 1000);
    assert.equal(await verifies(testApp, loggedIn.token), false);
    await request(testApp.app).get('/me').set('Authorization', `Bearer ${loggedIn.token}`).expect(401);
  });

  it('ends a session at its absolute lifetime however often it is refreshed', async () => {
    const clock = new ManualClock();
    const testApp = await setUp({
      clock,
      env: { SESSION_IDLE_TIMEOUT_SECONDS: '3600', SESSION_ABSOLUTE_LIFETIME_SECONDS: '7200', TOKEN_TTL_SECONDS: '600' },
    });
    const loginAt = Math.floor(clock.now() / 1000);
    let current = await login(testApp);
    for (let minutes = 30; minutes < 120; minutes += 30) {
      clock.advance(30 * 60 * 1000);
      const response = await refresh(testApp, current.refreshToken);
      assert.equal(response.status, 200);
      current = { ...current, ...response.body.response };
      assert.ok(current.refreshExpiresAt <= loginAt + 7200);
    }
    assert.equal(current.refreshExpiresAt, loginAt + 7200, 'capped by the absolute lifetime');
    clock.advance(30 * 60 * 1000 + 1000);
    assert.equal((await refresh(testApp, current.refreshToken)).status, 401);
    assert.equal(await verifies(testApp, current.token), false);
  });

  it('is refused by configuration when the idle timeout exceeds the absolute lifetime', async () => {
    await assert.rejects(
      buildTestApp(testStore, { env: { SESSION_IDLE_TIMEOUT_SECONDS: '7200', SESSION_ABSOLUTE_LIFETIME_SECONDS: '3600' } }),
      /SESSION_IDLE_TIMEOUT_SECONDS: must not exceed SESSION_ABSOLUTE_LIFETIME_SECONDS/,
    );
  });
});

describe('GET /sessions', () => {
  it('lists live sessions with created, last used, user agent, IP and the current flag', async () => {
    const clock = new ManualClock();
    const testApp = await setUp({ clock });
    const phone = await login(testApp, 'Phone/1.0');
    clock.advance(1000);
    const laptop = await login(testApp, 'Laptop/2.0');
    clock.advance(1000);
    await refresh(testApp, phone.refreshToken).then((r) => assert.equal(r.status, 200));

    const response = await request(testApp.app).get('/sessions').set('Authorization', `Bearer ${laptop.token}`).expect(200);
    assert.equal(response.headers['cache-control'], 'no-store');
    const sessions = response.body.sessions as Record<string, unknown>[];
    assert.equal(sessions.length, 2);
    const [first, second] = sessions;
    assert.equal(first?.userAgent, 'Phone/1.0', 'most recently used first');
    assert.equal(first?.current, false);
    assert.equal(second?.userAgent, 'Laptop/2.0');
    assert.equal(second?.current, true);
    for (const session of sessions) {
      assert.deepEqual(Object.keys(session).sort(), [
        'amr',
        'createdAt',
        'current',
        'expiresAt',
        'id',
        'ip',
        'lastUsedAt',
        'userAgent',
      ]);
      assert.match(String(session.ip), /127\.0\.0\.1/);
      assert.ok(Date.parse(String(session.lastUsedAt)) >= Date.parse(String(session.createdAt)));
      assert.equal(JSON.stringify(session).includes('refresh'), false);
    }
    assert.ok(Date.parse(String(first?.lastUsedAt)) > Date.parse(String(first?.createdAt)));
  });

  it('accepts the auth cookie, leaves out expired sessions and other users', async () => {
    const clock = new ManualClock();
    const testApp = await setUp({ clock, env: { SESSION_IDLE_TIMEOUT_SECONDS: '600', TOKEN_TTL_SECONDS: '300' } });
    await registerAndSignIn(testApp.app, { ...alice, username: 'bob' });
    await login(testApp); // will go idle
    clock.advance(500 * 1000);
    const fresh = await login(testApp);
    clock.advance(200 * 1000);
    const response = await request(testApp.app).get('/sessions').set('Cookie', `auth_token=${fresh.token}`).expect(200);
    assert.equal(response.body.sessions.length, 1);
    assert.equal(response.body.sessions[0].current, true);
  });
});

describe('DELETE /sessions/{id}', () => {
  it('revokes another session of mine at once', async () => {
    const testApp = await setUp();
    const mine = await login(testApp);
    const other = await login(testApp);
    const list = await request(testApp.app).get('/sessions').set('Authorization', `Bearer ${mine.token}`).expect(200);
    const otherId = (list.body.sessions as { id: string; current: boolean }[]).find((session) => !session.current)?.id;
    assert.ok(otherId);
    await request(testApp.app).delete(`/sessions/${otherId}`).set('Authorization', `Bearer ${mine.token}`).expect(200);
    assert.equal(await verifies(testApp, other.token), false);
    assert.equal((await refresh(testApp, other.refreshToken)).status, 401);
    assert.ok(await verifies(testApp, mine.token));
    await request(testApp.app).delete(`/sessions/${otherId}`).set('Authorization', `Bearer ${mine.token}`).expect(404);
  });

  it('revokes the current session and clears its cookies', async () => {
    const testApp = await setUp();
    const mine = await login(testApp);
    const sessionId = mine.refreshToken.split('.')[1];
    const response = await request(testApp.app)
      .delete(`/sessions/${sessionId}`)
      .type('json')
      .set('Cookie', `auth_token=${mine.token}`)
      .expect(200);
    assert.match(cookieNamed(cookiesOf(response), 'auth_token') ?? '', /^auth_token=;/);
    assert.match(cookieNamed(cookiesOf(response), 'refresh_token') ?? '', /^refresh_token=;.*Path=\/refresh/);
    assert.equal(await verifies(testApp, mine.token), false);
  });

  it("answers 404 for someone else's session and for ids that are not session ids", async () => {
    const testApp = await setUp();
    const bob = await registerAndSignIn(testApp.app, { ...alice, username: 'bob' });
    const bobSessionId = bob.refreshToken.split('.')[1];
    const mine = await login(testApp);
    for (const id of [bobSessionId, 'nope', '..%2F..', 'A'.repeat(22)]) {
      const response = await request(testApp.app).delete(`/sessions/${id}`).set('Authorization', `Bearer ${mine.token}`);
      assert.equal(response.status, 404, id);
      assert.equal(response.body.code, 'NOT_FOUND');
    }
    assert.ok(await verifies(testApp, bob.token));
  });
});

describe('POST /logout-all', () => {
  it('revokes every session of the user, the current one included, and no one else', async () => {
    const testApp = await setUp();
    const bob = await registerAndSignIn(testApp.app, { ...alice, username: 'bob' });
    const sessions = [await login(testApp), await login(testApp), await login(testApp)];
    const current = sessions[0] as LoggedIn;
    const response = await request(testApp.app).post('/logout-all').set('Authorization', `Bearer ${current.token}`).expect(200);
    assert.equal(response.body.revoked, 3);
    assert.match(cookieNamed(cookiesOf(response), 'auth_token') ?? '', /^auth_token=;/);
    for (const session of sessions) {
      assert.equal(await verifies(testApp, session.token), false);
      assert.equal((await refresh(testApp, session.refreshToken)).status, 401);
    }
    assert.ok(await verifies(testApp, bob.token));
    await request(testApp.app).post('/logout-all').set('Authorization', `Bearer ${current.token}`).expect(401);
  });

  it('revokes many sessions (more than one Query page) in bounded work each', async () => {
    const testApp = await setUp();
    const logins = await Promise.all(Array.from({ length: 30 }, () => login(testApp)));
    const first = logins[0] as LoggedIn;
    const response = await request(testApp.app).post('/logout-all').set('Authorization', `Bearer ${first.token}`).expect(200);
    assert.equal(response.body.revoked, 30);
    const left = (await testStore.scan(testApp.tableName)).filter((item) => String(item.sk).startsWith('SESSION#'));
    assert.equal(left.length, 0);
  });
});

describe('authentication of the session routes', () => {
  it('answers 401 without a token, with garbage, or with a logged-out token', async () => {
    const testApp = await setUp();
    const loggedIn = await login(testApp);
    await request(testApp.app).post('/logout').set('Authorization', `Bearer ${loggedIn.token}`).expect(200);
    const routes: [string, string, object?][] = [
      ['get', '/me'],
      ['get', '/sessions'],
      ['delete', '/sessions/AAAAAAAAAAAAAAAAAAAAAA'],
      ['post', '/logout-all'],
      ['post', '/password', { currentPassword: alice.password, newPassword: 'a-brand-new-password' }],
      ['delete', '/account', { password: alice.password }],
    ];
    for (const [method, path, body] of routes) {
      for (const auth of [undefined, 'Bearer garbage', `Bearer ${loggedIn.token}`]) {
        const agent = request(testApp.app);
        let pending = method === 'get' ? agent.get(path) : method === 'post' ? agent.post(path) : agent.delete(path);
        if (auth !== undefined) pending = pending.set('Authorization', auth);
        const response = await (body === undefined ? pending : pending.send(body));
        assert.equal(response.status, 401, `${method} ${path} ${auth ?? 'none'}`);
        assert.equal(response.body.code, 'UNAUTHENTICATED');
      }
    }
    // Nothing changed: the password still works.
    await login(testApp);
  });
});
