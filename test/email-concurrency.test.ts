import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { buildTestApp, type TestApp } from './support/app';
import { type LiveServer, listen } from './support/http-client';
import { type Outbox, tempOutbox } from './support/outbox';
import { useTestStore } from './support/store';

/**
 * The email rules that must hold under concurrency, each the condition of one single-item write
 * (no transactions): requests race on a real socket, in parallel.
 */

const testStore = useTestStore();
const PASSWORD = 'a perfectly fine passphrase';
const json = { 'content-type': 'application/json' };
let testApp: TestApp;
let server: LiveServer;
let outbox: Outbox;

before(async () => {
  outbox = await tempOutbox();
  testApp = await buildTestApp(testStore, {
    env: {
      DATA_DIR: outbox.dataDir,
      PUBLIC_URL: 'https://auth.example.test/',
      PASSWORD_FORGOT_ANSWER_MS: '0',
      MAIL_ACCOUNT_MAX: '100',
      SECURITY_NOTICES: 'none',
    },
  });
  server = await listen(testApp.app);
});
after(async () => {
  await server.close();
});

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await server.send('POST', path, { ...json, ...headers }, JSON.stringify(body));
  return { status: response.status, body: JSON.parse(response.text) as Record<string, unknown> };
};

async function verifiedAccount(username: string): Promise<string> {
  const email = `${username}@example.test`;
  await request(testApp.app).post('/register').send({ name: 'Racer', username, password: PASSWORD, email }).expect(201);
  await request(testApp.app)
    .post('/email/verify')
    .send({ token: await outbox.tokenFor(email, 'verify-email') })
    .expect(200);
  return email;
}

async function resetToken(username: string, email: string): Promise<string> {
  await request(testApp.app).post('/password/forgot').send({ username }).expect(202);
  return outbox.tokenFor(email, 'reset-password');
}

describe('email concurrency', () => {
  it('two (and more) resets racing with one token: exactly one wins, and only its password works', async () => {
    const email = await verifiedAccount('reset-racer');
    const token = await resetToken('reset-racer', email);
    const passwords = Array.from({ length: 6 }, (_, index) => `racing passphrase number ${index}`);
    const results = await Promise.all(passwords.map((newPassword) => post('/password/reset', { token, newPassword })));
    const winners = results.filter((result) => result.status === 200);
    assert.equal(winners.length, 1, JSON.stringify(results.map((result) => result.status)));
    for (const loser of results.filter((result) => result.status !== 200)) {
      assert.equal(loser.status, 400);
      assert.equal(loser.body.code, 'INVALID_TOKEN');
    }
    const logins = await Promise.all(passwords.map((password) => post('/login', { username: 'reset-racer', password })));
    assert.equal(logins.filter((login) => login.status === 200).length, 1);
    assert.equal(
      logins.findIndex((login) => login.status === 200),
      results.findIndex((result) => result.status === 200),
    );
  });

  it('a reset racing a login with the old password: no session from the old password survives', async () => {
    const email = await verifiedAccount('login-racer');
    for (let round = 0; round < 5; round += 1) {
      const oldPassword = round === 0 ? PASSWORD : `round ${round - 1} passphrase`;
      const token = await resetToken('login-racer', email);
      const [login, reset] = await Promise.all([
        post('/login', { username: 'login-racer', password: oldPassword }),
        post('/password/reset', { token, newPassword: `round ${round} passphrase` }),
      ]);
      assert.equal(reset.status, 200);
      if (login.status === 200) {
        const sessionToken = (login.body.response as { token: string }).token;
        const me = await server.send('GET', '/me', { authorization: `Bearer ${sessionToken}` });
        assert.equal(me.status, 401, `round ${round}: the login read the old stamp, so its session is born dead`);
      } else {
        assert.equal(login.status, 401);
      }
    }
  });

  it('accounts verifying the same address at once: exactly one gets it, the others 409 EMAIL_TAKEN', async () => {
    const email = 'contested@example.test';
    const usernames = Array.from({ length: 5 }, (_, index) => `contender-${index}`);
    for (const username of usernames) {
      await request(testApp.app).post('/register').send({ name: 'Contender', username, password: PASSWORD, email }).expect(201);
    }
    const tokens = (await outbox.mailsTo(email)).map(
      (mail) => new URL(/https?:\/\/\S+/.exec(mail.text ?? '')?.[0] ?? '').searchParams.get('token') ?? '',
    );
    assert.equal(tokens.length, usernames.length);
    const results = await Promise.all(tokens.map((token) => post('/email/verify', { token })));
    assert.equal(
      results.filter((result) => result.status === 200).length,
      1,
      JSON.stringify(results.map((result) => result.status)),
    );
    for (const loser of results.filter((result) => result.status !== 200)) {
      assert.equal(loser.status, 409);
      assert.equal(loser.body.code, 'EMAIL_TAKEN');
    }
    const logins = await Promise.all(usernames.map(() => post('/login', { email, password: PASSWORD })));
    const signedInAs = new Set(logins.map((login) => (login.body.response as { username?: string } | undefined)?.username));
    assert.equal(signedInAs.size, 1, 'the address signs in to one account');
  });

  it('the same verification link clicked twice at once: one verifies, the claim stays', async () => {
    const username = 'double-click';
    const email = `${username}@example.test`;
    await request(testApp.app).post('/register').send({ name: 'Clicker', username, password: PASSWORD, email }).expect(201);
    const token = await outbox.tokenFor(email, 'verify-email');
    const results = await Promise.all([post('/email/verify', { token }), post('/email/verify', { token })]);
    assert.deepEqual(results.map((result) => result.status).sort(), [200, 400]);
    assert.equal((await post('/login', { email, password: PASSWORD })).status, 200);
  });
});
