import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { authorizerEvent } from '../harness/authorizer-events';
import type { AuthorizerHandler } from '../src/authorize';
import { generateSigningKey } from '../src/config-signing-keys';
import { testEnv } from './support/app';
import { PRODUCTION_MAIL_ENV } from './support/config';
import { invoke, type LambdaHandler, type PayloadVersion } from './support/lambda-flow';
import { loadHandler } from './support/lambda-handlers';
import { useTestStore } from './support/store';

const testStore = useTestStore();
let handler: LambdaHandler;
let authorizer: AuthorizerHandler;

before(async () => {
  const tableName = await testStore.newTable();
  // Production, with ES256 keys generated for this test (a deployment reads them from Secrets Manager).
  const env = testEnv(testStore.endpoint, tableName, {
    NODE_ENV: 'production',
    ...PRODUCTION_MAIL_ENV,
    BCRYPT_COST: '10',
    JWT_ALGORITHM: 'ES256',
    JWT_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
    // Strict refresh (no grace window for a second tab), so a replay at once is already reuse.
    REFRESH_REUSE_GRACE_SECONDS: '0',
  });
  handler = await loadHandler('lambda', env);
  authorizer = await loadHandler('authorizer', env);
});

const password = 'a perfectly fine passphrase';
const cookieValue = (setCookie: string | undefined): string => (setCookie ?? '').split(';')[0] ?? '';
const named = (setCookies: string[], name: string): string | undefined =>
  setCookies.find((cookie) => cookie.startsWith(`${name}=`));

