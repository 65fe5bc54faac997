import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAuthClient, isMfaRequired } from '@serverless-auth/client';
import { createVerifier, type VerifierOptions, type VerifyResult } from '@serverless-auth/client/verifier';
import express from 'express';
import { generateSigningKey } from '../src/config-signing-keys';
import { buildTestApp, ManualClock, type TestApp } from './support/app';
import { contractCheckedListener, type Listening, listen } from './support/browser';
import { useTestStore } from './support/store';

/** The built verifier (client/dist/verifier.js) against tokens the real service issued, over real sockets. */

const testStore = useTestStore();
const ISSUER = 'https://auth.example.test';
const AUDIENCE = 'example-apps';
const es256 = {
  JWT_ALGORITHM: 'ES256',
  JWT_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
  JWT_ISSUER: ISSUER,
  JWT_AUDIENCE: AUDIENCE,
};
const user = { name: 'Bob', username: 'bob', password: 'correct horse battery staple' };

interface Service {
  testApp: TestApp;
  server: Listening;
  url: string;
  /** "METHOD /path" of every request the service received. */
  seen: string[];
  problems: string[];
}

async function startService(env: Record<string, string>, clock?: ManualClock): Promise<Service> {
  const testApp = await buildTestApp(testStore, { env, ...(clock ? { clock } : {}) });
  const contract = contractCheckedListener(testApp.app);
  const seen: string[] = [];
  const server = await listen((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    contract.listener(req, res);
  });
  return { testApp, server, url: `http://127.0.0.1:${server.port}`, seen, problems: contract.problems };
}

async function signIn(service: Service) {
  const client = createAuthClient({ baseUrl: service.url });
  await client.register(user);
  const login = await client.login({ username: user.username, password: user.password });
  assert.ok(login.data && !isMfaRequired(login.data), login.error?.message);
  return { client, token: login.data.token };
}

const options = (service: Service, extra: Partial<VerifierOptions> = {}): VerifierOptions => ({
  serviceUrl: service.url,
  issuer: ISSUER,
  audience: AUDIENCE,
  ...extra,
});

function refusedWith(result: VerifyResult, code: string): void {
  assert.equal(result.user, undefined, `expected ${code}, but the token was accepted`);
  assert.equal(result.error?.code, code, result.error?.message);
}

const verifyCalls = (service: Service) => service.seen.filter((call) => call === 'POST /verify').length;

