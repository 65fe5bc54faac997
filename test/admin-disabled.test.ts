import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { authorizerEvent } from '../harness/authorizer-events';
import type { AuthorizerHandler } from '../src/authorize';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import type { Services } from '../src/dependencies/services';
import { buildTestApp, buildTestServices, productionTestEnv } from './support/app';
import { invoke, type LambdaHandler } from './support/lambda-flow';
import { loadHandler } from './support/lambda-handlers';
import { useTestStore } from './support/store';

/**
 * A disabled account is refused everywhere: at login (403 ACCOUNT_DISABLED, only after the right
 * password), and its sessions at refresh, verify and the authorizer (the disable's new security stamp
 * ended them), through the Lambda handlers and over HTTP.
 */

const testStore = useTestStore();
const password = 'a perfectly fine passphrase';
const JSON_TYPE = { 'content-type': 'application/json' };

describe('a disabled account, through src/lambda.ts and src/authorizer.ts', () => {
  let tableName: string;
  let handler: LambdaHandler;
  let authorizer: AuthorizerHandler;
  let services: Services;

  before(async () => {
    tableName = await testStore.newTable();
    const env = productionTestEnv(testStore.endpoint, tableName);
    handler = await loadHandler('lambda', env);
    authorizer = await loadHandler('authorizer', env);
    services = buildTestServices(await loadConfig(env), systemClock);
  });

  it('refuses login (after the right password only), refresh, verify and the authorizer; enabling lets it sign in again', async () => {
    const username = `user-${randomUUID().slice(0, 8)}`;
    const call = (req: Parameters<typeof invoke>[2]) => invoke(handler, '2.0', req);
    assert.equal(
      (await call({ method: 'POST', path: '/register', body: { name: 'Disabled User', username, password } })).statusCode,
      201,
    );
    const login = await call({ method: 'POST', path: '/login', body: { username, password } });
    assert.equal(login.statusCode, 200);
    const { token, refreshToken } = login.body.response as { token: string; refreshToken: string };
    assert.equal((await authorizer(authorizerEvent({ headers: { authorization: `Bearer ${token}` } }))).isAuthorized, true);

    const view = await services.admin.disable(username, 'test');
    assert.equal(view.disabled, true);

    // Every session ended with the one write, and the cleanup removed their items.
    const verify = await call({ method: 'POST', path: '/verify', body: { token } });
    assert.equal(verify.statusCode, 401);
    assert.equal(verify.body.verified, false);
    const refresh = await call({ method: 'POST', path: '/refresh', body: { refreshToken } });
    assert.equal(refresh.statusCode, 401);
    assert.equal(refresh.body.code, 'UNAUTHENTICATED');
    assert.deepEqual(await authorizer(authorizerEvent({ headers: { authorization: `Bearer ${token}` } })), {
      isAuthorized: false,
    });
    const items = await testStore.scan(tableName);
    assert.equal(items.filter((item) => String(item.sk).startsWith('SESSION#')).length, 0, 'the dead session items are gone');

    // A wrong password answers exactly as for an unknown user; the right one learns the account is disabled.
    const wrong = await call({ method: 'POST', path: '/login', body: { username, password: 'not the password at all' } });
    const unknown = await call({
      method: 'POST',
      path: '/login',
      body: { username: `nobody-${randomUUID().slice(0, 8)}`, password: 'not the password at all' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.body, unknown.body);
    const refused = await call({ method: 'POST', path: '/login', body: { username, password } });
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(refused.body, { message: 'This account is disabled', code: 'ACCOUNT_DISABLED' });
    assert.equal(refused.setCookies.length, 0, 'no session, no cookies');

    await services.admin.enable(username, 'test');
    const again = await call({ method: 'POST', path: '/login', body: { username, password } });
    assert.equal(again.statusCode, 200);
    // The sessions from before the disable stay ended.
    assert.equal((await call({ method: 'POST', path: '/refresh', body: { refreshToken } })).statusCode, 401);
    assert.equal((await authorizer(authorizerEvent({ headers: { authorization: `Bearer ${token}` } }))).isAuthorized, false);
  });
});

describe('a disabled account, over HTTP', () => {
  it('ends the browser session (cookies refused at /sessions, /refresh and /verify) and refuses the login with 403', async () => {
    const { app, config } = await buildTestApp(testStore);
    const services = buildTestServices(config, systemClock);
    const username = `user-${randomUUID().slice(0, 8)}`;
    await request(app).post('/register').send({ name: 'Web User', username, password }).expect(201);
    const login = await request(app).post('/login').send({ username, password }).expect(200);
    const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0] ?? '');
    await request(app).get('/sessions').set('Cookie', cookies).expect(200);

    await services.admin.disable(username, 'test');
    await request(app).get('/sessions').set('Cookie', cookies).expect(401);
    await request(app).post('/verify').set(JSON_TYPE).set('Cookie', cookies).expect(401);
    await request(app).post('/refresh').set(JSON_TYPE).set('Cookie', cookies).expect(401);
    const refused = await request(app).post('/login').send({ username, password }).expect(403);
    assert.equal(refused.body.code, 'ACCOUNT_DISABLED');
    assert.equal(refused.headers['set-cookie'], undefined);
  });

  it('answers 404 for an operator action on an unknown user', async () => {
    const { config } = await buildTestApp(testStore);
    const services = buildTestServices(config, systemClock);
    await assert.rejects(services.admin.disable(`nobody-${randomUUID().slice(0, 8)}`, 'test'), { code: 'NOT_FOUND' });
    await assert.rejects(services.admin.enable('x'.repeat(5000), 'test'), { code: 'NOT_FOUND' });
  });
});
