import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import request from 'supertest';
import { type BuiltApp, buildApp } from '../src/app';
import type { Clock } from '../src/clock';
import { loadConfig } from '../src/config';
import { connectStore } from '../src/dependencies/store';
import { createLogger, type Logger } from '../src/logger';
import { CountingMetrics, METRIC } from '../src/metrics';
import { ManualClock, testEnv } from './support/app';
import { capturedLogger } from './support/logs';
import { useTestStore } from './support/store';
import { totpCodeAt } from './support/totp-code';

const testStore = useTestStore();

const alice = { name: 'Alice Liddell', username: 'Alice', password: 'rabbit-hole-2024' };
const newPassword = 'through-the-looking-glass';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';
const DAY_SECONDS = 86_400;

interface EventsApp extends BuiltApp {
  tableName: string;
  metrics: CountingMetrics;
  dynamo: DynamoDBClient;
}

async function eventsApp(options: { env?: Record<string, string>; clock?: Clock; logger?: Logger } = {}): Promise<EventsApp> {
  const tableName = await testStore.newTable();
  // Requests name their client IP through X-Forwarded-For, trusted only from loopback (the test client).
  const config = await loadConfig(testEnv(testStore.endpoint, tableName, { TRUST_PROXY: 'loopback', ...options.env }));
  const { dynamo, store, rateLimits } = connectStore(config.store);
  const metrics = new CountingMetrics();
  const built = buildApp({
    config,
    store,
    rateLimits,
    metrics,
    logger: options.logger ?? createLogger('silent'),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { ...built, tableName, metrics, dynamo };
}

const from = (target: EventsApp, ip: string) => ({
  post: (path: string) => request(target.app).post(path).set('X-Forwarded-For', ip).set('User-Agent', BROWSER),
  delete: (path: string) => request(target.app).delete(path).set('X-Forwarded-For', ip).set('User-Agent', BROWSER),
});

async function signIn(
  target: EventsApp,
  ip = '198.51.100.7',
  password = alice.password,
): Promise<{ token: string; refreshToken: string }> {
  return (await from(target, ip).post('/login').send({ username: 'alice', password }).expect(200)).body.response;
}

const eventItems = async (target: EventsApp) => (await testStore.scan(target.tableName)).filter((item) => item.type === 'event');

describe('security events', () => {
  it('records every security event of an account in its partition, with time, IP, user agent and outcome, and no secret', async () => {
    const target = await eventsApp({ env: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
    await from(target, '198.51.100.1').post('/register').send(alice).expect(201);
    const first = await signIn(target);
    await from(target, '203.0.113.9').post('/login').send({ username: 'alice', password: 'not her password' }).expect(401);
    // A refresh credential used twice: the second use revokes its session.
    await from(target, '198.51.100.7').post('/refresh').send({ refreshToken: first.refreshToken }).expect(200);
    await from(target, '198.51.100.7').post('/refresh').send({ refreshToken: first.refreshToken }).expect(401);

    const second = await signIn(target);
    const third = await signIn(target);
    const thirdId = (
      await request(target.app).get('/sessions').auth(third.token, { type: 'bearer' }).expect(200)
    ).body.sessions.find((session: { current: boolean }) => session.current).id as string;
    await from(target, '198.51.100.7').delete(`/sessions/${thirdId}`).auth(second.token, { type: 'bearer' }).expect(200);
    await from(target, '198.51.100.7')
      .post('/password')
      .auth(second.token, { type: 'bearer' })
      .send({ currentPassword: alice.password, newPassword })
      .expect(200);
    await from(target, '198.51.100.7').post('/logout').send({ token: second.token }).expect(200);
    const fourth = await signIn(target, '198.51.100.7', newPassword);
    await from(target, '198.51.100.7').post('/logout-all').auth(fourth.token, { type: 'bearer' }).expect(200);

    const { events } = await target.events.history('alice');
    assert.deepEqual(
      events.map((event) => [event.kind, event.outcome]),
      [
        ['sessions.revoked_all', 'success'],
        ['login.success', 'success'],
        ['logout', 'success'],
        ['password.changed', 'success'],
        ['session.revoked', 'success'],
        ['login.success', 'success'],
        ['login.success', 'success'],
        ['refresh.reused', 'refused'],
        ['login.failure', 'failure'],
        ['login.success', 'success'],
        ['register', 'success'],
      ],
      'newest first',
    );
    const byKind = (kind: string) => events.filter((event) => event.kind === kind);
    assert.equal(byKind('register')[0]?.ip, '198.51.100.1');
    assert.equal(byKind('login.failure')[0]?.ip, '203.0.113.9');
    assert.ok(events.every((event) => event.userAgent === BROWSER));
    // The first sign-in, from a browser without the account's device cookie (what the new-device notice is sent from).
    assert.deepEqual(byKind('login.success').at(-1)?.details, { method: 'password', knownDevice: false });
    assert.equal(byKind('session.revoked')[0]?.details.sessionId, thirdId);
    assert.equal(byKind('sessions.revoked_all')[0]?.details.count, 1);
    const times = events.map((event) => Date.parse(event.at));
    assert.deepEqual(
      [...times].sort((a, b) => b - a),
      times,
    );

    const stored = JSON.stringify(await eventItems(target));
    for (const secret of [alice.password, newPassword, first.token, first.refreshToken, second.token, fourth.refreshToken]) {
      assert.equal(stored.includes(secret), false, 'an event item holds a secret');
    }
    assert.equal(target.metrics.value(METRIC.logins), 4);
    assert.equal(target.metrics.value(METRIC.loginFailures), 1);
    assert.equal(target.metrics.value(METRIC.refreshReuse), 1);
  });

  it('keeps each event for the retention period (90 days by default) as a TTL, and never reads an expired one', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const target = await eventsApp({ clock });
    await from(target, '198.51.100.1').post('/register').send(alice).expect(201);
    const [item] = await eventItems(target);
    assert.equal(item?.expiresAt, Date.UTC(2026, 0, 1) / 1000 + 90 * DAY_SECONDS);
    assert.equal(item?.sk, `EVENT#${String(Date.UTC(2026, 0, 1)).padStart(15, '0')}#${String(item?.eventId)}`);

    const shorter = await eventsApp({ clock, env: { SECURITY_EVENT_RETENTION_DAYS: '7' } });
    await from(shorter, '198.51.100.1').post('/register').send(alice).expect(201);
    assert.equal((await eventItems(shorter))[0]?.expiresAt, Date.UTC(2026, 0, 1) / 1000 + 7 * DAY_SECONDS);
    clock.advance(6 * DAY_SECONDS * 1000);
    await signIn(shorter);
    assert.equal((await shorter.events.history('alice')).events.length, 2);
    clock.advance(2 * DAY_SECONDS * 1000);
    // dynalite never deletes expired items (DynamoDB does, some time after): the read leaves them out.
    assert.equal((await eventItems(shorter)).length, 2);
    assert.deepEqual(
      (await shorter.events.history('alice')).events.map((event) => event.kind),
      ['login.success'],
    );
  });

  it('records the lockout of an account, and stores nothing for a name that is no account (it is counted only)', async () => {
    const target = await eventsApp({ env: { LOGIN_ACCOUNT_MAX_FAILURES: '3', LOGIN_IP_MAX_FAILURES: '100' } });
    await from(target, '198.51.100.1').post('/register').send(alice).expect(201);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await from(target, `198.51.100.${10 + attempt}`)
        .post('/login')
        .send({ username: 'alice', password: `wrong-${attempt}` })
        .expect(401);
    }
    await from(target, '198.51.100.20').post('/login').send({ username: 'alice', password: alice.password }).expect(429);
    const { events } = await target.events.history('alice');
    const lockedFor = Number(events[0]?.details.lockedForSeconds);
    // Until the sliding window lets one more in: at most two windows of 900 s.
    assert.ok(lockedFor > 0 && lockedFor <= 1800, `locked for ${lockedFor} s (the lockout notice says so)`);
    assert.deepEqual(
      events.map((event) => [event.kind, event.details]),
      [
        ['login.locked', { scope: 'account', lockedForSeconds: lockedFor }],
        ['login.failure', {}],
        ['login.failure', {}],
        ['register', {}],
      ],
    );
    assert.equal(target.metrics.value(METRIC.lockouts), 1);
    assert.equal(target.metrics.value(METRIC.lockedOutAttempts), 1);

    const before = await eventItems(target);
    const typed = 'correct horse battery staple';
    await from(target, '198.51.100.30').post('/login').send({ username: typed, password: 'whatever it is' }).expect(401);
    assert.deepEqual(await eventItems(target), before, 'no event for a name that is no account');
    assert.equal(JSON.stringify(await testStore.scanAll(target.tableName)).includes(typed), false);
    assert.equal(target.metrics.value(METRIC.loginFailures), 4);
  });

  it('a failed event write never fails the login: it is logged and counted', async () => {
    const capture = capturedLogger();
    const target = await eventsApp({ logger: capture.logger });
    await from(target, '198.51.100.1').post('/register').send(alice).expect(201);
    // Every write of an event item fails as an outage would; every other store call goes through.
    target.dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Item?: { type?: { S?: string } } };
        if (context.commandName === 'PutItemCommand' && input.Item?.type?.S === 'event') {
          throw Object.assign(new Error('injected outage'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
        }
        return next(args);
      },
      { step: 'build', name: 'failEventWrites' },
    );
    const login = await from(target, '198.51.100.7').post('/login').send({ username: 'alice', password: alice.password });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    await from(target, '198.51.100.7').post('/login').send({ username: 'alice', password: 'wrong' }).expect(401);
    await from(target, '198.51.100.7').post('/logout').send({ token: login.body.response.token }).expect(200);

    assert.equal(target.metrics.value(METRIC.eventWriteFailures), 3);
    const failures = capture.lines().filter((line) => line.event === 'security_event.write_failed');
    assert.deepEqual(
      failures.map((line) => [line.kind, line.code]),
      [
        ['login.success', 'STORE_UNAVAILABLE'],
        ['login.failure', 'STORE_UNAVAILABLE'],
        ['logout', 'STORE_UNAVAILABLE'],
      ],
    );
    assert.equal(capture.raw.join('\n').includes(alice.password), false);
    assert.deepEqual(
      (await target.events.history('alice')).events.map((event) => event.kind),
      ['register'],
    );
  });

  it('an account never sees the events of an earlier account of the same name', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const target = await eventsApp({ clock });
    await from(target, '198.51.100.1').post('/register').send(alice).expect(201);
    const session = await signIn(target);
    clock.advance(1000);
    await from(target, '198.51.100.7')
      .delete('/account')
      .auth(session.token, { type: 'bearer' })
      .send({ password: alice.password })
      .expect(200);
    assert.equal((await target.events.history('alice')).events[0]?.kind, 'account.deleted', 'an operator still reads them');
    clock.advance(1000);
    await from(target, '198.51.100.1').post('/register').send(alice).expect(201);
    assert.deepEqual(
      (await target.events.history('alice')).events.map((event) => event.kind),
      ['register'],
    );
  });

  it('drain() waits for writes a caller left running', async () => {
    const target = await eventsApp();
    await from(target, '198.51.100.1').post('/register').send(alice).expect(201);
    void target.events.record('admin.action', 'alice', { actor: 'ops@example.com', action: 'unlock' });
    await target.events.drain();
    const [latest] = (await target.events.history('alice')).events;
    assert.equal(latest?.kind, 'admin.action');
    assert.deepEqual(latest?.details, { actor: 'ops@example.com', action: 'unlock' });
    assert.equal(latest?.ip, null, 'recorded outside any request');
  });
});

