import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { loadConfig } from '../src/config';
import { buildTestApp, ManualClock, type TestApp, testEnv } from './support/app';
import { useTestStore } from './support/store';

const testStore = useTestStore();

const alice = { name: 'Alice', username: 'alice', password: 'correct horse battery' };
/** Requests name their client IP through X-Forwarded-For, trusted only from loopback (the test client). */
const PROXIED = { TRUST_PROXY: 'loopback' };

const login = (testApp: TestApp, body: object, ip = '198.51.100.7') =>
  request(testApp.app).post('/login').set('X-Forwarded-For', ip).send(body);

async function counters(testApp: TestApp, scope: string): Promise<number[]> {
  const items = await testStore.scanAll(testApp.tableName);
  return items.filter((item) => String(item.pk).startsWith(`RATE#${scope}#`)).map((item) => Number(item.hits));
}

describe('brute-force limits on login', () => {
  it('refuses even the right password past the account limit, with Retry-After to when the sliding window lets one in', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    const testApp = await buildTestApp(testStore, {
      clock,
      env: { ...PROXIED, LOGIN_ACCOUNT_MAX_FAILURES: '3', LOGIN_ACCOUNT_WINDOW_SECONDS: '600' },
    });
    await request(testApp.app).post('/register').send(alice).expect(201);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await login(testApp, { username: 'alice', password: `wrong-${attempt}` }, `198.51.100.${attempt}`).expect(401);
    }
    clock.advance(60_000);
    const locked = await login(testApp, alice, '198.51.100.99').expect(429);
    assert.equal(locked.body.code, 'TOO_MANY_ATTEMPTS');
    assert.equal(typeof locked.body.message, 'string');
    // The window ends in 540 s; the sliding estimate then holds all 3 failures, and 2 a third of a window later.
    assert.equal(locked.headers['retry-after'], '740');
    assert.equal(locked.headers['set-cookie'], undefined);
    assert.deepEqual(await counters(testApp, 'login-account'), [3], 'a refused attempt is not counted');

    clock.advance(540_000); // the next fixed window: a fixed-window limit would let 3 more guesses in here
    await login(testApp, alice).expect(429);
    clock.advance(199_000);
    await login(testApp, alice).expect(429);
    clock.advance(1_000);
    await login(testApp, alice).expect(200);
  });

  it('counts unknown usernames the same way, so a 429 does not reveal whether an account exists', async () => {
    const testApp = await buildTestApp(testStore, { env: { ...PROXIED, LOGIN_ACCOUNT_MAX_FAILURES: '2' } });
    await request(testApp.app).post('/register').send(alice).expect(201);
    const answers: { username: string; status: number; body: Record<string, unknown>; retry: boolean }[] = [];
    for (const username of ['alice', 'nobody-here']) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const response = await login(testApp, { username, password: 'wrong password' }, `203.0.113.${attempt}`);
        answers.push({
          username,
          status: response.status,
          body: response.body,
          retry: response.headers['retry-after'] !== undefined,
        });
      }
    }
    const shape = (username: string) =>
      answers
        .filter((answer) => answer.username === username)
        .map(({ status, body, retry }) => ({
          status,
          body: { ...body, retryAfterSeconds: typeof body.retryAfterSeconds },
          retry,
        }));
    assert.deepEqual(shape('alice'), shape('nobody-here'));
    assert.deepEqual(
      shape('alice').map((answer) => answer.status),
      [401, 401, 429],
    );
  });

  it('counts equivalent spellings of a username as one account', async () => {
    const testApp = await buildTestApp(testStore, { env: { ...PROXIED, LOGIN_ACCOUNT_MAX_FAILURES: '2' } });
    await login(testApp, { username: 'Alice', password: 'wrong password' }).expect(401);
    await login(testApp, { username: 'ＡＬＩＣＥ', password: 'wrong password' }).expect(401);
    await login(testApp, { username: 'alice', password: 'wrong password' }).expect(429);
  });

  it('a successful login resets the account counter', async () => {
    const testApp = await buildTestApp(testStore, { env: { ...PROXIED, LOGIN_ACCOUNT_MAX_FAILURES: '3' } });
    await request(testApp.app).post('/register').send(alice).expect(201);
    await login(testApp, { ...alice, password: 'wrong one' }).expect(401);
    await login(testApp, { ...alice, password: 'wrong two' }).expect(401);
    assert.deepEqual(await counters(testApp, 'login-account'), [2]);
    await login(testApp, alice).expect(200);
    assert.deepEqual(await counters(testApp, 'login-account'), []);
    assert.deepEqual(await counters(testApp, 'login-ip'), [2], 'the success is not an IP failure; the failures stay');
    for (let attempt = 0; attempt < 3; attempt += 1) await login(testApp, { ...alice, password: 'wrong again' }).expect(401);
    await login(testApp, alice).expect(429);
  });

  it('limits failures per client IP across usernames, and other IPs are unaffected', async () => {
    const testApp = await buildTestApp(testStore, {
      env: { ...PROXIED, LOGIN_IP_MAX_FAILURES: '4', LOGIN_ACCOUNT_MAX_FAILURES: '100' },
    });
    await request(testApp.app).post('/register').send(alice).expect(201);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await login(testApp, { username: `sprayed-${attempt}`, password: 'Winter2026!' }, '192.0.2.1').expect(401);
    }
    const refused = await login(testApp, alice, '192.0.2.1').expect(429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    await login(testApp, alice, '192.0.2.2').expect(200);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY says so', async () => {
    const testApp = await buildTestApp(testStore, { env: { LOGIN_IP_MAX_FAILURES: '2', LOGIN_ACCOUNT_MAX_FAILURES: '100' } });
    await login(testApp, { username: 'one', password: 'wrong password' }, '192.0.2.1').expect(401);
    await login(testApp, { username: 'two', password: 'wrong password' }, '192.0.2.2').expect(401);
    await login(testApp, { username: 'three', password: 'wrong password' }, '192.0.2.3').expect(429);
  });

  it('counts N parallel failed logins exactly, and lets no more than the limit reach the password check', async () => {
    const testApp = await buildTestApp(testStore, {
      env: { ...PROXIED, LOGIN_ACCOUNT_MAX_FAILURES: '25', LOGIN_IP_MAX_FAILURES: '1000' },
    });
    await request(testApp.app).post('/register').send(alice).expect(201);
    const parallel = 20;
    const statuses = await Promise.all(
      Array.from({ length: parallel }, (_, index) =>
        login(testApp, { ...alice, password: `guess-${index}` }).then((response) => response.status),
      ),
    );
    assert.deepEqual(statuses, Array(parallel).fill(401));
    assert.deepEqual(await counters(testApp, 'login-account'), [parallel]);
    assert.deepEqual(await counters(testApp, 'login-ip'), [parallel]);

    const burst = await Promise.all(
      Array.from({ length: 15 }, (_, index) =>
        login(testApp, { ...alice, password: `more-${index}` }).then((response) => response.status),
      ),
    );
    assert.equal(burst.filter((status) => status === 401).length, 5, 'exactly the 5 remaining slots were used');
    assert.equal(burst.filter((status) => status === 429).length, 10);
    assert.deepEqual(await counters(testApp, 'login-account'), [25]);
  });
});

