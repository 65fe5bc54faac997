import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { testEnv } from './support/app';
import { invoke, type LambdaHandler } from './support/lambda-flow';
import { loadHandler } from './support/lambda-handlers';
import { useTestStore } from './support/store';

/** In Lambda the client IP is API Gateway's sourceIp; a client-sent X-Forwarded-For changes nothing. */

const testStore = useTestStore();
let handler: LambdaHandler;
before(async () => {
  const tableName = await testStore.newTable();
  const env = testEnv(testStore.endpoint, tableName, { LOGIN_IP_MAX_FAILURES: '2', LOGIN_ACCOUNT_MAX_FAILURES: '100' });
  handler = await loadHandler('lambda', env);
});

describe('per-IP limits behind API Gateway', () => {
  for (const version of ['2.0', '1.0'] as const) {
    it(`count by sourceIp, whatever X-Forwarded-For says (payload ${version})`, async () => {
      const attacker = version === '2.0' ? '203.0.113.50' : '203.0.113.60';
      const attempt = (username: string, sourceIp: string, spoofed: string) =>
        invoke(handler, version, {
          method: 'POST',
          path: '/login',
          sourceIp,
          headers: { 'x-forwarded-for': spoofed },
          body: { username, password: 'wrong password' },
        });
      assert.equal((await attempt('victim-a', attacker, '10.0.0.1')).statusCode, 401);
      assert.equal((await attempt('victim-b', attacker, '10.0.0.2')).statusCode, 401);
      const limited = await attempt('victim-c', attacker, '10.0.0.3');
      assert.equal(limited.statusCode, 429);
      assert.equal(typeof limited.body.retryAfterSeconds, 'number');
      if (version === '2.0') assert.equal(limited.headers['retry-after'], String(limited.body.retryAfterSeconds));
      assert.equal((await attempt('victim-c', `${attacker.slice(0, -2)}99`, '10.0.0.3')).statusCode, 401);
    });
  }
});
