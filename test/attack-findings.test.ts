import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { buildTestApp } from './support/app';
import { startFaultProxy } from './support/fault-proxy';
import { capturedLogger } from './support/logs';
import { startRecordingProxy } from './support/recording-proxy';
import { useTestStore } from './support/store';

/** Findings of the attack run (issue 13) that are about logs and store keys. */

const testStore = useTestStore();
const PASSWORD = 'a perfectly fine passphrase';

describe('failed sign-ins in the security log', () => {
  it('never log a name that matches no account: a password typed into the username field stays out', async () => {
    const capture = capturedLogger();
    const { app } = await buildTestApp(testStore, { logger: capture.logger, env: { LOGIN_ACCOUNT_MAX_FAILURES: '2' } });
    await request(app).post('/register').send({ name: 'Owner', username: 'Owner', password: PASSWORD }).expect(201);

    // The user typed their password where the username goes: a valid-looking name, and one with spaces.
    const typedAsUsername = ['Hunter2-Secret', PASSWORD];
    for (const typed of typedAsUsername) {
      await request(app).post('/login').send({ username: typed, password: 'whatever' }).expect(401);
      await request(app).post('/login').send({ username: typed, password: 'whatever' }).expect(401);
      await request(app).post('/login').send({ username: typed, password: 'whatever' }).expect(429);
    }
    await request(app).post('/login').send({ username: 'OWNER', password: 'not the password' }).expect(401);

    const everything = capture.raw.join('\n');
    for (const typed of typedAsUsername) {
      assert.equal(everything.toLowerCase().includes(typed.toLowerCase()), false, `the log holds ${typed}`);
    }
    const events = capture.lines().filter((line) => line.event === 'login.failure' || line.event === 'login.locked');
    const unknown = events.filter((line) => line.username === undefined);
    assert.equal(unknown.length, 6);
    for (const line of unknown) assert.match(String(line.usernameHash), /^[0-9a-f]{16}$/);
    // Attempts on one name line up: one hash per typed name.
    assert.equal(new Set(unknown.map((line) => line.usernameHash)).size, 2);
    // A failure on a real account names it by its normalised key.
    assert.deepEqual(
      events.filter((line) => line.username !== undefined).map((line) => line.username),
      ['owner'],
    );
  });
});

describe('a store outage in the log', () => {
  it('logs the 503 as a warning, with no stack', async () => {
    const proxy = await startFaultProxy(testStore.endpoint);
    try {
      const capture = capturedLogger();
      const { app } = await buildTestApp(testStore, {
        logger: capture.logger,
        env: { DYNAMODB_ENDPOINT: proxy.endpoint, STORE_TIMEOUT_MS: '300' },
      });
      proxy.setMode('reset');
      await request(app).post('/login').send({ username: 'someone', password: PASSWORD }).expect(503);
      await request(app).post('/register').send({ name: 'X', username: 'someone', password: PASSWORD }).expect(503);
      const lines = capture.lines();
      const requestLines = lines.filter((line) => typeof line.res === 'object');
      assert.equal(requestLines.length, 2);
      for (const line of requestLines) {
        assert.equal(line.level, 'warn', JSON.stringify(line));
        assert.equal((line.res as { statusCode: number }).statusCode, 503);
      }
      for (const line of lines) {
        assert.equal(line.level === 'error', false, JSON.stringify(line));
        assert.equal(JSON.stringify(line).includes('stack'), false, JSON.stringify(line));
      }
    } finally {
      await proxy.close();
    }
  });
});

describe('/refresh with a forged user key', () => {
  it('answers 401 for a key that is over-long or not UTF-8, without asking the store', async () => {
    // dynalite takes over-long keys that real DynamoDB refuses with a ValidationException (a 500 for
    // us): so the test checks that no such key ever reaches the store.
    const recorder = await startRecordingProxy(testStore.endpoint);
    const { app } = await buildTestApp(testStore, { env: { DYNAMODB_ENDPOINT: recorder.endpoint } });
    recorder.actions.length = 0;
    try {
      const sessionId = 'A'.repeat(22);
      const secret = 'B'.repeat(43);
      const keys = [
        Buffer.alloc(1070, 0xff), // 1070 bad bytes: 3210 bytes once each became U+FFFD, past DynamoDB's 2048
        Buffer.from('\u00e9'.repeat(520)), // valid UTF-8, 1040 bytes: longer than any key a login writes
        Buffer.from([0x61, 0x62, 0xc3]), // a truncated sequence
      ];
      for (const key of keys) {
        const refreshToken = `${key.toString('base64url')}.${sessionId}.${secret}`;
        assert.ok(refreshToken.length <= 1500);
        const response = await request(app).post('/refresh').send({ refreshToken });
        assert.equal(response.status, 401, JSON.stringify(response.body));
      }
      assert.deepEqual(recorder.actions, []);
    } finally {
      await recorder.close();
    }
  });
});