describe('registration limits', () => {
  it('limits registrations per IP, 409 probes included', async () => {
    const testApp = await buildTestApp(testStore, { env: { ...PROXIED, REGISTER_IP_MAX: '3' } });
    const register = (username: string, ip = '198.51.100.1') =>
      request(testApp.app)
        .post('/register')
        .set('X-Forwarded-For', ip)
        .send({ ...alice, username });
    await register('first').expect(201);
    await register('first').expect(409);
    await register('second').expect(201);
    const refused = await register('third').expect(429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    await register('third', '198.51.100.2').expect(201);
    assert.equal((await testStore.scan(testApp.tableName)).filter((item) => item.type === 'user').length, 3);
  });

  it('does not count requests refused by validation', async () => {
    const testApp = await buildTestApp(testStore, { env: { REGISTER_IP_MAX: '1' } });
    await request(testApp.app)
      .post('/register')
      .send({ ...alice, password: 'password' })
      .expect(400);
    await request(testApp.app).post('/register').send(alice).expect(201);
  });

  it('parallel registrations of one username create exactly one user', async () => {
    const testApp = await buildTestApp(testStore);
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        request(testApp.app)
          .post('/register')
          .send({ ...alice, username: index % 2 === 0 ? 'Racer' : 'RACER', name: `n${index}` })
          .then((response) => response.status),
      ),
    );
    assert.equal(statuses.filter((status) => status === 201).length, 1);
    assert.equal(statuses.filter((status) => status === 409).length, 11);
    const users = (await testStore.scan(testApp.tableName)).filter((item) => item.sk === 'PROFILE');
    assert.equal(users.length, 1);
  });
});

