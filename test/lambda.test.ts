import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import serverlessExpress from '@codegenie/serverless-express';
import { buildTestApp, productionTestEnv } from './support/app';
import { assertAuthFlowThroughHandler, invoke, type LambdaHandler } from './support/lambda-flow';
import { loadHandler } from './support/lambda-handlers';
import { capturedLogger } from './support/logs';
import { useTestStore } from './support/store';

const testStore = useTestStore();
let handler: LambdaHandler;

before(async () => {
  const tableName = await testStore.newTable();
  handler = await loadHandler('lambda', productionTestEnv(testStore.endpoint, tableName));
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

describe('request logs behind serverless-express', () => {
  it('says "request completed", with the request id, for requests answered through API Gateway events', async () => {
    const capture = capturedLogger();
    const { app } = await buildTestApp(testStore, { logger: capture.logger });
    const adapted = serverlessExpress({ app });
    const viaAdapter: LambdaHandler = async (event, context) => adapted(event, context, () => undefined);
    for (const version of ['2.0', '1.0'] as const) {
      const response = await invoke(viaAdapter, version, { method: 'POST', path: '/verify', body: {} });
      assert.equal(response.statusCode, 401);
    }
    const requestLines = capture.lines().filter((line) => line.res !== undefined);
    assert.equal(requestLines.length, 2);
    for (const line of requestLines) {
      assert.equal(line.msg, 'request completed');
      assert.equal(typeof line.reqId, 'string');
    }
  });
});
