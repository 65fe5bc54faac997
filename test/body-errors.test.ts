import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { bodyParserErrorCode, ERRORS } from '../src/errors';
import { buildTestApp } from './support/app';
import { capturedLogger } from './support/logs';
import { useTestStore } from './support/store';

/** Finding 1 of the attack run: a body that does not decompress answered 500 with a zlib stack in the log. */

const testStore = useTestStore();
const json = Buffer.from(
  JSON.stringify({ username: 'alice', password: 'a perfectly fine passphrase', token: 'x', refreshToken: 'y' }),
);
const garbage = Buffer.from('this is not compressed at all, not even a little bit');

/** A POST of these exact bytes (superagent would otherwise serialise a Buffer as JSON). */
const postRaw = (app: Parameters<typeof request>[0], route: string, encoding: string, body: Buffer) =>
  request(app)
    .post(route)
    .set('Content-Type', 'application/json')
    .set('Content-Encoding', encoding)
    .serialize((bytes: unknown) => bytes as string)
    .send(body);

const UNREADABLE: [string, string, Buffer][] = [
  ['gzip', 'gzip', garbage],
  ['deflate', 'deflate', garbage],
  ['br', 'br', garbage],
  ['truncated gzip', 'gzip', gzipSync(json).subarray(0, 20)],
  ['truncated deflate', 'deflate', deflateSync(json).subarray(0, 10)],
  ['truncated br', 'br', brotliCompressSync(json).subarray(0, 8)],
];

describe('undecodable compressed bodies', () => {
  it('answer 400 UNREADABLE_BODY on every JSON route, logged without an error line or a stack', async () => {
    const capture = capturedLogger();
    const { app } = await buildTestApp(testStore, { logger: capture.logger });
    for (const route of ['/login', '/register', '/verify', '/refresh', '/logout']) {
      for (const [label, encoding, body] of UNREADABLE) {
        const response = await postRaw(app, route, encoding, body);
        assert.equal(response.status, 400, `${route} ${label}: ${JSON.stringify(response.body)}`);
        assert.deepEqual(
          response.body,
          { message: 'Request body could not be read', code: 'UNREADABLE_BODY' },
          `${route} ${label}`,
        );
      }
    }
    for (const line of capture.lines()) {
      assert.notEqual(line.level, 'error', JSON.stringify(line));
      assert.equal(JSON.stringify(line).includes('stack'), false, JSON.stringify(line));
    }
    // Well-formed compressed bodies are read as before.
    const registration = Buffer.from(
      JSON.stringify({ name: 'Zip', username: 'zipped', password: 'a perfectly fine passphrase' }),
    );
    await postRaw(app, '/register', 'gzip', gzipSync(registration)).expect(201);
  });

  it('every client error status body-parser can raise has a catalogue answer of that status', () => {
    // Read the statuses and types from the installed body-parser and raw-body, so an upgrade that adds one is caught.
    const requireFrom = createRequire(import.meta.url);
    const sources = [
      ...['lib/read.js', 'lib/types/json.js', 'lib/types/urlencoded.js', 'lib/types/raw.js', 'lib/types/text.js'].map((file) =>
        path.join(path.dirname(requireFrom.resolve('body-parser/package.json')), file),
      ),
      requireFrom.resolve('raw-body'),
    ].map((file) => readFileSync(file, 'utf8'));
    const raised = sources.flatMap((source) =>
      [...source.matchAll(/createError\((\d{3}),[^)]*?(?:type: '([\w.]+)')?/gs)].map((match) => ({
        status: Number(match[1]),
        type: match[2],
      })),
    );
    const clientStatuses = new Set(raised.map(({ status }) => status).filter((status) => status < 500));
    assert.ok(clientStatuses.has(400) && clientStatuses.has(413) && clientStatuses.has(415), [...clientStatuses].join(','));
    for (const status of clientStatuses) {
      // 403 is entity.verify.failed, raised only for a `verify` option, which the app does not give.
      if (status === 403) continue;
      const code = bodyParserErrorCode({ status, expose: true });
      assert.ok(code !== undefined, `no answer for body-parser status ${status}`);
      assert.equal(ERRORS[code].status, status);
    }
    for (const { status, type } of raised) {
      if (type === undefined || status >= 500 || status === 403) continue;
      const code = bodyParserErrorCode({ status, type, expose: true });
      assert.equal(code === undefined ? undefined : ERRORS[code].status, status, type);
    }
    // Server-side misuse stays a 500.
    assert.equal(bodyParserErrorCode({ status: 500, type: 'stream.not.readable', expose: false }), undefined);
  });
});
