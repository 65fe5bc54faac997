import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import request from 'supertest';
import { buildTestApp, type TestApp } from './support/app';
import { type LiveServer, listen, type RawResponse } from './support/http-client';
import { useTestStore } from './support/store';

/**
 * Property-based fuzzing of every route with arbitrary JSON, wrong types, huge strings, unicode edge
 * cases and prototype keys. Invariants: never a 5xx, always a JSON body with a string `message`, and a
 * refused request leaves the users and sessions in the table exactly as they were. (Rate-limit
 * counters are left out of that comparison: counting a refused attempt is their job.)
 */

const RUNS = 1000;
const FUZZ_ENV = { LOGIN_ACCOUNT_MAX_FAILURES: '1000', LOGIN_IP_MAX_FAILURES: '100000', REGISTER_IP_MAX: '100000' };

const testStore = useTestStore();

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\u202eevil',
  '\ufeff',
  'ﷺ'.repeat(200),
  'İ'.repeat(200),
  'e\u0301'.repeat(300),
  '👩‍👩‍👧‍👦'.repeat(50),
  'x'.repeat(20_000),
  'a'.repeat(257),
  '__proto__',
  'constructor',
  'toString',
  'Bearer x',
  '{"$ne":null}',
  'alice',
  'ALICE',
  'a perfectly fine passphrase',
  '../../etc/passwd',
  'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.',
] as const;

const text = fc.oneof(
  { weight: 2, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
);
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), scalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'];
const FIELD_KEYS = ['name', 'username', 'password', 'token', 'refreshToken', 'currentPassword', 'newPassword'];
const key = fc.oneof(fc.constantFrom(...FIELD_KEYS, ...PROTOTYPE_KEYS), fc.string({ maxLength: 8 }));

/** JSON object text written by hand, so `__proto__` keys and duplicate keys reach the parser as sent. */
const objectText = fc
  .array(fc.tuple(key, fc.oneof(value, fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, 'isAdmin'), scalar, { maxKeys: 2 }))), {
    maxLength: 6,
  })
  .map((entries) => `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${JSON.stringify(item) ?? 'null'}`).join(',')}}`);

/** Mostly well-typed bodies (to get past the schema), then anything at all. */
const wellShaped = fc
  .record(
    { name: text, username: text, password: text, token: text, refreshToken: text, currentPassword: text, newPassword: text },
    { requiredKeys: [] },
  )
  .map((body) => JSON.stringify(body));

const bodyText = fc.oneof(
  { weight: 4, arbitrary: wellShaped },
  { weight: 3, arbitrary: objectText },
  { weight: 2, arbitrary: fc.jsonValue().map((item) => JSON.stringify(item) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }, // malformed JSON
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const oddHeaders = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/vnd.api+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ),
    authorization: fc.oneof(
      fc.string({ maxLength: 60 }).map((item) => `Bearer ${item}`),
      fc.string({ maxLength: 30 }),
    ),
    cookie: fc.oneof(
      fc.string({ maxLength: 60 }).map((item) => `auth_token=${item}`),
      fc.string({ maxLength: 30 }),
    ),
    origin: fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1', 'garbage'),
    'sec-fetch-site': fc.constantFrom('cross-site', 'same-site', 'same-origin', 'none'),
    'x-request-id': fc.string({ maxLength: 40 }),
  },
  { requiredKeys: [] },
);
/** Mostly what a well-behaved client sends, so the body reaches the route; sometimes anything. */
const headers = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ 'content-type': 'application/json' }) },
  { weight: 2, arbitrary: oddHeaders },
);

function headerSafe(all: Record<string, string>): Record<string, string> {
  // Node refuses to send header values with control or non-Latin-1 characters; a real client cannot either.
  return Object.fromEntries(Object.entries(all).filter(([, item]) => /^[\t\x20-\x7e]*$/.test(item)));
}

function assertWellFormed(response: RawResponse, label: string): void {
  assert.ok(response.status < 500, `${response.status} for ${label}: ${response.text}`);
  assert.match(String(response.headers['content-type']), /^application\/json/, label);
  const body = JSON.parse(response.text) as { message?: unknown };
  assert.equal(typeof body.message, 'string', label);
}

interface FuzzTarget {
  testApp: TestApp;
  server: LiveServer;
  token: string;
}

async function fuzzTarget(): Promise<FuzzTarget> {
  const testApp = await buildTestApp(testStore, { env: FUZZ_ENV });
  const user = { name: 'Alice', username: 'alice', password: 'a perfectly fine passphrase' };
  await request(testApp.app).post('/register').send(user).expect(201);
  const token = (await request(testApp.app).post('/login').send(user).expect(200)).body.response.token as string;
  return { testApp, server: await listen(testApp.app), token };
}

/**
 * The table's accounts and sessions, as text. Audit events are left out: a refused request records one
 * (a failed sign-in is exactly what the audit trail is for), and it changes no account or session.
 */
async function accountsAndSessions(tableName: string): Promise<string> {
  return JSON.stringify((await testStore.scan(tableName)).filter((item) => item.type !== 'event'));
}

async function fuzzRoute(method: fc.Arbitrary<string>, path: fc.Arbitrary<string>): Promise<void> {
  const target = await fuzzTarget();
  // The table's users and sessions, kept current; only a successful request may change them.
  let snapshot = await accountsAndSessions(target.testApp.tableName);
  const withRealToken = fc.oneof(
    { weight: 9, arbitrary: bodyText },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(target.token, `${target.token}x`, target.token.slice(0, -2))
        .map((token) => JSON.stringify({ token })),
    },
  );
  try {
    await fc.assert(
      fc.asyncProperty(method, path, headers, withRealToken, async (verb, url, sent, body) => {
        const hasBody = body !== undefined && verb !== 'GET' && verb !== 'HEAD';
        const response = await target.server.send(verb, url, headerSafe(sent), hasBody ? body : undefined);
        const label = `${verb} ${url} ${JSON.stringify(sent)} ${String(body).slice(0, 200)}`;
        if (verb !== 'HEAD') assertWellFormed(response, label);
        else assert.ok(response.status < 500, label);
        const now = await accountsAndSessions(target.testApp.tableName);
        if (response.status >= 400) assert.equal(now, snapshot, `a refused request changed the table: ${label}`);
        snapshot = now;
      }),
      { numRuns: RUNS },
    );
  } finally {
    await target.server.close();
  }
}

/** First path segments the app serves (the page, docs, JWKS, account and session routes); the rest is unknown. */
const ROUTE_PREFIXES = new Set([
  '',
  'docs',
  'assets',
  '.well-known',
  'openapi.json',
  'me',
  'sessions',
  'account',
  'register',
  'login',
  'verify',
  'logout',
  'refresh',
  'password',
  'logout-all',
]);

describe(`fuzzing every route (${RUNS} cases each)`, { concurrency: true }, () => {
  for (const path of ['/register', '/login', '/verify', '/logout', '/refresh', '/password', '/logout-all']) {
    it(`POST ${path}`, async () => {
      await fuzzRoute(fc.constant('POST'), fc.constant(path));
    });
  }

  it('unknown routes and methods', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        'register',
        'login',
        'verify',
        'logout',
        'sessions',
        '__proto__',
        'constructor',
        '..',
        '%2e%2e',
        '%00',
        '%ZZ',
      ),
      fc.webSegment(),
    );
    const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((segments) => `/${segments.join('/')}`);
    const method = fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'POST', 'HEAD');
    await fuzzRoute(
      method,
      path.filter((url) => !ROUTE_PREFIXES.has(url.split('/')[1] ?? '')),
    );
  });
});
