import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { buildTestApp, TEST_SECRET } from './support/app';
import { capturedLogger, type LogLine } from './support/logs';
import { useTestStore } from './support/store';

const testStore = useTestStore();

describe('logs', () => {
  it('carry a request id on every line, name security events, and never contain a secret', async () => {
    const capture = capturedLogger();
    const testApp = await buildTestApp(testStore, {
      logger: capture.logger,
      env: { LOGIN_ACCOUNT_MAX_FAILURES: '2', TRUST_PROXY: 'loopback' },
    });
    const app = testApp.app;
    const password = 'Sup3r-secret passphrase';
    const wrongPassword = 'Wr0ng-secret guess';
    const ip = '198.51.100.23';

    await request(app)
      .post('/register')
      .set('X-Forwarded-For', ip)
      .send({ name: 'Logan', username: 'logan', password })
      .expect(201);
    const login = await request(app)
      .post('/login')
      .set('X-Forwarded-For', ip)
      .set('X-Request-Id', 'trace-login-1')
      .send({ username: 'logan', password })
      .expect(200);
    const token = login.body.response.token as string;
    const cookie = String(login.headers['set-cookie']);
    await request(app).post('/verify').set('Authorization', `Bearer ${token}`).expect(200);
    await request(app).post('/verify').type('json').set('Cookie', `auth_token=${token}`).expect(200);
    await request(app).post(`/verify?token=${token}`).send({ token }).expect(200);
    await request(app)
      .post('/verify')
      .send({ token: `${token}x`, username: 'logan' })
      .expect(401);
    await request(app)
      .post('/logout')
      .set('Cookie', `auth_token=${token}`)
      .set('Origin', 'https://evil.example')
      .type('json')
      .expect(403);
    await request(app).post('/logout').set('Authorization', `Bearer ${token}`).expect(200);
    await request(app).post('/logout').send({ token }).expect(401);
    await request(app).post('/login').set('X-Forwarded-For', ip).send({ username: 'logan', password: wrongPassword }).expect(401);
    await request(app).post('/login').set('X-Forwarded-For', ip).send({ username: 'logan', password: wrongPassword }).expect(401);
    await request(app).post('/login').set('X-Forwarded-For', ip).send({ username: 'logan', password }).expect(429);
    await request(app)
      .post('/login')
      .set('content-type', 'application/json')
      .send(`{"username":"logan","password":"${password}"`)
      .expect(400);
    await request(app).post('/register').send({ name: 'X', username: 'bad name', password }).expect(400);

    const lines = capture.lines();
    assert.ok(lines.length >= 20, `${lines.length} lines`);

    // Nothing secret, anywhere, in any form.
    const everything = capture.raw.join('\n');
    const [, , signature = ''] = token.split('.');
    for (const secret of [password, wrongPassword, token, signature, TEST_SECRET, cookie.split(';')[0] ?? '', 'Bearer ']) {
      assert.equal(everything.includes(secret), false, `log output contains ${secret.slice(0, 20)}…`);
    }

    // Every line belongs to a request and carries its id.
    for (const line of lines) assert.match(String(line.reqId), /^[\w.:-]+$/, JSON.stringify(line));
    assert.ok(lines.some((line) => line.reqId === 'trace-login-1' && line.event === 'login.success'));

    // Request lines are compact: no header dumps.
    const completions = lines.filter((line) => line.msg === 'request completed');
    assert.equal(completions.length, 14);
    for (const line of completions) {
      for (const key of Object.keys(line.req as object)) assert.ok(['ip', 'method', 'path', 'userAgent'].includes(key), key);
      assert.deepEqual(Object.keys(line.res as object), ['statusCode']);
      assert.equal(JSON.stringify(line).includes('headers'), false);
      assert.equal(String((line.req as LogLine).path).includes('?'), false);
    }

    const events = (name: string) => lines.filter((line) => line.event === name);
    assert.deepEqual(
      events('login.success').map((line) => [line.username, line.ip]),
      [['logan', ip]],
    );
    assert.deepEqual(
      events('login.failure').map((line) => [line.username, line.ip]),
      [
        ['logan', ip],
        ['logan', ip],
      ],
    );
    // Refused before any password check, so the name as typed is not known to be an account's: hashed.
    assert.deepEqual(
      events('login.locked').map((line) => [line.username, line.ip, line.scope]),
      [[undefined, ip, 'account']],
    );
    assert.match(String(events('login.locked')[0]?.usernameHash), /^[0-9a-f]{16}$/);
    assert.deepEqual(
      events('logout').map((line) => line.username),
      ['logan'],
    );
    assert.equal(events('csrf.refused').length, 1);
    assert.equal(events('csrf.refused')[0]?.origin, 'https://evil.example');
    assert.deepEqual(
      events('token.refused').map((line) => line.username),
      ['logan', undefined],
    );
    for (const line of [...events('token.refused'), ...events('csrf.refused'), ...events('logout')])
      assert.equal(typeof line.ip, 'string');
    assert.deepEqual(
      events('register.success').map((line) => line.username),
      ['logan'],
    );
  });

  it('censors secrets even when a caller logs a whole object by mistake', () => {
    const capture = capturedLogger();
    capture.logger.info(
      { user: { password: 'p4ss-word-1' }, body: { token: 'tok-123', refreshToken: 'ref-456' }, cfg: { secret: 's3cr3t' } },
      'oops',
    );
    const line = capture.raw.join('');
    for (const secret of ['p4ss-word-1', 'tok-123', 'ref-456', 's3cr3t']) assert.equal(line.includes(secret), false, secret);
  });
});
