import { createRequire } from 'node:module';
import { contractProblems } from './contract';

/**
 * Preloaded into every test file (`node --import ./test/support/contract-preload.ts`): every response
 * a supertest request receives is checked against the OpenAPI document, and a mismatch fails the
 * request as an assertion would. The Lambda tests' `invoke` helper calls the same check.
 */

interface SupertestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text?: string;
}

type Callback = (error: Error | null, res?: SupertestResponse) => void;

interface SupertestTest {
  method: string;
  url: string;
  assert(resError: Error | null, res: SupertestResponse | undefined, fn?: Callback): void;
}

const require = createRequire(import.meta.url);
const Test = require('supertest/lib/test.js') as { prototype: SupertestTest };
const assertResponse = Test.prototype.assert;

Test.prototype.assert = function checkedAssert(this: SupertestTest, resError, res, fn) {
  assertResponse.call(this, resError, res, (error, response) => {
    if (error === null && res !== undefined) {
      const problems = contractProblems({
        method: this.method,
        path: new URL(this.url).pathname,
        status: res.status,
        headers: res.headers,
        text: res.text ?? '',
      });
      if (problems.length > 0) {
        fn?.(new Error(`The response does not match the OpenAPI document:\n  ${problems.join('\n  ')}`), response);
        return;
      }
    }
    fn?.(error, response);
  });
};