describe('the verifier', () => {
  let service: Service;
  before(async () => {
    service = await startService(es256);
  });
  after(async () => {
    await service?.server.close();
  });

  it('accepts the service’s tokens from a Bearer header, the auth cookie, a Fetch Request and API Gateway events', async () => {
    const { token } = await signIn(service);
    const verifier = createVerifier(options(service));
    const requests = [
      { headers: { authorization: `Bearer ${token}` } },
      { headers: { cookie: `theme=dark; auth_token=${token}` } },
      new Request('https://api.example.test/notes', { headers: { Authorization: `Bearer ${token}` } }),
      { headers: { host: 'api.example.test' }, cookies: ['theme=dark', `auth_token=${token}`] },
      { headers: { Authorization: `Bearer ${token}` }, multiValueHeaders: {} },
    ];
    for (const request of requests) {
      const { user: verified, error } = await verifier.verifyRequest(request);
      assert.equal(error, undefined, error?.message);
      assert.equal(verified?.username, user.username);
      assert.match(verified?.sessionId ?? '', /^[A-Za-z0-9_-]{16,}$/);
      assert.ok((verified?.expiresAt ?? 0) > Date.now() / 1000);
      assert.equal(verified?.claims.iss, ISSUER);
    }
    assert.deepEqual(
      service.seen.filter((call) => call === 'GET /.well-known/jwks.json'),
      ['GET /.well-known/jwks.json'],
      'the keys are fetched once and kept',
    );
  });

  it('refuses a missing, tampered, foreign or expired token, and pins issuer, audience and algorithm', async () => {
    const { token } = await signIn(service);
    const verifier = createVerifier(options(service));
    refusedWith(await verifier.verifyRequest({ headers: {} }), 'NO_TOKEN');
    refusedWith(await verifier.verifyRequest({ headers: { authorization: 'Basic Ym9iOnNlY3JldA==' } }), 'NO_TOKEN');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'admin' }),
    ).toString('base64url');
    refusedWith(await verifier.verifyToken(`${header}.${forged}.${signature}`), 'INVALID_TOKEN');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    refusedWith(await verifier.verifyToken(unsigned), 'INVALID_TOKEN');
    refusedWith(
      await createVerifier(options(service, { issuer: 'https://someone-else.example' })).verifyToken(token),
      'INVALID_TOKEN',
    );
    refusedWith(await createVerifier(options(service, { audience: 'another-app' })).verifyToken(token), 'INVALID_TOKEN');

    // An HS256 token from a service with the same issuer and audience: the algorithm is pinned to ES256.
    const hs256 = await startService({ JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
    try {
      const { token: symmetric } = await signIn(hs256);
      refusedWith(await verifier.verifyToken(symmetric), 'INVALID_TOKEN');
    } finally {
      await hs256.server.close();
    }

    // A token issued two hours ago by the service's clock has expired, whatever the signature says.
    const clock = new ManualClock(Date.now() - 2 * 3600 * 1000);
    const past = await startService(es256, clock);
    try {
      const { token: old } = await signIn(past);
      refusedWith(await createVerifier(options(past)).verifyToken(old), 'INVALID_TOKEN');
    } finally {
      await past.server.close();
    }
  });

  it('without the revocation check, still accepts a logged-out token until it expires (what a signature alone can tell)', async () => {
    const { client, token } = await signIn(service);
    await client.logout();
    assert.ok((await createVerifier(options(service)).verifyToken(token)).user);
  });

  it('with the revocation check, refuses a token once its session has ended, and caches answers briefly', async () => {
    const { client, token } = await signIn(service);
    const verifier = createVerifier(options(service, { revocationCheck: { cacheSeconds: 1 } }));
    const before = verifyCalls(service);
    const results = await Promise.all(Array.from({ length: 5 }, () => verifier.verifyToken(token)));
    for (const result of results) assert.equal(result.user?.username, user.username);
    assert.equal((await verifier.verifyToken(token)).user?.username, user.username);
    assert.equal(verifyCalls(service) - before, 1, 'one POST /verify for six checks of one session within the cache time');

    await client.logout();
    assert.ok((await verifier.verifyToken(token)).user, 'within the cache time, the cached answer stands');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    refusedWith(await verifier.verifyToken(token), 'SESSION_REVOKED');
  });

  it('keeps the cache bounded: past maxEntries the oldest session is asked again', async () => {
    const first = await signIn(service);
    const second = await signIn(service);
    const verifier = createVerifier(options(service, { revocationCheck: { cacheSeconds: 30, maxEntries: 1 } }));
    const before = verifyCalls(service);
    for (const token of [first.token, second.token, first.token]) assert.ok((await verifier.verifyToken(token)).user);
    assert.equal(verifyCalls(service) - before, 3);
  });

  it('with cacheSeconds 0, a logout takes effect on the next check; a cache over 60 s is refused', async () => {
    const { client, token } = await signIn(service);
    const verifier = createVerifier(options(service, { revocationCheck: { cacheSeconds: 0 } }));
    assert.ok((await verifier.verifyToken(token)).user);
    await client.logout();
    refusedWith(await verifier.verifyToken(token), 'SESSION_REVOKED');
    assert.throws(() => createVerifier(options(service, { revocationCheck: { cacheSeconds: 3600 } })), RangeError);
  });

  it('says VERIFIER_UNAVAILABLE, not "invalid", when the keys or the revocation check cannot be fetched', async () => {
    const down = await startService(es256);
    const { token } = await signIn(down);
    const checking = createVerifier(options(down, { revocationCheck: true }));
    const fresh = createVerifier(options(down));
    assert.ok((await createVerifier(options(down)).verifyToken(token)).user);
    await down.server.close();
    refusedWith(await checking.verifyToken(token), 'VERIFIER_UNAVAILABLE');
    refusedWith(await fresh.verifyToken(token), 'VERIFIER_UNAVAILABLE');
    assert.equal((await fresh.verifyToken(token)).error?.status, 503);
  });

  it('guards an Express route: req.auth for a live session, 401 without one or after logout, 503 when the service is down', async () => {
    const down = await startService(es256);
    const api = express();
    for (const [path, url] of [
      ['/notes', service.url],
      ['/unreachable', down.url],
    ] as const) {
      const verifier = createVerifier({
        serviceUrl: url,
        issuer: ISSUER,
        audience: AUDIENCE,
        revocationCheck: { cacheSeconds: 0 },
      });
      api.get(path, verifier.middleware(), (req, res) => {
        const { auth } = req as typeof req & { auth: { username: string } };
        res.json({ notesFor: auth.username });
      });
    }
    const server = await listen(api);
    const { token: downToken } = await signIn(down);
    await down.server.close();
    try {
      const { client, token } = await signIn(service);
      const get = (path: string, headers: Record<string, string> = {}) =>
        fetch(`http://127.0.0.1:${server.port}${path}`, { headers });
      const ok = await get('/notes', { authorization: `Bearer ${token}` });
      assert.deepEqual([ok.status, await ok.json()], [200, { notesFor: user.username }]);
      const anonymous = await get('/notes');
      assert.deepEqual(
        [anonymous.status, anonymous.headers.get('www-authenticate'), await anonymous.json()],
        [401, 'Bearer', { message: 'Invalid or expired token', code: 'UNAUTHENTICATED' }],
      );
      await client.logout();
      assert.equal((await get('/notes', { authorization: `Bearer ${token}` })).status, 401);
      const unavailable = await get('/unreachable', { authorization: `Bearer ${downToken}` });
      assert.deepEqual(
        [unavailable.status, ((await unavailable.json()) as { code: string }).code],
        [503, 'VERIFIER_UNAVAILABLE'],
      );
    } finally {
      await server.close();
    }
  });

  it('kept the service’s answers within its OpenAPI document', () => {
    assert.deepEqual(service.problems, []);
  });
});
