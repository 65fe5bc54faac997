import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Express } from 'express';
import request from 'supertest';
import { httpApiEvent, lambdaContext, readEventResponse } from '../harness/api-gateway-events';
import { loadConfig } from '../src/config';
import { ADMIN_KEY_FILE, withLocalKeys } from '../src/local-key-files';
import { buildTestApp, testEnv } from './support/app';
import { configErrorOf, PRODUCTION_MAIL_ENV } from './support/config';
import { assertMatchesContract } from './support/contract';
import type { LambdaHandler } from './support/lambda-flow';
import { loadHandler } from './support/lambda-handlers';
import { tempOutbox } from './support/outbox';
import { useTestStore } from './support/store';

/**
 * The admin API (/admin/...): every operation over HTTP with the local bearer key, refused to anyone
 * else (a user's token or cookies included); through the Lambda handler, only with API Gateway's IAM
 * context; and the key's settings (generated into DATA_DIR with mode 600, a weak one refused).
 */

const testStore = useTestStore();
const ADMIN_KEY = 'admin-key-for-tests-0123456789abcdefghijklmnop';
const password = 'a perfectly fine passphrase';
const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const JSON_TYPE = { 'content-type': 'application/json' };

async function register(app: Express, username: string): Promise<void> {
  await request(app)
    .post('/register')
    .send({ name: `Name of ${username}`, username, password })
    .expect(201);
}

async function login(app: Express, username: string, pass = password) {
  return request(app).post('/login').send({ username, password: pass });
}

