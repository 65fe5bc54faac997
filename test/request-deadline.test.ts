import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { httpApiEvent, lambdaContext, readEventResponse } from '../harness/api-gateway-events';
import { createApp } from '../src/app';
import { createLogger } from '../src/logger';
import { createDynamoClient } from '../src/store/client';
import { AuthStore } from '../src/store/store';
import { buildTestApp, testEnv } from './support/app';
import { SLOW_ANSWER_MS, startFaultProxy } from './support/fault-proxy';
import { loadHandler } from './support/lambda-handlers';
import { useTestStore } from './support/store';

/**
 * One deadline per request (issue 13, finding 2): a store that answers every call, but slowly, must
 * not stretch a request past its deadline one call at a time. Each call here is well under the
 * per-call timeout; the calls of one sign-in together are not.
 */

const testStore = useTestStore();
const alice = { name: 'Alice', username: 'alice', password: 'a perfectly fine passphrase' };
/** How late the answer may be past the deadline: the 503 is written after the aborted call returns (on a busy machine). */
const ANSWER_SLACK_MS = 1500;

describe('a request deadline shared by every store call', () => {
  it('answers a JSON 503 with Retry-After within the deadline when the store is slow, the limiter included', async () => {
    const proxy = await startFaultProxy(testStore.endpoint);
    try {
      const deadlineMs = 1000;
      const { app, config, tableName } = await buildTestApp(testStore, {
        env: { DYNAMODB_ENDPOINT: proxy.endpoint, STORE_TIMEOUT_MS: '3000', REQUEST_DEADLINE_MS: String(deadlineMs) },
      });
      // The account is set up through the same table with the default deadline, so a busy machine cannot fail the set-up.
      const setUp = createApp({
        config: { ...config, requestDeadlineMs: 8000 },
        store: new AuthStore(createDynamoClient(config.store), tableName),
        logger: createLogger('silent'),
      });
      await request(setUp).post('/register').send(alice).expect(201);
      proxy.setMode('slow');
      for (const call of [
        () => request(app).post('/login').send(alice),
        () =>
          request(app)
            .post('/register')
            .send({ ...alice, username: 'bob' }),
      ]) {
        const started = performance.now();
        const response = await call();
        const elapsed = performance.now() - started;
        assert.equal(response.status, 503, JSON.stringify(response.body));
        assert.equal(response.body.code, 'STORE_UNAVAILABLE');
        assert.match(String(response.headers['retry-after']), /^\d+$/);
        assert.ok(elapsed < deadlineMs + ANSWER_SLACK_MS, `answered after ${elapsed.toFixed(0)} ms`);
      }
      // Each store call alone was quick enough: the deadline, not a per-call timeout, ended the request.
      assert.ok(SLOW_ANSWER_MS < 3000);
      proxy.setMode('forward');
      await request(app).post('/login').send(alice).expect(200);
    } finally {
      await proxy.close();
    }
  });

  it('takes the Lambda deadline from the invocation time left, so the answer beats the function timeout', async () => {
    const proxy = await startFaultProxy(testStore.endpoint);
    try {
      const tableName = await testStore.newTable();
      const handler = await loadHandler(
        'lambda',
        testEnv(proxy.endpoint, tableName, { STORE_TIMEOUT_MS: '3000', REQUEST_DEADLINE_MS: '60000' }),
      );
      const call = async (remainingMs: number, path: string, body: unknown) => {
        const context = { ...lambdaContext(), getRemainingTimeInMillis: () => remainingMs };
        const event = httpApiEvent({
          method: 'POST',
          path,
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        });
        return readEventResponse(await handler(event as never, context as never));
      };
      assert.equal((await call(10_000, '/register', alice)).statusCode, 201);
      proxy.setMode('slow');
      const remainingMs = 2500; // as a 10 s function would have after a slow start
      const started = performance.now();
      const response = await call(remainingMs, '/login', alice);
      const elapsed = performance.now() - started;
      assert.equal(response.statusCode, 503, JSON.stringify(response.body));
      assert.equal(response.body.code, 'STORE_UNAVAILABLE');
      assert.match(response.headers['retry-after'] ?? '', /^\d+$/);
      assert.ok(elapsed < remainingMs, `answered after ${elapsed.toFixed(0)} ms, past the function timeout`);
    } finally {
      await proxy.close();
    }
  });
});
