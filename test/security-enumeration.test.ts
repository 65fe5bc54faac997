import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { buildTestApp, type TestApp } from './support/app';
import { type LiveServer, listen, type RawResponse } from './support/http-client';
import { comparableHeaderNames, median, sampleInterleaved, timeResponse } from './support/response-timing';
import { useTestStore } from './support/store';

/**
 * An attacker must not learn whether an account exists from the login answer or from its timing.
 * At bcrypt cost 8 a hash takes milliseconds, far above the noise of a local request, so skipping the
 * dummy-hash comparison for unknown users shows as a gap of about four times (checked by removing it);
 * the tolerance of 1.5 absorbs the noise of a busy machine.
 */

const SAMPLES = 30;
const user = { name: 'Uma', username: 'uma', password: 'a perfectly fine passphrase' };

const testStore = useTestStore();
let testApp: TestApp;
let server: LiveServer;
before(async () => {
  testApp = await buildTestApp(testStore, {
    env: { BCRYPT_COST: '8', LOGIN_ACCOUNT_MAX_FAILURES: '1000', LOGIN_IP_MAX_FAILURES: '100000' },
  });
  await request(testApp.app).post('/register').send(user).expect(201);
  server = await listen(testApp.app);
});
after(async () => {
  await server.close();
});

const login = (username: string): Promise<RawResponse> =>
  server.send(
    'POST',
    '/login',
    { 'content-type': 'application/json' },
    JSON.stringify({ username, password: 'not the password' }),
  );

const timed = (username: string): Promise<number> => timeResponse(() => login(username), 401);

describe('account enumeration through login', () => {
  it('answers an unknown user and a wrong password with the same status, body and headers', async () => {
    const known = await login('uma');
    const unknown = await login('nobody-by-that-name');
    assert.equal(known.status, unknown.status);
    assert.equal(known.text, unknown.text);
    assert.deepEqual(comparableHeaderNames(known), comparableHeaderNames(unknown));
    for (const name of comparableHeaderNames(known)) {
      if (name !== 'content-length' && name !== 'etag') assert.equal(known.headers[name], unknown.headers[name], name);
    }
  });

  it('takes the same time for both (medians within a factor of 1.5 over interleaved samples)', async () => {
    for (let warmUp = 0; warmUp < 3; warmUp += 1) {
      await timed('uma');
      await timed('nobody-warm-up');
    }
    const { knownTimes, unknownTimes } = await sampleInterleaved(
      SAMPLES,
      () => timed('uma'),
      (sample) => timed(`nobody-${sample}`),
    );
    const ratio = median(unknownTimes) / median(knownTimes);
    const summary = `unknown user ${median(unknownTimes).toFixed(2)} ms, wrong password ${median(knownTimes).toFixed(2)} ms, ratio ${ratio.toFixed(2)}`;
    assert.ok(ratio > 2 / 3 && ratio < 3 / 2, summary);
    if (process.env.SHOW_TIMINGS) console.log(summary);
  });
});
