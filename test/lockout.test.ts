import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { buildTestApp, ManualClock, type TestApp } from './support/app';
import { startRecordingProxy, THROTTLED } from './support/recording-proxy';
import { useTestStore } from './support/store';

/** The lockout that an attacker cannot turn against the owner (issue 13): device cookies, sliding windows, throttled counters. */

const testStore = useTestStore();
const owner = { name: 'Owner', username: 'owner', password: 'correct horse battery 9' };
const LIMITS = {
  LOGIN_ACCOUNT_MAX_FAILURES: '5',
  LOGIN_DEVICE_MAX_FAILURES: '3',
  LOGIN_IP_MAX_FAILURES: '1000',
  TRUST_PROXY: 'loopback',
};

const cookiesOf = (response: request.Response): string[] => ([] as string[]).concat(response.headers['set-cookie'] ?? []);
const deviceCookieOf = (response: request.Response): string | undefined =>
  cookiesOf(response)
    .find((cookie) => cookie.startsWith('auth_device='))
    ?.split(';')[0];

function login(
  testApp: TestApp,
  credentials: { username: string; password: string },
  options: { device?: string; ip?: string } = {},
) {
  const call = request(testApp.app)
    .post('/login')
    .set('X-Forwarded-For', options.ip ?? '203.0.113.7');
  if (options.device !== undefined) call.set('Cookie', options.device);
  return call.send(credentials);
}

async function ownerWithDevice(testApp: TestApp): Promise<string> {
  await request(testApp.app).post('/register').send(owner).expect(201);
  const first = await login(testApp, owner, { ip: '198.51.100.1' }).expect(200);
  const device = deviceCookieOf(first);
  assert.ok(device !== undefined, 'a first sign-in leaves a device cookie');
  assert.match(
    cookiesOf(first).find((cookie) => cookie.startsWith('auth_device=')) ?? '',
    /Path=\/login; .*HttpOnly; .*SameSite=Strict/,
  );
  return device;
}

describe('device cookies (OWASP): an attacker cannot lock the owner out', () => {
  it("lets the owner's known device sign in while the account is locked for everyone else", async () => {
    const testApp = await buildTestApp(testStore, { env: LIMITS });
    const device = await ownerWithDevice(testApp);

    // The attacker fails on purpose from elsewhere until the account-wide limit is reached.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await login(testApp, { username: 'owner', password: `guess-${attempt}` }, { ip: '192.0.2.66' }).expect(401);
    }
    await login(testApp, owner, { ip: '192.0.2.66' }).expect(429);
    // A browser without the cookie meets the account-wide lockout, even with the right password ...
    await login(testApp, owner, { ip: '198.51.100.2' }).expect(429);
    // ... and the owner's own device is judged by its own (untouched) budget.
    const signedIn = await login(testApp, owner, { ip: '198.51.100.1', device }).expect(200);
    assert.equal(deviceCookieOf(signedIn), undefined, 'a known device keeps its cookie');
  });

  it('gives each device a budget of its own, and a device cookie of another account counts for nothing', async () => {
    const testApp = await buildTestApp(testStore, { env: LIMITS });
    const device = await ownerWithDevice(testApp);
    await request(testApp.app)
      .post('/register')
      .send({ ...owner, username: 'other-user' })
      .expect(201);

    // The owner mistypes three times on their device: that device is locked, the account is not.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await login(testApp, { username: 'owner', password: `typo-${attempt}` }, { device }).expect(401);
    }
    const locked = await login(testApp, owner, { device }).expect(429);
    assert.match(String(locked.headers['retry-after']), /^\d+$/);
    await login(testApp, owner, { ip: '198.51.100.3' }).expect(200);

    // The owner's cookie is bound to "owner": presented for "other-user", it is ignored (account-wide counting).
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await login(testApp, { username: 'other-user', password: `guess-${attempt}` }, { device, ip: '192.0.2.9' }).expect(401);
    }
    await login(testApp, { username: 'other-user', password: owner.password }, { device }).expect(429);
  });

  it('ignores a forged or altered device cookie', async () => {
    const testApp = await buildTestApp(testStore, { env: LIMITS });
    const device = await ownerWithDevice(testApp);
    const altered = `${device.slice(0, -2)}${device.endsWith('A') ? 'B' : 'A'}x`;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await login(testApp, { username: 'owner', password: `guess-${attempt}` }, { device: altered, ip: '192.0.2.1' }).expect(401);
    }
    await login(testApp, owner, { device: altered }).expect(429);
    await login(testApp, owner, { device: `auth_device=hs.AAAAAAAAAAAAAAAAAAAAAA.${'A'.repeat(43)}` }).expect(429);
    await login(testApp, owner, { device }).expect(200);
  });
});

describe('sliding windows', () => {
  it('let no burst of twice the limit through around a window boundary', async () => {
    const windowStart = Date.UTC(2026, 0, 1, 12, 0, 0);
    const clock = new ManualClock(windowStart + 890_000); // 10 s before the end of a 900 s window
    const testApp = await buildTestApp(testStore, { clock, env: LIMITS });
    await request(testApp.app).post('/register').send(owner).expect(201);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await login(testApp, { username: 'owner', password: `late-${attempt}` }).expect(401);
    }
    clock.advance(20_000); // 10 s into the next fixed window
    const afterBoundary: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      afterBoundary.push((await login(testApp, { username: 'owner', password: `early-${attempt}` })).status);
    }
    assert.deepEqual(afterBoundary, [429, 429, 429, 429, 429], 'a fixed window would have allowed 5 more guesses here');
    // The previous window's failures fade as the sliding window moves past them: one more after 3 minutes.
    clock.advance(180_000);
    await login(testApp, { username: 'owner', password: 'later' }).expect(401);
    await login(testApp, { username: 'owner', password: 'later-2' }).expect(429);
  });
});

describe('counters that cannot be written', () => {
  it('refuse the sign-in with 503 when the store throttles the counter items: no password is checked without its limit', async () => {
    let throttle = false;
    const proxy = await startRecordingProxy(testStore.endpoint, ({ operation, body }) => {
      const key = (body.Key as { pk?: { S?: string } } | undefined)?.pk?.S ?? '';
      return throttle && operation === 'UpdateItem' && key.startsWith('RATE#') ? THROTTLED : undefined;
    });
    try {
      const testApp = await buildTestApp(testStore, {
        env: { ...LIMITS, DYNAMODB_ENDPOINT: proxy.endpoint, STORE_TIMEOUT_MS: '500' },
      });
      const device = await ownerWithDevice(testApp);
      throttle = true;
      proxy.actions.length = 0;
      for (const options of [{}, { device }]) {
        const refused = await login(testApp, owner, options);
        assert.equal(refused.status, 503, JSON.stringify(refused.body));
        assert.equal(refused.body.code, 'STORE_UNAVAILABLE');
        assert.match(String(refused.headers['retry-after']), /^\d+$/);
        assert.equal(cookiesOf(refused).length, 0, 'no session was issued');
      }
      // The account and session items were never touched: the password was never checked.
      assert.deepEqual(
        proxy.actions.filter((action) => action !== 'dynamodb:UpdateItem' && action !== 'dynamodb:GetItem'),
        [],
      );
      assert.equal(
        (await testStore.scan(testApp.tableName)).filter((item) => item.type === 'session').length,
        1,
        'only the first sign-in made a session',
      );
      throttle = false;
      await login(testApp, owner, { device }).expect(200);
    } finally {
      await proxy.close();
    }
  });
});
