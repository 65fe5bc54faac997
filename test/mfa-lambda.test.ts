import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { authorizerEvent } from '../harness/authorizer-events';
import type { AuthorizerHandler } from '../src/authorize';
import { productionTestEnv } from './support/app';
import { invoke, type LambdaHandler, newUserBearer, type PayloadVersion } from './support/lambda-flow';
import { loadHandler } from './support/lambda-handlers';
import { useTestStore } from './support/store';
import { totpCodeAt } from './support/totp-code';

const testStore = useTestStore();
let handler: LambdaHandler;
let authorizer: AuthorizerHandler;

before(async () => {
  const tableName = await testStore.newTable();
  const env = productionTestEnv(testStore.endpoint, tableName);
  handler = await loadHandler('lambda', env);
  authorizer = await loadHandler('authorizer', env);
});

const password = 'a perfectly fine passphrase';

/**
 * The Lambda handler runs on the real clock, so each code is computed for the instant it is sent, a
 * step further each time (one step behind, then now, then one ahead: all inside the ±1 drift window
 * and each newer than the last, so none is a replay). No sleeping.
 */
const codeFor = (secret: string, stepOffset: number): string => totpCodeAt(secret, Date.now() + stepOffset * 30_000);

describe('two-step verification through src/lambda.ts and the authorizer (production settings)', () => {
  for (const version of ['2.0', '1.0'] as PayloadVersion[]) {
    it(`enrol, sign in with password + code (amr in the token, /verify, /sessions and the authorizer), then a recovery code once (payload ${version})`, async () => {
      const call = (request: Parameters<typeof invoke>[2]) => invoke(handler, version, request);
      const { username, bearer } = await newUserBearer(call, password);

      const enrolment = await call({ method: 'POST', path: '/mfa/totp', headers: bearer, body: { password } });
      assert.equal(enrolment.statusCode, 200, JSON.stringify(enrolment.body));
      const secret = String(enrolment.body.secret);
      assert.match(String(enrolment.body.qrSvg), /^<svg/);
      const confirmed = await call({
        method: 'POST',
        path: '/mfa/totp/confirm',
        headers: bearer,
        body: { code: codeFor(secret, -1) },
      });
      assert.equal(confirmed.statusCode, 200, JSON.stringify(confirmed.body));
      const recoveryCodes = confirmed.body.recoveryCodes as string[];
      assert.equal(recoveryCodes.length, 10);

      const first = await call({ method: 'POST', path: '/login', body: { username, password } });
      assert.equal(first.statusCode, 200);
      assert.equal(first.body.mfaRequired, true);
      assert.deepEqual(first.setCookies, [], 'no cookie before the second step');
      assert.equal(first.body.response, undefined);
      const wrong = await call({
        method: 'POST',
        path: '/login/mfa',
        body: { mfaToken: first.body.mfaToken, code: '000000' === codeFor(secret, 0) ? '111111' : '000000' },
      });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.body.code, 'MFA_CODE_INVALID');
      const second = await call({
        method: 'POST',
        path: '/login/mfa',
        body: { mfaToken: first.body.mfaToken, code: codeFor(secret, 0) },
      });
      assert.equal(second.statusCode, 200, JSON.stringify(second.body));
      assert.ok(second.setCookies.some((cookie) => cookie.startsWith('auth_token=')));
      const token = String((second.body.response as { token: string }).token);
      assert.deepEqual(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).amr, ['pwd', 'otp']);
      assert.deepEqual((await call({ method: 'POST', path: '/verify', body: { token } })).body.amr, ['pwd', 'otp']);
      const sessions = await call({ method: 'GET', path: '/sessions', headers: { authorization: `Bearer ${token}` } });
      assert.ok(
        (sessions.body.sessions as { amr: string[]; current: boolean }[]).some(
          (session) => session.current && session.amr.join(' ') === 'pwd otp',
        ),
      );
      const allowed = await authorizer(authorizerEvent({ headers: { authorization: `Bearer ${token}` } }));
      assert.equal('context' in allowed ? allowed.context.amr : undefined, 'pwd otp');
      const used = await call({
        method: 'POST',
        path: '/login/mfa',
        body: { mfaToken: first.body.mfaToken, code: codeFor(secret, 1) },
      });
      assert.equal(used.body.code, 'MFA_TOKEN_INVALID');

      const withRecovery = async () => {
        const step = await call({ method: 'POST', path: '/login', body: { username, password } });
        return call({
          method: 'POST',
          path: '/login/mfa',
          body: { mfaToken: step.body.mfaToken, recoveryCode: recoveryCodes[0] },
        });
      };
      const recovered = await withRecovery();
      assert.equal(recovered.statusCode, 200, JSON.stringify(recovered.body));
      const recoveredToken = String((recovered.body.response as { token: string }).token);
      const recoveredContext = await authorizer(authorizerEvent({ headers: { authorization: `Bearer ${recoveredToken}` } }));
      assert.equal('context' in recoveredContext ? recoveredContext.context.amr : undefined, 'pwd rcode');
      assert.equal((await withRecovery()).body.code, 'MFA_CODE_INVALID', 'a recovery code works once');

      // Step-up through the handler: turning it off needs the code as well as the password.
      const off = await call({ method: 'DELETE', path: '/mfa/totp', headers: bearer, body: { password } });
      assert.equal(off.statusCode, 403);
      assert.equal(off.body.code, 'SECOND_FACTOR_REQUIRED');
      assert.equal(
        (await call({ method: 'DELETE', path: '/mfa/totp', headers: bearer, body: { password, recoveryCode: recoveryCodes[1] } }))
          .statusCode,
        200,
      );
      assert.ok((await call({ method: 'POST', path: '/login', body: { username, password } })).body.response, 'one step again');
    });
  }
});