describe('session and account routes through src/lambda.ts', () => {
  for (const version of ['2.0', '1.0'] as PayloadVersion[]) {
    it(`login → refresh by cookie → reuse revoked → /me, /sessions, /password, DELETE /sessions, /logout-all, DELETE /account (payload ${version})`, async () => {
      const username = `user-${randomUUID().slice(0, 8)}`;
      const call = (request: Parameters<typeof invoke>[2]) => invoke(handler, version, request);
      assert.equal(
        (await call({ method: 'POST', path: '/register', body: { name: 'Lambda User', username, password } })).statusCode,
        201,
      );
      const loginAs = async (userAgent: string, pass = password) => {
        const login = await call({
          method: 'POST',
          path: '/login',
          body: { username, password: pass },
          headers: { 'user-agent': userAgent },
        });
        assert.equal(login.statusCode, 200, JSON.stringify(login.body));
        return login;
      };

      // Refresh with the refresh cookie, as a browser would send it to /refresh.
      const first = await loginAs('Browser/1.0');
      const refreshCookie = cookieValue(named(first.setCookies, 'refresh_token'));
      assert.match(
        named(first.setCookies, 'refresh_token') ?? '',
        /Path=\/refresh; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/,
      );
      const refreshed = await call({
        method: 'POST',
        path: '/refresh',
        cookies: [refreshCookie],
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(refreshed.statusCode, 200, JSON.stringify(refreshed.body));
      const browserAuth = cookieValue(named(refreshed.setCookies, 'auth_token'));
      assert.match(browserAuth, /^auth_token=ey/);

      // Replaying the first refresh credential kills the browser's session.
      const replay = await call({
        method: 'POST',
        path: '/refresh',
        cookies: [refreshCookie],
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(replay.statusCode, 401);
      assert.equal(replay.body.code, 'REFRESH_TOKEN_REUSED');
      assert.equal((await call({ method: 'GET', path: '/me', cookies: [browserAuth] })).statusCode, 401);

      // Two fresh sessions: a CLI (bearer) and a phone.
      const cli = await loginAs('cli/2.0');
      const cliToken = String((cli.body.response as { token: string }).token);
      const phone = await loginAs('Phone/3.0');
      const phoneToken = String((phone.body.response as { token: string }).token);
      const asCli = { authorization: `Bearer ${cliToken}` };

      const me = await call({ method: 'GET', path: '/me', headers: asCli });
      assert.equal(me.statusCode, 200);
      assert.equal((me.body.response as { username: string }).username, username);

      const listed = await call({ method: 'GET', path: '/sessions', headers: asCli });
      assert.equal(listed.statusCode, 200);
      const sessions = listed.body.sessions as { id: string; current: boolean; userAgent: string; ip: string }[];
      assert.deepEqual(sessions.map((session) => session.userAgent).sort(), ['Phone/3.0', 'cli/2.0']);
      assert.equal(sessions.find((session) => session.current)?.userAgent, 'cli/2.0');
      assert.equal(sessions.find((session) => session.current)?.ip, '203.0.113.10');

      // Password change keeps the CLI session, ends the phone's.
      const newPassword = 'an even better passphrase';
      const changed = await call({
        method: 'POST',
        path: '/password',
        headers: asCli,
        body: { currentPassword: password, newPassword },
      });
      assert.equal(changed.statusCode, 200, JSON.stringify(changed.body));
      assert.equal((await call({ method: 'GET', path: '/me', cookies: [`auth_token=${phoneToken}`] })).statusCode, 401);
      assert.equal((await call({ method: 'GET', path: '/me', headers: asCli })).statusCode, 200);

      // Revoke one session by id, then all.
      const tablet = await loginAs('Tablet/4.0', newPassword);
      const tabletToken = String((tablet.body.response as { token: string }).token);
      const tabletId = (
        (await call({ method: 'GET', path: '/sessions', headers: asCli })).body.sessions as { id: string; userAgent: string }[]
      ).find((session) => session.userAgent === 'Tablet/4.0')?.id;
      assert.equal((await call({ method: 'DELETE', path: `/sessions/${tabletId}`, headers: asCli })).statusCode, 200);
      assert.equal(
        (await call({ method: 'GET', path: '/me', headers: { authorization: `Bearer ${tabletToken}` } })).statusCode,
        401,
      );
      const all = await call({ method: 'POST', path: '/logout-all', headers: asCli });
      assert.equal(all.statusCode, 200);
      assert.equal((await call({ method: 'GET', path: '/me', headers: asCli })).statusCode, 401);

      // Delete the account: its tokens stop working, the name can no longer sign in.
      const last = await loginAs('Last/5.0', newPassword);
      const lastToken = String((last.body.response as { token: string }).token);
      const deleted = await call({
        method: 'DELETE',
        path: '/account',
        headers: { authorization: `Bearer ${lastToken}` },
        body: { password: newPassword },
      });
      assert.equal(deleted.statusCode, 200, JSON.stringify(deleted.body));
      assert.equal((await call({ method: 'POST', path: '/verify', body: { token: lastToken } })).statusCode, 401);
      assert.equal((await call({ method: 'POST', path: '/login', body: { username, password: newPassword } })).statusCode, 401);
    });

    it(`publishes the ES256 public key at /.well-known/jwks.json (payload ${version})`, async () => {
      const jwks = await invoke(handler, version, { method: 'GET', path: '/.well-known/jwks.json' });
      assert.equal(jwks.statusCode, 200);
      const keys = jwks.body.keys as { kty: string; crv: string; d?: string }[];
      assert.equal(keys.length, 1);
      assert.equal(keys[0]?.crv, 'P-256');
      assert.equal(keys[0]?.d, undefined);
    });
  }

  it('the authorizer accepts ES256 tokens of the auth service and refuses them once revoked', async () => {
    const username = `user-${randomUUID().slice(0, 8)}`;
    await invoke(handler, '2.0', { method: 'POST', path: '/register', body: { name: 'Key User', username, password } });
    const login = await invoke(handler, '2.0', { method: 'POST', path: '/login', body: { username, password } });
    const token = String((login.body.response as { token: string }).token);
    assert.equal(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).alg, 'ES256');
    const event = authorizerEvent({ cookies: [`auth_token=${token}`] });
    assert.equal((await authorizer(event)).isAuthorized, true);
    await invoke(handler, '2.0', {
      method: 'POST',
      path: '/logout-all',
      cookies: [`auth_token=${token}`],
      headers: { 'content-type': 'application/json' },
    });
    assert.equal((await authorizer(event)).isAuthorized, false);
  });
});