describe('the admin API over HTTP (bearer ADMIN_API_KEY)', () => {
  let app: Express;
  const prefix = `u${randomUUID().slice(0, 6)}`;
  const names = ['Alice', 'bob', 'Carol', 'dave', 'erin'].map((name) => `${prefix}-${name}`);
  const [alice = '', bob = '', carol = '', dave = ''] = names;

  before(async () => {
    ({ app } = await buildTestApp(testStore, { env: { ADMIN_API_KEY: ADMIN_KEY, LOGIN_ACCOUNT_MAX_FAILURES: '3' } }));
    for (const name of names) await register(app, name);
  });

  it('lets no one else in: no key, a wrong key, a user’s access token or cookies all get 401 ADMIN_UNAUTHENTICATED', async () => {
    const signedIn = await login(app, alice);
    assert.equal(signedIn.status, 200);
    const token = (signedIn.body.response as { token: string }).token;
    const cookies = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0] ?? '');
    const refusals = [
      await request(app).get('/admin/users'),
      await request(app).get('/admin/users').set('authorization', `Bearer ${ADMIN_KEY}x`),
      await request(app).get('/admin/users').set('authorization', ADMIN_KEY),
      await request(app).get('/admin/users').set('authorization', `Bearer ${token}`),
      await request(app).get(`/admin/users/${alice}`).set('Cookie', cookies),
      await request(app).post(`/admin/users/${bob}/disable`).set(JSON_TYPE).set('Cookie', cookies),
      await request(app).post(`/admin/users/${bob}/disable`).set('authorization', `Bearer ${token}`),
      await request(app).delete(`/admin/users/${bob}`).set('authorization', `Bearer ${token}`),
    ];
    for (const refused of refusals) {
      assert.equal(refused.status, 401, refused.text);
      assert.deepEqual(refused.body, { message: 'Admin credentials required', code: 'ADMIN_UNAUTHENTICATED' });
      assert.equal(refused.headers['cache-control'], 'no-store');
    }
    // Nothing changed: bob still signs in.
    assert.equal((await login(app, bob)).status, 200);
    // An unknown /admin path is a plain 404, whoever asks.
    await request(app).get('/admin/other').expect(404);
  });

  it('lists users in username order, by prefix, a page at a time', async () => {
    const all = await request(app).get('/admin/users').query({ prefix }).set(admin).expect(200);
    assert.equal(all.headers['cache-control'], 'no-store');
    assert.deepEqual(
      all.body.users.map((user: { username: string }) => user.username),
      names,
    );
    assert.equal(all.body.next, null);
    assert.deepEqual(Object.keys(all.body.users[0]).sort(), ['createdAt', 'disabled', 'name', 'username']);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { prefix: prefix.toUpperCase(), limit: '2', ...(after === null ? {} : { after }) };
      const page = await request(app).get('/admin/users').query(query).set(admin).expect(200);
      assert.ok(page.body.users.length <= 2);
      seen.push(...page.body.users.map((user: { username: string }) => user.username));
      after = page.body.next;
      pages += 1;
    } while (after !== null && pages < 10);
    assert.deepEqual(seen, names, 'the pages together are the whole list, each user once');

    const one = await request(app)
      .get('/admin/users')
      .query({ prefix: `${prefix}-car` })
      .set(admin)
      .expect(200);
    assert.deepEqual(
      one.body.users.map((user: { username: string }) => user.username),
      [carol],
    );
    const bad = await request(app).get('/admin/users').query({ limit: '0' }).set(admin).expect(400);
    assert.equal(bad.body.code, 'VALIDATION_FAILED');
    assert.equal(bad.body.field, 'limit');
    await request(app).get('/admin/users').query({ limit: 'many' }).set(admin).expect(400);
  });

  it('shows a user and their sessions, and signs them out everywhere', async () => {
    const signedIn = await login(app, dave);
    const token = (signedIn.body.response as { token: string }).token;
    const shown = await request(app).get(`/admin/users/${dave.toUpperCase()}`).set(admin).expect(200);
    assert.equal(shown.body.username, dave);
    assert.equal(shown.body.name, `Name of ${dave}`);
    assert.equal(shown.body.disabled, false);
    assert.equal(shown.body.sessions, 1);
    const sessions = await request(app).get(`/admin/users/${dave}/sessions`).set(admin).expect(200);
    assert.equal(sessions.body.sessions.length, 1);
    assert.equal(sessions.body.sessions[0].current, false);

    const signedOut = await request(app).post(`/admin/users/${dave}/sign-out`).set(admin).expect(200);
    assert.deepEqual(signedOut.body, { revoked: 1 });
    await request(app).get('/me').set('authorization', `Bearer ${token}`).expect(401);
    const none = await request(app).get(`/admin/users/${dave}/sessions`).set(admin).expect(200);
    assert.deepEqual(none.body, { sessions: [] });
  });

  it('disables and enables an account', async () => {
    const signedIn = await login(app, bob);
    const token = (signedIn.body.response as { token: string }).token;
    const disabled = await request(app).post(`/admin/users/${bob}/disable`).set(admin).expect(200);
    assert.equal(disabled.body.disabled, true);
    await request(app).get('/me').set('authorization', `Bearer ${token}`).expect(401);
    assert.equal((await login(app, bob)).status, 403);
    const listed = await request(app).get('/admin/users').query({ prefix: bob }).set(admin).expect(200);
    assert.equal(listed.body.users[0].disabled, true);
    const enabled = await request(app).post(`/admin/users/${bob}/enable`).set(admin).expect(200);
    assert.equal(enabled.body.disabled, false);
    assert.equal((await login(app, bob)).status, 200);
  });

  it('unlocks an account locked by failed sign-ins', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) assert.equal((await login(app, carol, 'a wrong password!')).status, 401);
    const locked = await login(app, carol);
    assert.equal(locked.status, 429, 'even the right password is refused while locked');
    const unlocked = await request(app).post(`/admin/users/${carol}/unlock`).set(admin).expect(200);
    assert.deepEqual(unlocked.body, { message: 'Unlocked' });
    assert.equal((await login(app, carol)).status, 200);
  });

  it('deletes an account, its sessions with it', async () => {
    const name = `${prefix}-zed`;
    await register(app, name);
    const signedIn = await login(app, name);
    const token = (signedIn.body.response as { token: string }).token;
    const deleted = await request(app).delete(`/admin/users/${name}`).set(admin).expect(200);
    assert.deepEqual(deleted.body, { message: 'Deleted' });
    await request(app).get('/me').set('authorization', `Bearer ${token}`).expect(401);
    assert.equal((await login(app, name)).status, 401);
    await request(app).get(`/admin/users/${name}`).set(admin).expect(404);
    const listed = await request(app).get('/admin/users').query({ prefix: name }).set(admin).expect(200);
    assert.deepEqual(listed.body.users, []);
    // The name can be registered again, and is listed again.
    await register(app, name);
    const again = await request(app).get('/admin/users').query({ prefix: name }).set(admin).expect(200);
    assert.equal(again.body.users.length, 1);
  });

  it("reads a user's security events (their audit trail), admin actions with who did them, a page at a time", async () => {
    const name = `${prefix}-ivy`;
    await register(app, name);
    assert.equal((await login(app, name, 'a wrong password!')).status, 401);
    assert.equal((await login(app, name)).status, 200);
    await request(app).post(`/admin/users/${name}/sign-out`).set(admin).expect(200);
    const all = await request(app).get(`/admin/users/${name}/events`).set(admin).expect(200);
    const kinds = (all.body.events as { kind: string }[]).map((event) => event.kind);
    assert.deepEqual(
      kinds,
      ['admin.action', 'sessions.revoked_all', 'login.success', 'login.failure', 'register'],
      'newest first',
    );
    assert.deepEqual(all.body.events[0].details, { actor: 'api-key', action: 'sign-out' });
    assert.equal(all.body.events[3].outcome, 'failure');

    const first = await request(app).get(`/admin/users/${name}/events`).query({ limit: 2 }).set(admin).expect(200);
    assert.equal(first.body.events.length, 2);
    assert.equal(typeof first.body.next, 'string');
    const second = await request(app)
      .get(`/admin/users/${name}/events`)
      .query({ limit: 2, cursor: first.body.next })
      .set(admin)
      .expect(200);
    assert.deepEqual(
      [...first.body.events, ...second.body.events].map((event: { id: string }) => event.id),
      (all.body.events as { id: string }[]).slice(0, 4).map((event) => event.id),
    );
    for (const query of [{ cursor: 'not-a-cursor' }, { limit: '0' }, { limit: 'many' }]) {
      const refused = await request(app).get(`/admin/users/${name}/events`).query(query).set(admin).expect(400);
      assert.equal(refused.body.code, 'VALIDATION_FAILED');
    }
    await request(app)
      .get(`/admin/users/nobody-${randomUUID().slice(0, 8)}/events`)
      .set(admin)
      .expect(404);
    await request(app).get(`/admin/users/${name}/events`).expect(401);
  });

  it('answers 404 for unknown users, however their name is spelled', async () => {
    for (const name of [`nobody-${randomUUID().slice(0, 8)}`, 'x'.repeat(2000), '%F0%9F%92%A9', 'a b']) {
      const shown = await request(app)
        .get(`/admin/users/${encodeURIComponent(name)}`)
        .set(admin);
      assert.equal(shown.status, 404, `${name}: ${shown.text}`);
      assert.deepEqual(shown.body, { message: 'User not found', code: 'NOT_FOUND' });
    }
    for (const action of ['disable', 'enable', 'sign-out', 'unlock']) {
      await request(app)
        .post(`/admin/users/nobody-${randomUUID().slice(0, 8)}/${action}`)
        .set(admin)
        .expect(404);
    }
    await request(app)
      .delete(`/admin/users/nobody-${randomUUID().slice(0, 8)}`)
      .set(admin)
      .expect(404);
    await request(app)
      .get(`/admin/users/nobody-${randomUUID().slice(0, 8)}/sessions`)
      .set(admin)
      .expect(404);
  });
});

