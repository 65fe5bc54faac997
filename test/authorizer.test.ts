import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { authorizerEvent } from '../harness/authorizer-events';
import { type AuthorizerHandler, createAuthorizerHandler } from '../src/authorize';
import { loadConfig } from '../src/config';
import { needsSecondStep } from '../src/services/auth';
import { buildTestServices, ManualClock, productionTestEnv, testEnv } from './support/app';
import { invoke, type LambdaHandler } from './support/lambda-flow';
import { loadHandler } from './support/lambda-handlers';
import { useTestStore } from './support/store';

const testStore = useTestStore();
let tableName: string;
let authHandler: LambdaHandler;
let authorizer: AuthorizerHandler;

before(async () => {
  tableName = await testStore.newTable();
  // Both functions on the same table and settings, as the template deploys them.
  const env = productionTestEnv(testStore.endpoint, tableName);
  authHandler = await loadHandler('lambda', env);
  authorizer = await loadHandler('authorizer', env);
});

const password = 'a perfectly fine passphrase';

/** A new user signed in through the auth Lambda; returns the access token and its session id. */
async function signedIn(): Promise<{ username: string; token: string; refreshToken: string }> {
  const username = `user-${randomUUID().slice(0, 8)}`;
  await invoke(authHandler, '2.0', { method: 'POST', path: '/register', body: { name: 'Authorizer User', username, password } });
  const login = await invoke(authHandler, '2.0', { method: 'POST', path: '/login', body: { username, password } });
  assert.equal(login.statusCode, 200);
  const response = login.body.response as { token: string; refreshToken: string };
  return { username, token: response.token, refreshToken: response.refreshToken };
}

const sessionIdOf = (refreshToken: string): string => refreshToken.split('.')[1] ?? '';

describe('src/authorizer.ts (HTTP API Lambda authorizer, simple responses)', () => {
  it('allows a valid bearer token and passes username and session id', async () => {
    const user = await signedIn();
    const result = await authorizer(authorizerEvent({ headers: { authorization: `Bearer ${user.token}` } }));
    assert.deepEqual(result, {
      isAuthorized: true,
      context: { username: user.username, sessionId: sessionIdOf(user.refreshToken), amr: 'pwd' },
    });
  });

  it('allows a valid auth cookie among other cookies', async () => {
    const user = await signedIn();
    const result = await authorizer(authorizerEvent({ cookies: ['theme=dark', `auth_token=${user.token}`, 'other=1'] }));
    assert.equal(result.isAuthorized, true);
  });

  it('denies a revoked session at once', async () => {
    const user = await signedIn();
    const loggedOut = await invoke(authHandler, '2.0', {
      method: 'POST',
      path: '/logout',
      headers: { authorization: `Bearer ${user.token}` },
    });
    assert.equal(loggedOut.statusCode, 200);
    assert.deepEqual(await authorizer(authorizerEvent({ headers: { authorization: `Bearer ${user.token}` } })), {
      isAuthorized: false,
    });
  });

  it('denies after the account is deleted', async () => {
    const user = await signedIn();
    const deleted = await invoke(authHandler, '2.0', {
      method: 'DELETE',
      path: '/account',
      cookies: [`auth_token=${user.token}`],
      body: { password },
    });
    assert.equal(deleted.statusCode, 200, JSON.stringify(deleted.body));
    assert.deepEqual(await authorizer(authorizerEvent({ cookies: [`auth_token=${user.token}`] })), { isAuthorized: false });
  });

  it('denies a request with no token', async () => {
    assert.deepEqual(await authorizer(authorizerEvent({})), { isAuthorized: false });
    assert.deepEqual(await authorizer(authorizerEvent({ cookies: ['theme=dark', 'auth_token='] })), { isAuthorized: false });
    assert.deepEqual(await authorizer(authorizerEvent({ headers: { authorization: 'Basic dXNlcjpwYXNz' } })), {
      isAuthorized: false,
    });
  });

  it('denies malformed and tampered tokens', async () => {
    const user = await signedIn();
    const [header, payload, signature] = user.token.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), sub: 'admin' })).toString('base64url')}.${signature}`;
    for (const token of ['garbage', 'a.b.c', `${user.token}x`, tampered, 'x'.repeat(10_000), '%E0%A4%A']) {
      assert.deepEqual(
        await authorizer(authorizerEvent({ headers: { authorization: `Bearer ${token}` } })),
        { isAuthorized: false },
        token.slice(0, 30),
      );
      assert.deepEqual(await authorizer(authorizerEvent({ cookies: [`auth_token=${token}`] })), { isAuthorized: false });
    }
  });

  /** The authorizer's logic on the same table, with a settable clock. */
  async function clocked(env: Record<string, string>) {
    const config = await loadConfig(testEnv(testStore.endpoint, tableName, env));
    const clock = new ManualClock();
    const services = buildTestServices(config, clock);
    const username = `user-${randomUUID().slice(0, 8)}`;
    await services.auth.register({ name: 'Clocked', username, password });
    const login = await services.auth.login({ username, password }, {});
    if (needsSecondStep(login)) throw new Error('this account has no second factor');
    return { clock, services, login, authorize: createAuthorizerHandler(services.sessions) };
  }
  const bearer = (token: string) => authorizerEvent({ headers: { authorization: `Bearer ${token}` } });

  it('denies an expired access token even while its session lives on', async () => {
    const { clock, services, login, authorize } = await clocked({});
    assert.equal((await authorize(bearer(login.token))).isAuthorized, true);
    clock.advance((3600 + 31) * 1000);
    const refreshed = await services.sessions.refresh(login.refreshToken); // the session is still live
    assert.deepEqual(await authorize(bearer(login.token)), { isAuthorized: false });
    assert.equal((await authorize(bearer(refreshed.token))).isAuthorized, true);
  });

  it('denies a token whose session went idle, though the token has not expired', async () => {
    const { clock, login, authorize } = await clocked({ SESSION_IDLE_TIMEOUT_SECONDS: '1800' });
    clock.advance(1799 * 1000);
    assert.equal((await authorize(bearer(login.token))).isAuthorized, true);
    clock.advance(2 * 1000);
    assert.deepEqual(await authorize(bearer(login.token)), { isAuthorized: false });
  });

  it('fails (API Gateway answers 500) rather than denying when the store cannot answer', async () => {
    const user = await signedIn();
    const config = await loadConfig(testEnv('http://127.0.0.1:9', tableName, { STORE_TIMEOUT_MS: '200' }));
    const services = buildTestServices(config, new ManualClock());
    await assert.rejects(createAuthorizerHandler(services.sessions)(bearer(user.token)), { name: 'StoreUnavailableError' });
  });
});
