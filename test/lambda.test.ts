import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEnv } from './support/app';
import { invoke, assertAuthFlowThroughHandler, type LambdaHandler } from './support/lambda-flow';
import { startTestStore, type TestStore } from './support/store';

let testStore: TestStore;
let handler: LambdaHandler;

before(async () => {
  testStore = await startTestStore();
  const tableName = await testStore.newTable();
  // The adapter reads its configuration at cold start, i.e. on import.
  Object.assign(process.env, testEnv(testStore.endpoint, tableName, { NODE_ENV: 'production', BCRYPT_COST: '10' }));
  ({ handler } = (await import('../src/lambda')) as { handler: LambdaHandler });
});
after(async () => {
  await testStore.close();
});

describe('src/lambda.ts', () => {
  for (const version of ['2.0', '1.0'] as const) {
    it(`runs register → login → verify → logout with payload ${version} events`, async () => {
      await assertAuthFlowThroughHandler(handler, version);
    });

    it(`answers unknown routes and bad bodies with JSON errors (payload ${version})`, async () => {
      const missing = await invoke(handler, version, { method: 'GET', path: '/nope' });
      assert.equal(missing.statusCode, 404);
      const malformed = await invoke(handler, version, { method: 'POST', path: '/login', body: '{"username":' });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.body.message, 'Malformed JSON body');
    });
  }
});
