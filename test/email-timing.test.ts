import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { connectStore } from '../src/dependencies/store';
import { buildTestApp, type TestApp, testEnv } from './support/app';
import { type LiveServer, listen, type RawResponse } from './support/http-client';
import { capturedLogger } from './support/logs';
import { type Outbox, tempOutbox } from './support/outbox';
import { comparableHeaderNames, median, sampleInterleaved, timeResponse } from './support/response-timing';
import { useTestStore } from './support/store';

/**
 * POST /password/forgot must not tell, by its answer or its timing, whether a mail was sent: an
 * account with a verified address (a token written, a mail composed and written to the outbox) and
 * no account at all answer the same, and at the same time (PASSWORD_FORGOT_ANSWER_MS), over
 * interleaved samples as the login enumeration test takes them.
 */

const SAMPLES = 16;
const ANSWER_MS = 150;
const testStore = useTestStore();
let testApp: TestApp;
let server: LiveServer;
let outbox: Outbox;

before(async () => {
  outbox = await tempOutbox();
  testApp = await buildTestApp(testStore, {
    env: {
      DATA_DIR: outbox.dataDir,
      PUBLIC_URL: 'https://auth.example.test/',
      PASSWORD_FORGOT_ANSWER_MS: String(ANSWER_MS),
      MAIL_ACCOUNT_MAX: '1000',
      MAIL_IP_MAX: '100000',
      SECURITY_NOTICES: 'none',
    },
  });
  await request(testApp.app)
    .post('/register')
    .send({ name: 'Timed', username: 'timed', password: 'a perfectly fine passphrase', email: 'timed@example.test' })
    .expect(201);
  await request(testApp.app)
    .post('/email/verify')
    .send({ token: await outbox.tokenFor('timed@example.test', 'verify-email') })
    .expect(200);
  server = await listen(testApp.app);
});
after(async () => {
  await server.close();
});

const forgot = (body: unknown): Promise<RawResponse> =>
  server.send('POST', '/password/forgot', { 'content-type': 'application/json' }, JSON.stringify(body));

const timed = (body: unknown): Promise<number> => timeResponse(() => forgot(body), 202);

describe('account enumeration through forgot-password', () => {
  it('answers an account with a verified address and no account with the same status, body and headers', async () => {
    const known = await forgot({ email: 'timed@example.test' });
    const unknown = await forgot({ email: 'nobody@example.test' });
    assert.equal(known.status, unknown.status);
    assert.equal(known.text, unknown.text);
    assert.deepEqual(comparableHeaderNames(known), comparableHeaderNames(unknown));
  });

  it('takes the same time whether or not a mail is sent (medians within a factor of 1.5, never before the answer time)', async () => {
    const mailsBefore = (await outbox.mails()).length;
    const { knownTimes, unknownTimes } = await sampleInterleaved(
      SAMPLES,
      (sample) => timed(sample % 4 < 2 ? { email: 'timed@example.test' } : { username: 'timed' }),
      (sample) => timed(sample % 4 < 2 ? { email: `nobody-${sample}@example.test` } : { username: `nobody-${sample}` }),
    );
    assert.equal((await outbox.mails()).length - mailsBefore, SAMPLES, 'a mail for every request that named the account');
    const ratio = median(unknownTimes) / median(knownTimes);
    const summary = `no account ${median(unknownTimes).toFixed(1)} ms, mailed ${median(knownTimes).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`;
    assert.ok(ratio > 2 / 3 && ratio < 3 / 2, summary);
    assert.ok(Math.min(...knownTimes, ...unknownTimes) >= ANSWER_MS - 1, summary);
  });
});

describe('forgot-password when mailing is slow', () => {
  it('still answers at PASSWORD_FORGOT_ANSWER_MS, and the send goes on (and is logged) after the answer', async () => {
    // An SMTP server that accepts the connection and never greets: every send waits for EMAIL_TIMEOUT_MS.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const logs = capturedLogger();
    // The same table as the account verified above, served by an app that mails through that server.
    const config = await loadConfig(
      testEnv(testStore.endpoint, testApp.tableName, {
        EMAIL_TRANSPORT: 'smtp',
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        EMAIL_TIMEOUT_MS: '1500',
        PASSWORD_FORGOT_ANSWER_MS: String(ANSWER_MS),
        MAIL_ACCOUNT_MAX: '1000',
        MAIL_IP_MAX: '100000',
      }),
    );
    const { store, rateLimits } = connectStore(config.store);
    const slowApp = createApp({ config, store, rateLimits, logger: logs.logger });
    try {
      for (const body of [{ username: 'timed' }, { username: 'nobody-slow' }]) {
        const started = performance.now();
        await request(slowApp).post('/password/forgot').send(body).expect(202);
        const took = performance.now() - started;
        assert.ok(took >= ANSWER_MS - 1 && took < 1000, `answered after ${took.toFixed(0)} ms`);
      }
      assert.ok(logs.lines().some((line) => line.event === 'password.forgot_slow'));
      const deadline = Date.now() + 5000;
      while (!logs.lines().some((line) => line.event === 'password.reset_not_mailed') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(
        logs.lines().some((line) => line.event === 'password.reset_not_mailed'),
        'the send went on after the answer, and its failure is logged',
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