describe('security configuration', () => {
  const base = testEnv('http://127.0.0.1:1', 'table');
  it('has safe defaults', async () => {
    const { security } = await loadConfig(base);
    assert.deepEqual(security, {
      loginPerAccount: { max: 10, windowSeconds: 900 },
      loginPerDevice: { max: 10, windowSeconds: 900 },
      loginPerIp: { max: 100, windowSeconds: 900 },
      secondFactorPerAccount: { max: 10, windowSeconds: 900 },
      passkeyOptionsPerIp: { max: 60, windowSeconds: 60 },
      registerPerIp: { max: 20, windowSeconds: 3600 },
      mailPerAccount: { max: 5, windowSeconds: 3600 },
      mailPerIp: { max: 50, windowSeconds: 3600 },
      trustProxy: false,
    });
  });

  it('reads TRUST_PROXY as hops or addresses and refuses true', async () => {
    assert.equal((await loadConfig({ ...base, TRUST_PROXY: '1' })).security.trustProxy, 1);
    assert.deepEqual((await loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' })).security.trustProxy, [
      'loopback',
      '10.0.0.0/8',
    ]);
    await assert.rejects(loadConfig({ ...base, TRUST_PROXY: 'true' }), /TRUST_PROXY: true would trust/);
    await assert.rejects(loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/99' }), /TRUST_PROXY: not an address/);
  });

  it('names a bad limit', async () => {
    await assert.rejects(loadConfig({ ...base, LOGIN_ACCOUNT_MAX_FAILURES: '0' }), /LOGIN_ACCOUNT_MAX_FAILURES/);
    await assert.rejects(loadConfig({ ...base, REGISTER_IP_WINDOW_SECONDS: 'soon' }), /REGISTER_IP_WINDOW_SECONDS/);
  });
});

describe('brute-force limits on password confirmation', () => {
  it('counts wrong current passwords on POST /password and DELETE /account like failed logins', async () => {
    const testApp = await buildTestApp(testStore, { env: { LOGIN_ACCOUNT_MAX_FAILURES: '3' } });
    await request(testApp.app).post('/register').send(alice).expect(201);
    const token = (await request(testApp.app).post('/login').send(alice).expect(200)).body.response.token as string;
    const bearer = `Bearer ${token}`;

    await request(testApp.app)
      .post('/password')
      .set('Authorization', bearer)
      .send({ currentPassword: 'guess-one', newPassword: 'another fine passphrase' })
      .expect(403);
    await request(testApp.app).delete('/account').set('Authorization', bearer).send({ password: 'guess-two' }).expect(403);
    await request(testApp.app)
      .post('/password')
      .set('Authorization', bearer)
      .send({ currentPassword: 'guess-three', newPassword: 'another fine passphrase' })
      .expect(403);

    // Locked: even the right password is refused, on these routes and on login, and nothing changes.
    const locked = await request(testApp.app)
      .delete('/account')
      .set('Authorization', bearer)
      .send({ password: alice.password })
      .expect(429);
    assert.equal(locked.body.code, 'TOO_MANY_ATTEMPTS');
    assert.ok(Number(locked.headers['retry-after']) > 0);
    await request(testApp.app)
      .post('/password')
      .set('Authorization', bearer)
      .send({ currentPassword: alice.password, newPassword: 'another fine passphrase' })
      .expect(429);
    await request(testApp.app).post('/login').send(alice).expect(429);
    await request(testApp.app).get('/me').set('Authorization', bearer).expect(200);
    assert.deepEqual(await counters(testApp, 'login-account'), [3]);
  });

  it('a confirmed password clears the account counter, as a login does', async () => {
    const testApp = await buildTestApp(testStore, { env: { LOGIN_ACCOUNT_MAX_FAILURES: '3' } });
    await request(testApp.app).post('/register').send(alice).expect(201);
    const token = (await request(testApp.app).post('/login').send(alice).expect(200)).body.response.token as string;
    await request(testApp.app)
      .post('/password')
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword: 'guess', newPassword: 'another fine passphrase' })
      .expect(403);
    await request(testApp.app)
      .post('/password')
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword: alice.password, newPassword: 'another fine passphrase' })
      .expect(200);
    assert.deepEqual(await counters(testApp, 'login-account'), []);
  });
});