describe('the admin API names a user by the address they verified', () => {
  it('finds the account by its verified address only: not by an unverified one, nor one it gave up', async () => {
    const outbox = await tempOutbox();
    const { app } = await buildTestApp(testStore, {
      env: {
        ADMIN_API_KEY: ADMIN_KEY,
        DATA_DIR: outbox.dataDir,
        PUBLIC_URL: 'https://auth.example.test',
        PASSWORD_FORGOT_ANSWER_MS: '0',
      },
    });
    const username = `mail-${randomUUID().slice(0, 8)}`;
    const address = `${username}@example.test`;
    await request(app).post('/register').send({ name: 'Mail User', username, password, email: address }).expect(201);
    await request(app)
      .get(`/admin/users/${encodeURIComponent(address)}`)
      .set(admin)
      .expect(404);

    await request(app)
      .post('/email/verify')
      .send({ token: await outbox.tokenFor(address, 'verify-email') })
      .expect(200);
    const shown = await request(app)
      .get(`/admin/users/${encodeURIComponent(address.toUpperCase())}`)
      .set(admin)
      .expect(200);
    assert.equal(shown.body.username, username);
    const disabled = await request(app)
      .post(`/admin/users/${encodeURIComponent(address)}/disable`)
      .set(admin)
      .expect(200);
    assert.equal(disabled.body.username, username);
    assert.equal((await login(app, username)).status, 403);
    await request(app)
      .post(`/admin/users/${encodeURIComponent(address)}/enable`)
      .set(admin)
      .expect(200);
    assert.equal((await login(app, username)).status, 200);
    await request(app)
      .get(`/admin/users/${encodeURIComponent(`other-${address}`)}`)
      .set(admin)
      .expect(404);
    await rm(outbox.dataDir, { recursive: true, force: true });
  });
});

