import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type AuthError, createAuthClient, isMfaRequired, type Result, type Tokens } from '@serverless-auth/client';
import { buildTestApp, ManualClock, type TestApp } from './support/app';
import { contractCheckedListener, type Listening, listen } from './support/browser';
import { useTestStore } from './support/store';

/** The built client (client/dist, as published) against the real service on a real socket, in Node (token mode). */

const testStore = useTestStore();
const clock = new ManualClock();
let testApp: TestApp;
let server: Listening;
let baseUrl: string;
let contract: ReturnType<typeof contractCheckedListener>;
/** Every request the service received, as "METHOD /path". */
const seen: string[] = [];

const alice = { name: 'Alice Liddell', username: 'alice', password: 'correct horse battery staple' };

function expectError<Data>(result: Result<Data>, status: number, code: string): AuthError {
  assert.ok(result.error, `expected ${code}, got data ${JSON.stringify(result.data)}`);
  assert.equal(result.error.name, 'AuthError');
  assert.deepEqual([result.error.status, result.error.code], [status, code], result.error.message);
  return result.error;
}

function expectData<Data>(result: Result<Data>): Data {
  assert.equal(result.error, undefined, `unexpected ${result.error?.code}: ${result.error?.message}`);
  return result.data as Data;
}

const requestsSince = (mark: number) => seen.slice(mark);
const expireAccessTokens = () => clock.advance((testApp.config.jwt.ttlSeconds + testApp.config.jwt.clockSkewSeconds + 60) * 1000);