describe('GET /me/events', () => {
  it("pages through the signed-in user's own events, newest first, with an opaque cursor", async () => {
    const target = await eventsApp();
    await from(target, '198.51.100.1').post('/register').send(alice).expect(201);
    await from(target, '198.51.100.1')
      .post('/register')
      .send({ ...alice, username: 'bob', name: 'Bob' })
      .expect(201);
    const sessions: string[] = [];
    for (let n = 0; n < 23; n += 1) sessions.push((await signIn(target)).token);
    const bob = (
      await from(target, '198.51.100.2').post('/login').send({ username: 'bob', password: alice.password }).expect(200)
    ).body.response.token as string;
    const token = sessions.at(-1) ?? '';

    const pages: { kind: string; id: string }[][] = [];
    let cursor: string | undefined;
    do {
      const response = await request(target.app)
        .get('/me/events')
        .query({ limit: 10, ...(cursor === undefined ? {} : { cursor }) })
        .auth(token, { type: 'bearer' })
        .expect(200);
      assert.equal(response.headers['cache-control'], 'no-store');
      pages.push(response.body.events);
      cursor = response.body.next;
      assert.ok(pages.length <= 3, 'the pages end');
    } while (cursor !== undefined);
    assert.deepEqual(
      pages.map((page) => page.length),
      [10, 10, 4],
    );
    const all = pages.flat();
    assert.equal(new Set(all.map((event) => event.id)).size, 24);
    assert.deepEqual(
      all.map((event) => event.kind),
      [...Array(23).fill('login.success'), 'register'],
    );

    const bobs = await request(target.app).get('/me/events').auth(bob, { type: 'bearer' }).expect(200);
    assert.deepEqual(
      bobs.body.events.map((event: { kind: string; ip: string }) => [event.kind, event.ip]),
      [
        ['login.success', '198.51.100.2'],
        ['register', '198.51.100.1'],
      ],
    );
    assert.equal(bobs.body.next, undefined);
    // The cookie works as well as the bearer token; no session, no events.
    await request(target.app).get('/me/events').set('Cookie', `auth_token=${token}`).expect(200);
    await request(target.app).get('/me/events').expect(401);
  });

  it('answers 400 naming the field for a cursor it did not give or a bad limit', async () => {
    const target = await eventsApp();
    await from(target, '198.51.100.1').post('/register').send(alice).expect(201);
    const { token } = await signIn(target);
    const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    const bad: [string, string][] = [
      ['cursor=not%20a%20cursor', 'cursor'],
      [`cursor=${base64url('PROFILE')}`, 'cursor'],
      [`cursor=${base64url('SESSION#abc')}`, 'cursor'],
      [`cursor=${base64url('EVENT#12#x')}`, 'cursor'],
      ['cursor=a&cursor=b', 'cursor'],
      [`cursor=${'A'.repeat(500)}`, 'cursor'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=1.5', 'limit'],
    ];
    for (const [query, field] of bad) {
      const response = await request(target.app).get(`/me/events?${query}`).auth(token, { type: 'bearer' });
      assert.equal(response.status, 400, `${query}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body.code, 'VALIDATION_FAILED', query);
      assert.equal(response.body.field, field, query);
    }
    // A well-formed cursor from before the account's first event just ends the list.
    const early = base64url(`EVENT#${'0'.repeat(15)}#abc`);
    const response = await request(target.app).get(`/me/events?cursor=${early}`).auth(token, { type: 'bearer' }).expect(200);
    assert.deepEqual(response.body, { events: [] });
  });
});

describe('security events of the two-step sign-in', () => {
  it('records the password step, a wrong code and the sign-in the right code completes', async () => {
    const clock = new ManualClock(Date.UTC(2026, 2, 1, 9, 0, 15));
    const target = await eventsApp({ clock });
    const codeAt = (secret: string) => totpCodeAt(secret, clock.now());
    await from(target, '198.51.100.1').post('/register').send(alice).expect(201);
    const { token } = await signIn(target);
    const enrolment = await request(target.app)
      .post('/mfa/totp')
      .auth(token, { type: 'bearer' })
      .send({ password: alice.password })
      .expect(200);
    const secret = String(enrolment.body.secret);
    await request(target.app)
      .post('/mfa/totp/confirm')
      .auth(token, { type: 'bearer' })
      .send({ code: codeAt(secret) })
      .expect(200);
    clock.advance(30_000);

    const first = await from(target, '198.51.100.7')
      .post('/login')
      .send({ username: 'alice', password: alice.password })
      .expect(200);
    assert.equal(first.body.mfaRequired, true);
    const mfaToken = String(first.body.mfaToken);
    const wrong = codeAt(secret) === '000000' ? '111111' : '000000';
    clock.advance(1000);
    await from(target, '198.51.100.7').post('/login/mfa').send({ mfaToken, code: wrong }).expect(401);
    clock.advance(1000);
    await from(target, '198.51.100.7')
      .post('/login/mfa')
      .send({ mfaToken, code: codeAt(secret) })
      .expect(200);

    const { events } = await target.events.history('alice');
    assert.deepEqual(
      events.slice(0, 3).map((event) => [event.kind, event.outcome, event.details]),
      [
        ['login.success', 'success', { method: 'password+otp', knownDevice: false }],
        ['mfa.failure', 'failure', {}],
        ['login.mfa_required', 'success', { method: 'password', knownDevice: false }],
      ],
    );
  });
});