describe('the admin API key', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'admin-key-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is generated into DATA_DIR (mode 600) when unset, and the same key is read back on the next start', async () => {
    const env = { NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const first = await withLocalKeys(await loadConfig(env));
    const file = join(dataDir, ADMIN_KEY_FILE);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal((await readFile(file, 'utf8')).trim(), first.admin.apiKey);
    assert.ok(Buffer.byteLength(first.admin.apiKey) >= 32);
    const second = await withLocalKeys(await loadConfig(env));
    assert.equal(second.admin.apiKey, first.admin.apiKey);
  });

  it('refuses a weak ADMIN_API_KEY, in production and out of it, without repeating it', async () => {
    for (const [key, problem] of [
      ['short-key', /ADMIN_API_KEY: must be at least 32 bytes/],
      ['a'.repeat(64), /ADMIN_API_KEY: too little variety/],
    ] as const) {
      for (const env of [
        { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(48), ...PRODUCTION_MAIL_ENV },
        { NODE_ENV: 'development' },
      ]) {
        const error = await configErrorOf({ ...env, ADMIN_API_KEY: key });
        assert.match(error.message, problem);
        assert.ok(!error.message.includes(key), 'the key is never printed');
      }
    }
  });
});

describe('the admin API through src/lambda.ts (IAM authorization)', () => {
  let handler: LambdaHandler;
  let username: string;

  before(async () => {
    const tableName = await testStore.newTable();
    // ADMIN_API_KEY is set, and still not accepted: in Lambda only API Gateway's IAM check lets anyone in.
    const env = testEnv(testStore.endpoint, tableName, {
      NODE_ENV: 'production',
      BCRYPT_COST: '10',
      ADMIN_API_KEY: ADMIN_KEY,
      ...PRODUCTION_MAIL_ENV,
    });
    handler = await loadHandler('lambda', env);
    username = `user-${randomUUID().slice(0, 8)}`;
    const registered = await call(
      { method: 'POST', path: '/register', body: { name: 'Lambda User', username, password } },
      false,
    );
    assert.equal(registered.statusCode, 201);
  });

  const IAM = {
    accessKey: 'ASIAEXAMPLE',
    accountId: '123456789012',
    callerId: 'AROAEXAMPLE:operator',
    cognitoIdentity: null,
    principalOrgId: null,
    userArn: 'arn:aws:sts::123456789012:assumed-role/Operators/operator',
    userId: 'AROAEXAMPLE:operator',
  };

  /** An HTTP API 2.0 event, as the IAM-authorized /admin/{proxy+} route passes it (with the caller) or the $default route (without). */
  async function call(
    req: { method: 'GET' | 'POST' | 'DELETE'; path: string; body?: unknown; headers?: Record<string, string>; query?: string },
    iam: boolean,
  ) {
    const event = httpApiEvent(req);
    const routed = {
      ...event,
      rawQueryString: req.query ?? '',
      ...(iam
        ? {
            routeKey: 'ANY /admin/{proxy+}',
            requestContext: { ...event.requestContext, routeKey: 'ANY /admin/{proxy+}', authorizer: { iam: IAM } },
          }
        : {}),
    };
    const raw = await handler(routed as never, lambdaContext() as never);
    const response = readEventResponse(raw);
    assertMatchesContract({
      method: req.method,
      // Express matches routes case-insensitively: /ADMIN/users is the document's /admin/users.
      path: req.path.replace(/^\/admin\//i, '/admin/'),
      status: response.statusCode,
      headers: { ...response.headers, 'set-cookie': response.setCookies },
      text: (raw as { body?: string }).body ?? '',
    });
    return response;
  }

  it('serves an IAM-authorized caller: list, show, disable (login refused), enable, sign-out, sessions, unlock, delete', async () => {
    const listed = await call({ method: 'GET', path: '/admin/users', query: `prefix=${username}` }, true);
    assert.equal(listed.statusCode, 200, JSON.stringify(listed.body));
    assert.deepEqual(
      (listed.body.users as { username: string }[]).map((user) => user.username),
      [username],
    );
    assert.equal((await call({ method: 'GET', path: `/admin/users/${username}` }, true)).statusCode, 200);
    assert.equal((await call({ method: 'POST', path: `/admin/users/${username}/disable` }, true)).body.disabled, true);
    const refused = await call({ method: 'POST', path: '/login', body: { username, password } }, false);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.body.code, 'ACCOUNT_DISABLED');
    assert.equal((await call({ method: 'POST', path: `/admin/users/${username}/enable` }, true)).body.disabled, false);
    assert.equal((await call({ method: 'POST', path: '/login', body: { username, password } }, false)).statusCode, 200);
    assert.equal(
      ((await call({ method: 'GET', path: `/admin/users/${username}/sessions` }, true)).body.sessions as unknown[]).length,
      1,
    );
    assert.deepEqual((await call({ method: 'POST', path: `/admin/users/${username}/sign-out` }, true)).body, { revoked: 1 });
    assert.equal((await call({ method: 'POST', path: `/admin/users/${username}/unlock` }, true)).statusCode, 200);
    assert.equal((await call({ method: 'DELETE', path: `/admin/users/${username}` }, true)).statusCode, 200);
    assert.equal((await call({ method: 'GET', path: `/admin/users/${username}` }, true)).statusCode, 404);
  });

  it('refuses an /admin request without the IAM context: through $default, another spelling, or with the local key', async () => {
    for (const req of [
      { method: 'GET' as const, path: '/admin/users' },
      { method: 'GET' as const, path: '/ADMIN/users' },
      { method: 'GET' as const, path: '/admin/users', headers: { authorization: `Bearer ${ADMIN_KEY}` } },
      { method: 'POST' as const, path: `/Admin/users/${username}/disable`, headers: { authorization: `Bearer ${ADMIN_KEY}` } },
    ]) {
      const refused = await call(req, false);
      assert.equal(refused.statusCode, 401, `${req.path}: ${JSON.stringify(refused.body)}`);
      assert.equal(refused.body.code, 'ADMIN_UNAUTHENTICATED');
    }
  });
});
