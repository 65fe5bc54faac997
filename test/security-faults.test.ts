import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import request from 'supertest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { connectStore } from '../src/dependencies/store';
import { createLogger } from '../src/logger';
import { createDynamoClient } from '../src/store/client';
import { ensureTable } from '../src/store/local';
import { buildTestApp, testEnv } from './support/app';
import { type DynaliteProcess, spawnDynalite } from './support/dynalite-process';
import { type FaultMode, type FaultProxy, startFaultProxy } from './support/fault-proxy';
import { useTestStore } from './support/store';

/** Per attempt; the client makes two, so a request waits on the store for about 1 s at most. */
const STORE_TIMEOUT_MS = 400;
const BOUND_MS = 3000;

async function timedCall<T extends { status: number }>(call: () => Promise<T>): Promise<T & { elapsedMs: number }> {
  const started = performance.now();
  const response = await call();
  return Object.assign(response, { elapsedMs: performance.now() - started });
}

function assertUnavailable(
  response: { status: number; body: { message?: unknown; code?: unknown }; headers: Record<string, string>; elapsedMs: number },
  label: string,
): void {
  assert.equal(response.status, 503, `${label}: ${JSON.stringify(response.body)}`);
  assert.equal(response.body.code, 'STORE_UNAVAILABLE', label);
  assert.equal(typeof response.body.message, 'string', label);
  assert.match(response.headers['retry-after'] ?? '', /^\d+$/, label);
  assert.ok(response.elapsedMs < BOUND_MS, `${label} took ${response.elapsedMs.toFixed(0)} ms`);
}

describe('store outage behind a faulty network', () => {
  const testStore = useTestStore();
  let proxy: FaultProxy;
  before(async () => {
    proxy = await startFaultProxy(testStore.endpoint);
  });
  after(async () => {
    await proxy.close();
  });

  for (const mode of ['reset', 'blackhole'] as FaultMode[]) {
    it(`answers 503 with Retry-After within a bounded time when the store ${mode === 'reset' ? 'refuses connections' : 'hangs'}, then recovers by itself`, async () => {
      const testApp = await buildTestApp(testStore, {
        env: { DYNAMODB_ENDPOINT: proxy.endpoint, STORE_TIMEOUT_MS: String(STORE_TIMEOUT_MS) },
      });
      const alice = { name: 'Alice', username: 'alice', password: 'a perfectly fine passphrase' };
      await request(testApp.app).post('/register').send(alice).expect(201);
      const token = (await request(testApp.app).post('/login').send(alice).expect(200)).body.response.token as string;
      const before = await testStore.scan(testApp.tableName);

      proxy.setMode(mode);
      const calls = {
        register: () =>
          request(testApp.app)
            .post('/register')
            .send({ ...alice, username: 'bob' }),
        login: () => request(testApp.app).post('/login').send(alice),
        verify: () => request(testApp.app).post('/verify').send({ token }),
        logout: () => request(testApp.app).post('/logout').send({ token }),
      };
      const outcomes = await Promise.all(
        Object.entries(calls).map(async ([name, call]) => ({ name, response: await timedCall(call) })),
      );
      for (const { name, response } of outcomes) assertUnavailable(response, `${mode} ${name}`);

      proxy.setMode('forward');
      assert.deepEqual(await testStore.scan(testApp.tableName), before, 'nothing was half-written');
      await request(testApp.app).post('/verify').send({ token }).expect(200);
      await request(testApp.app)
        .post('/register')
        .send({ ...alice, username: 'bob' })
        .expect(201);
      await request(testApp.app).post('/login').send(alice).expect(200);
      await request(testApp.app).post('/logout').send({ token }).expect(200);
    });
  }
});

describe('store process killed mid-run and restarted on the same data', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'auth-fault-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged registration, writes nothing by halves, and recovers without a restart of the app', async () => {
    let store: DynaliteProcess = await spawnDynalite(dataDir);
    const tableName = 'auth-faults';
    const config = await loadConfig(
      testEnv(store.endpoint, tableName, { STORE_TIMEOUT_MS: String(STORE_TIMEOUT_MS), REGISTER_IP_MAX: '1000' }),
    );
    const { dynamo, store: authStore, rateLimits } = connectStore(config.store);
    // The test's own set-up and read-back use a patient client: only the app's calls run on the short timeout.
    const inspector = createDynamoClient({ endpoint: store.endpoint, region: config.store.region, timeoutMs: 10_000 });
    try {
      await ensureTable(inspector, tableName);
      const app = createApp({ config, store: authStore, rateLimits, logger: createLogger('silent') });

      const acknowledged: string[] = [];
      const unavailable: string[] = [];
      let killed = false;
      const password = (username: string) => `passphrase ${Buffer.from(username).toString('hex')}`;
      const register = async (username: string) => {
        const response = await timedCall(() =>
          request(app)
            .post('/register')
            .send({ name: username, username, password: password(username) }),
        );
        if (response.status === 201) acknowledged.push(username);
        else {
          assertUnavailable(response, username);
          unavailable.push(username);
        }
      };

      // Four writers in parallel; the store process is killed (SIGKILL) once ten registrations are acknowledged,
      // while other registrations are in flight.
      let next = 0;
      const writer = async () => {
        while (next < 60 && !(killed && unavailable.length >= 8)) {
          await register(`user${String(next++).padStart(3, '0')}`);
          if (acknowledged.length >= 10 && !killed) {
            killed = true;
            await store.kill();
          }
        }
      };
      await Promise.all([writer(), writer(), writer(), writer()]);
      assert.ok(
        acknowledged.length >= 10 && unavailable.length >= 8,
        `${acknowledged.length} acknowledged, ${unavailable.length} refused`,
      );

      store = await spawnDynalite(dataDir, store.port);
      // The same app and client, untouched: it recovers by itself.
      for (const username of acknowledged) {
        await request(app)
          .post('/login')
          .send({ username, password: password(username) })
          .expect(200);
      }
      for (const username of unavailable) {
        // A 503 may have lost only the answer: the user then exists whole, otherwise not at all.
        const response = await request(app)
          .post('/login')
          .send({ username, password: password(username) });
        assert.ok([200, 401].includes(response.status), `${username}: ${response.status}`);
      }
      await register('after-restart');
      assert.ok(acknowledged.includes('after-restart'));

      const { Items = [] } = await DynamoDBDocumentClient.from(inspector).send(
        new ScanCommand({ TableName: tableName, ConsistentRead: true }),
      );
      const profiles = Items.filter((item) => item.sk === 'PROFILE');
      assert.ok(profiles.length >= acknowledged.length);
      for (const profile of profiles) {
        assert.equal(typeof profile.username, 'string');
        assert.equal(profile.userKey, profile.username);
        assert.equal(profile.name, profile.username);
        assert.match(String(profile.passwordHash), /^\$2b\$04\$.{53}$/);
        assert.equal(typeof profile.createdAt, 'number');
      }
    } finally {
      dynamo.destroy();
      inspector.destroy();
      await store.kill();
    }
  });
});