describe('the typed client in Node (token mode)', () => {
  before(async () => {
    testApp = await buildTestApp(testStore, { clock });
    contract = contractCheckedListener(testApp.app);
    server = await listen((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      contract.listener(req, res);
    });
    baseUrl = `http://127.0.0.1:${server.port}`;
  });
  after(async () => {
    await server?.close();
  });

  const changes: (Tokens | undefined)[] = [];
  const client = () => createAuthClient({ baseUrl, onTokens: (tokens) => changes.push(tokens) });
  let alicesClient: ReturnType<typeof createAuthClient>;

  it('registers, with the catalogue’s codes as typed values on failure', async () => {
    alicesClient = client();
    const weak = expectError(await alicesClient.register({ ...alice, password: 'short' }), 400, 'VALIDATION_FAILED');
    assert.equal(weak.field, 'password');
    assert.deepEqual(expectData(await alicesClient.register(alice)), { username: alice.username, name: alice.name });
    expectError(await alicesClient.register({ ...alice, username: 'ALICE' }), 409, 'USER_EXISTS');
  });

  it('logs in, keeps the tokens and says so; a wrong password is INVALID_CREDENTIALS', async () => {
    expectError(await alicesClient.login({ username: alice.username, password: 'not it' }), 401, 'INVALID_CREDENTIALS');
    assert.equal(changes.length, 0);
    const login = expectData(await alicesClient.login({ username: alice.username, password: alice.password }));
    assert.ok(!isMfaRequired(login), 'no second factor: a session at once');
    assert.equal(login.username, alice.username);
    assert.deepEqual(changes.at(-1), {
      token: login.token,
      expiresAt: login.expiresAt,
      refreshToken: login.refreshToken,
      refreshExpiresAt: login.refreshExpiresAt,
    });
    assert.equal(expectData(await alicesClient.accessToken()), login.token, 'a fresh token is handed out as it is');
  });

  it('reads me and the sessions with the bearer token', async () => {
    const me = expectData(await alicesClient.me());
    assert.deepEqual([me.username, me.name], [alice.username, alice.name]);
    const sessions = expectData(await alicesClient.sessions());
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0]?.current, true);
  });

  it('refreshes with at most one request in flight, however many callers ask at once', async () => {
    const before = changes.at(-1);
    const mark = seen.length;
    const results = await Promise.all(Array.from({ length: 5 }, () => alicesClient.refresh()));
    assert.deepEqual(requestsSince(mark), ['POST /refresh'], 'one refresh request for five callers');
    const tokens = new Set(results.map((result) => expectData(result).token));
    assert.equal(tokens.size, 1, 'every caller got the same new token');
    assert.notEqual(changes.at(-1)?.refreshToken, before?.refreshToken, 'the credential was rotated');
    // The session survived: two refreshes with one credential would have revoked it as reuse.
    expectData(await alicesClient.me());
    expectData(await alicesClient.refresh());
  });

  it('refreshes an expired access token once before the calls that need it, also for concurrent calls', async () => {
    expireAccessTokens();
    const mark = seen.length;
    const [me, sessions] = await Promise.all([alicesClient.me(), alicesClient.sessions()]);
    expectData(me);
    expectData(sessions);
    const calls = requestsSince(mark);
    assert.equal(calls.filter((call) => call === 'POST /refresh').length, 1, calls.join(', '));
    assert.ok(calls.includes('GET /me') && calls.includes('GET /sessions'));
  });

  it('changes the password (WRONG_PASSWORD first) and keeps working', async () => {
    expectError(
      await alicesClient.changePassword({ currentPassword: 'nope', newPassword: 'a brand new passphrase' }),
      403,
      'WRONG_PASSWORD',
    );
    expectData(await alicesClient.changePassword({ currentPassword: alice.password, newPassword: 'a brand new passphrase' }));
    expectData(await alicesClient.me());
  });

  it('restores a session from saved tokens, and a revoked one comes back as UNAUTHENTICATED', async () => {
    const saved = changes.at(-1);
    assert.ok(saved);
    const restored = createAuthClient({ baseUrl, tokens: saved });
    expectData(await restored.me());
    const other = client();
    expectData(await other.login({ username: alice.username, password: 'a brand new passphrase' }));
    const mine = expectData(await restored.sessions()).find((session) => !session.current);
    assert.ok(mine);
    expectData(await restored.revokeSession(mine.id));
    // `other`'s session is gone: the access token is refused, and so is its refresh credential.
    expectError(await other.me(), 401, 'UNAUTHENTICATED');
    expectError(await other.accessToken(), 401, 'UNAUTHENTICATED');
  });

  it('logs out: the tokens are forgotten and nothing more is sent for the session', async () => {
    expectData(await alicesClient.logout());
    assert.equal(changes.at(-1), undefined);
    const mark = seen.length;
    expectError(await alicesClient.me(), 401, 'UNAUTHENTICATED');
    expectError(await alicesClient.refresh(), 401, 'UNAUTHENTICATED');
    assert.deepEqual(requestsSince(mark), [], 'a signed-out client knows it without asking');
  });

  it('deletes the account; logging in again is INVALID_CREDENTIALS', async () => {
    const again = client();
    expectData(await again.login({ username: alice.username, password: 'a brand new passphrase' }));
    expectError(await again.deleteAccount({ password: 'wrong' }), 403, 'WRONG_PASSWORD');
    expectData(await again.deleteAccount({ password: 'a brand new passphrase' }));
    expectError(await again.login({ username: alice.username, password: 'a brand new passphrase' }), 401, 'INVALID_CREDENTIALS');
  });

  it('reports an unreachable service as NETWORK_ERROR and a non-JSON answer as UNEXPECTED_RESPONSE', async () => {
    const closed = await listen((_req, res) => res.end());
    const deadUrl = `http://127.0.0.1:${closed.port}`;
    await closed.close();
    const error = expectError(await createAuthClient({ baseUrl: deadUrl }).login(alice), 0, 'NETWORK_ERROR');
    assert.ok(error.cause, 'the underlying failure is kept as the cause');

    const gateway = await listen((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    });
    try {
      expectError(
        await createAuthClient({ baseUrl: `http://127.0.0.1:${gateway.port}` }).login(alice),
        502,
        'UNEXPECTED_RESPONSE',
      );
    } finally {
      await gateway.close();
    }
  });

  it('kept every answer within the OpenAPI document', () => {
    assert.deepEqual(contract.problems, []);
    assert.ok(contract.checked() > 20);
  });
});
