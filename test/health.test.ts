import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { buildTestApp } from './support/app';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy';
import { useTestStore } from './support/store';
import { injectStoreFaults } from './support/store-faults';

const testStore = useTestStore();
/** Per attempt; the client makes two, so the readiness check gives up after about 1 s. */
const STORE_TIMEOUT_MS = 400;
const BOUND_MS = 3000;

describe('GET /health and GET /health/ready', () => {
  it('liveness makes no store call; readiness makes one read', async () => {
    const testApp = await buildTestApp(testStore);
    const faults = injectStoreFaults(testApp.dynamo);
    faults.reset();
    const live = await request(testApp.app).get('/health').expect(200);
    assert.deepEqual(live.body, { status: 'ok' });
    assert.equal(live.headers['cache-control'], 'no-store');
    assert.deepEqual(faults.calls, []);

    const ready = await request(testApp.app).get('/health/ready').expect(200);
    assert.deepEqual(ready.body, { status: 'ready', store: 'ok' });
    assert.equal(ready.headers['cache-control'], 'no-store');
    assert.deepEqual(faults.calls, ['GetItemCommand']);
  });

  it('answers not ready (503 JSON with Retry-After) when the store table is missing', async () => {
    const testApp = await buildTestApp(testStore, { env: { TABLE_NAME: 'no-such-table' } });
    const response = await request(testApp.app).get('/health/ready').expect(503);
    assert.equal(response.body.code, 'STORE_UNAVAILABLE');
    assert.match(response.headers['retry-after'] ?? '', /^\d+$/);
  });

  describe('with the store down', () => {
    let proxy: FaultProxy;
    before(async () => {
      proxy = await startFaultProxy(testStore.endpoint);
    });
    after(async () => {
      await proxy.close();
    });

    for (const mode of ['reset', 'blackhole'] as const) {
      it(`stays live, answers not ready within a bounded time when the store ${mode === 'reset' ? 'refuses connections' : 'hangs'}, and ready again once it is back`, async () => {
        const testApp = await buildTestApp(testStore, {
          env: { DYNAMODB_ENDPOINT: proxy.endpoint, STORE_TIMEOUT_MS: String(STORE_TIMEOUT_MS) },
        });
        await request(testApp.app).get('/health/ready').expect(200);
        proxy.setMode(mode);
        try {
          await request(testApp.app).get('/health').expect(200);
          const started = performance.now();
          const down = await request(testApp.app).get('/health/ready');
          const elapsed = performance.now() - started;
          assert.equal(down.status, 503, JSON.stringify(down.body));
          assert.equal(down.body.code, 'STORE_UNAVAILABLE');
          assert.equal(typeof down.body.message, 'string');
          assert.match(down.headers['retry-after'] ?? '', /^\d+$/);
          assert.equal(down.headers['cache-control'], 'no-store');
          assert.ok(elapsed < BOUND_MS, `took ${elapsed.toFixed(0)} ms`);
        } finally {
          proxy.setMode('forward');
        }
        await request(testApp.app).get('/health/ready').expect(200);
      });
    }
  });
});
