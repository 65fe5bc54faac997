import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { loadConfig } from '../src/config';
import { ERRORS } from '../src/errors';
import { buildTestApp, TEST_MFA_KEYS, type TestApp } from './support/app';
import { configErrorOf, PRODUCTION_MAIL_ENV } from './support/config';
import { capturedLogger } from './support/logs';
import { useTestStore } from './support/store';

/** Issue 15's configuration edges: cookie security by default, ALLOWED_ORIGINS, and what a CSRF refusal says. */

const testStore = useTestStore();
const noSecretStore = async (): Promise<string> => {
  throw new Error('Secrets Manager must not be called');
};
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'x'.repeat(32),
  MFA_ENCRYPTION_KEYS: TEST_MFA_KEYS,
  ...PRODUCTION_MAIL_ENV,
};

describe('COOKIE_SECURE, unset', () => {
  it('is true in production (no need to set it) and in tests, false in development (plain HTTP on 127.0.0.1)', async () => {
    assert.equal((await loadConfig(PRODUCTION, noSecretStore)).cookieSecure, true);
    assert.equal((await loadConfig({}, noSecretStore)).cookieSecure, false);
    assert.equal((await loadConfig({ NODE_ENV: 'test' }, noSecretStore)).cookieSecure, true);
  });

  it('follows an explicit value, and production still refuses false', async () => {
    assert.equal((await loadConfig({ COOKIE_SECURE: 'true' }, noSecretStore)).cookieSecure, true);
    assert.equal((await loadConfig({ NODE_ENV: 'test', COOKIE_SECURE: 'false' }, noSecretStore)).cookieSecure, false);
    assert.match(
      (await configErrorOf({ ...PRODUCTION, COOKIE_SECURE: 'false' }, noSecretStore)).message,
      /COOKIE_SECURE: cannot be false in production/,
    );
  });
});

describe('ALLOWED_ORIGINS', () => {
  it('refuses an entry that is not an origin, saying which and what to write', async () => {
    const noScheme = await configErrorOf({ ALLOWED_ORIGINS: 'https://app.example.com,localhost:5173' }, noSecretStore);
    assert.deepEqual(noScheme.problems, [
      'ALLOWED_ORIGINS: "localhost:5173" is not an origin: write each as scheme://host[:port] (http or https), with its scheme, e.g. http://localhost:5173',
    ]);
    for (const entry of [
      'app.example.com',
      'ftp://files.example.com',
      'https://app.example.com/login',
      'https://user:pw@app.example.com',
      'https://app.example.com?x=1',
      'null',
    ]) {
      const error = await configErrorOf({ ALLOWED_ORIGINS: entry }, noSecretStore);
      assert.match(error.message, /ALLOWED_ORIGINS: ".*" is not an origin/, entry);
    }
  });

  it('accepts origins as browsers send them, a trailing slash and surrounding spaces aside', async () => {
    const config = await loadConfig({ ALLOWED_ORIGINS: ' http://localhost:5173/ , https://App.Example.com:443 ' }, noSecretStore);
    assert.deepEqual(config.allowedOrigins, ['http://localhost:5173', 'https://app.example.com']);
  });
});

describe('a request refused for its origin or its content type', () => {
  let testApp: TestApp;
  const capture = capturedLogger();
  let token: string;
  before(async () => {
    testApp = await buildTestApp(testStore, { env: { ALLOWED_ORIGINS: 'https://app.example.com' }, logger: capture.logger });
    const user = { name: 'Csrf', username: 'csrf-user', password: 'a perfectly fine passphrase' };
    await request(testApp.app).post('/register').send(user).expect(201);
    token = (await request(testApp.app).post('/login').send(user).expect(200)).body.response.token;
  });

  it('tells a cookie request without a JSON type what to send, without calling it cross-site', async () => {
    // curl on the same machine, with the cookie jar and no -H content-type (the README's old AWS block).
    const response = await request(testApp.app).post('/logout').set('Cookie', `auth_token=${token}`).expect(403);
    assert.equal(response.body.code, 'CSRF_REFUSED');
    assert.match(response.body.message, /must send Content-Type: application\/json, even with no body/);
    assert.doesNotMatch(response.body.message, /cross-site/i);
    assert.doesNotMatch(ERRORS.CSRF_REFUSED.message, /cross-site/i);
    const line = capture.lines().find((entry) => entry.event === 'csrf.refused');
    assert.equal(line?.msg, 'request refused: a session cookie without Content-Type: application/json');
  });

  it('names ALLOWED_ORIGINS in the answer and the log line when the origin is the reason', async () => {
    const response = await request(testApp.app)
      .post('/verify')
      .set('Origin', 'http://localhost:5173')
      .send({ token })
      .expect(403);
    assert.match(response.body.message, /ALLOWED_ORIGINS/);
    const line = capture.lines().findLast((entry) => entry.event === 'csrf.refused');
    assert.match(String(line?.msg), /ALLOWED_ORIGINS/);
    assert.equal(line?.origin, 'http://localhost:5173');

    // A browser's preflight from that origin fails (no CORS headers); the log says why.
    await request(testApp.app)
      .options('/verify')
      .set('Origin', 'http://localhost:5173')
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    const preflight = capture.lines().find((entry) => entry.event === 'cors.refused');
    assert.match(String(preflight?.msg), /not in ALLOWED_ORIGINS/);
    assert.equal(preflight?.origin, 'http://localhost:5173');
  });
});

describe('the docs’ curl commands', () => {
  it('send content-type: application/json on every cookie request that changes something (else 403 CSRF_REFUSED)', () => {
    const root = join(import.meta.dirname, '..');
    const files = [
      'README.md',
      ...readdirSync(join(root, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .map((name) => `docs/${name}`),
    ];
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const block of text.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)) {
        const commands = (block[1] ?? '').replace(/\\\n/g, ' ').split('\n');
        const jsonVariable = /JSON=['"]?content-type: application\/json/i.test(block[1] ?? '');
        for (const command of commands.filter((line) => /\bcurl\b.*\s-b\s/.test(line) && /-X\s+(POST|DELETE)/.test(line))) {
          checked += 1;
          const sendsJson = /content-type: application\/json/i.test(command) || (jsonVariable && /-H\s+"?\$JSON/.test(command));
          assert.ok(sendsJson, `${file}: ${command.trim()}`);
        }
      }
    }
    assert.ok(checked > 0, 'the docs have cookie requests to check');
  });
});
