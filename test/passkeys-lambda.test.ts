import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { authorizerEvent } from '../harness/authorizer-events';
import { SoftAuthenticator } from '../harness/soft-authenticator';
import type { AuthorizerHandler } from '../src/authorize';
import { productionTestEnv } from './support/app';
import { PRODUCTION_MAIL_ENV } from './support/config';
import { invoke, type LambdaHandler, newUserBearer, type PayloadVersion } from './support/lambda-flow';
import { loadHandler } from './support/lambda-handlers';
import { useTestStore } from './support/store';

const testStore = useTestStore();
let handler: LambdaHandler;
let authorizer: AuthorizerHandler;
const ORIGIN = PRODUCTION_MAIL_ENV.PUBLIC_URL;

before(async () => {
  const tableName = await testStore.newTable();
  // Production: the relying party is PUBLIC_URL's host (auth.example.com) and its origin.
  const env = productionTestEnv(testStore.endpoint, tableName);
  handler = await loadHandler('lambda', env);
  authorizer = await loadHandler('authorizer', env);
});

const password = 'a perfectly fine passphrase';

describe('passkeys through src/lambda.ts and the authorizer', () => {
  for (const version of ['2.0', '1.0'] as PayloadVersion[]) {
    it(`add a passkey, sign in with it (amr in /verify and the authorizer context), remove it (payload ${version})`, async () => {
      const call = (request: Parameters<typeof invoke>[2]) => invoke(handler, version, request);
      const { bearer } = await newUserBearer(call, password);

      const creation = await call({ method: 'POST', path: '/passkeys/register/options', headers: bearer });
      assert.equal(creation.statusCode, 200, JSON.stringify(creation.body));
      const options = creation.body as unknown as PublicKeyCredentialCreationOptionsJSON;
      assert.equal(options.rp.id, 'auth.example.com');
      const authenticator = new SoftAuthenticator();
      const added = await call({
        method: 'POST',
        path: '/passkeys/register',
        headers: bearer,
        body: { credential: authenticator.create(options, ORIGIN), name: 'Phone' },
      });
      assert.equal(added.statusCode, 201, JSON.stringify(added.body));
      const passkeyId = String((added.body.passkey as { id: string }).id);

      const signIn = async () => {
        const request = await call({ method: 'POST', path: '/passkeys/login/options' });
        assert.equal(request.statusCode, 200);
        const credential = authenticator.get(request.body as unknown as PublicKeyCredentialRequestOptionsJSON, ORIGIN);
        return call({ method: 'POST', path: '/passkeys/login', body: { credential } });
      };
      const passkeyLogin = await signIn();
      assert.equal(passkeyLogin.statusCode, 200, JSON.stringify(passkeyLogin.body));
      assert.ok(passkeyLogin.setCookies.some((cookie) => cookie.startsWith('auth_token=')));
      const token = String((passkeyLogin.body.response as { token: string }).token);
      const verified = await call({ method: 'POST', path: '/verify', body: { token } });
      assert.deepEqual(verified.body.amr, ['hwk', 'user']);
      const allowed = await authorizer(authorizerEvent({ headers: { authorization: `Bearer ${token}` } }));
      assert.equal(allowed.isAuthorized, true);
      assert.equal('context' in allowed ? allowed.context.amr : undefined, 'hwk user');

      const removed = await call({
        method: 'DELETE',
        path: `/passkeys/${encodeURIComponent(passkeyId)}`,
        headers: bearer,
        body: { password },
      });
      assert.equal(removed.statusCode, 200, JSON.stringify(removed.body));
      const refused = await signIn();
      assert.equal(refused.statusCode, 401);
      assert.equal(refused.body.code, 'PASSKEY_REFUSED');
    });
  }

  it('a passkey made for another origin is refused in production', async () => {
    const { bearer } = await newUserBearer((request) => invoke(handler, '2.0', request), password);
    const creation = await invoke(handler, '2.0', { method: 'POST', path: '/passkeys/register/options', headers: bearer });
    const credential = new SoftAuthenticator().create(
      creation.body as unknown as PublicKeyCredentialCreationOptionsJSON,
      'https://auth.example.org',
    );
    const refused = await invoke(handler, '2.0', {
      method: 'POST',
      path: '/passkeys/register',
      headers: bearer,
      body: { credential },
    });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.body.code, 'PASSKEY_NOT_REGISTERED');
  });
});
