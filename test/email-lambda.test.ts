import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { type ParsedMail, simpleParser } from 'mailparser';
import { FORGOT_PASSWORD_MESSAGE } from '../src/contract/email';
import { testEnv } from './support/app';
import { PRODUCTION_MAIL_ENV } from './support/config';
import { invoke, type LambdaHandler } from './support/lambda-flow';
import { loadHandler } from './support/lambda-handlers';
import { type MotoServer, startMoto } from './support/moto';
import { addressesOf, linksIn } from './support/outbox';
import { useTestStore } from './support/store';

/**
 * The email flows through the Lambda handler as the template runs it: production settings, mail over
 * Amazon SES v2 (moto's server with the real SDK), links from PUBLIC_URL, both payload versions.
 */

const testStore = useTestStore();
let handler: LambdaHandler;
let moto: MotoServer;
const PASSWORD = 'a perfectly fine passphrase';
const NEW_PASSWORD = 'another quite fine passphrase';

before(async () => {
  moto = await startMoto();
  const admin = new SESv2Client({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await admin.send(new CreateEmailIdentityCommand({ EmailIdentity: 'auth.example.com' }));
  admin.destroy();
  const tableName = await testStore.newTable();
  handler = await loadHandler(
    'lambda',
    testEnv(testStore.endpoint, tableName, {
      NODE_ENV: 'production',
      BCRYPT_COST: '10',
      ...PRODUCTION_MAIL_ENV,
      SES_ENDPOINT: moto.endpoint,
      PASSWORD_FORGOT_ANSWER_MS: '300',
    }),
  );
});
after(async () => {
  await moto?.stop();
});

async function mailsTo(address: string): Promise<ParsedMail[]> {
  const parsed = await Promise.all((await moto.sentMessages()).map((message) => simpleParser(message.raw_data)));
  return parsed.filter((mail) => addressesOf(mail).includes(address));
}

async function tokenFor(address: string, action: string): Promise<string> {
  const link = (await mailsTo(address))
    .flatMap((mail) => linksIn(mail))
    .filter((url) => url.searchParams.get('action') === action)
    .at(-1);
  assert.ok(link, `a ${action} link to ${address}`);
  assert.equal(link.origin, 'https://auth.example.com', 'links start with PUBLIC_URL');
  return link.searchParams.get('token') ?? '';
}

describe('email through the Lambda handler (SES on moto)', () => {
  for (const version of ['2.0', '1.0'] as const) {
    it(`registers with an address, verifies it, signs in by it, forgets and resets the password (payload ${version})`, async () => {
      const username = `mail-${randomUUID().slice(0, 8)}`;
      const email = `${username}@example.org`;
      const registered = await invoke(handler, version, {
        method: 'POST',
        path: '/register',
        body: { name: 'Lambda Mail', username, password: PASSWORD, email },
      });
      assert.equal(registered.statusCode, 201);

      const verifyToken = await tokenFor(email, 'verify-email');
      const verified = await invoke(handler, version, { method: 'POST', path: '/email/verify', body: { token: verifyToken } });
      assert.equal(verified.statusCode, 200, JSON.stringify(verified.body));
      const again = await invoke(handler, version, { method: 'POST', path: '/email/verify', body: { token: verifyToken } });
      assert.equal(again.body.code, 'INVALID_TOKEN');

      const signedIn = await invoke(handler, version, { method: 'POST', path: '/login', body: { email, password: PASSWORD } });
      assert.equal(signedIn.statusCode, 200);
      const token = (signedIn.body.response as { token: string }).token;
      const me = await invoke(handler, version, { method: 'GET', path: '/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal((me.body.response as { emailVerified: boolean }).emailVerified, true);
      assert.match((await mailsTo(email)).at(-1)?.subject ?? '', /New sign-in/);

      for (const body of [{ email }, { username: `ghost-${randomUUID()}` }]) {
        const forgot = await invoke(handler, version, { method: 'POST', path: '/password/forgot', body });
        assert.equal(forgot.statusCode, 202);
        assert.deepEqual(forgot.body, { message: FORGOT_PASSWORD_MESSAGE });
      }
      const resetToken = await tokenFor(email, 'reset-password');
      const weak = await invoke(handler, version, {
        method: 'POST',
        path: '/password/reset',
        body: { token: resetToken, newPassword: 'short' },
      });
      assert.equal(weak.statusCode, 400);
      const reset = await invoke(handler, version, {
        method: 'POST',
        path: '/password/reset',
        body: { token: resetToken, newPassword: NEW_PASSWORD },
      });
      assert.equal(reset.statusCode, 200);
      const stale = await invoke(handler, version, { method: 'GET', path: '/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(stale.statusCode, 401, 'every session ended');
      assert.equal(
        (await invoke(handler, version, { method: 'POST', path: '/login', body: { username, password: PASSWORD } })).statusCode,
        401,
      );
      assert.equal(
        (await invoke(handler, version, { method: 'POST', path: '/login', body: { username, password: NEW_PASSWORD } }))
          .statusCode,
        200,
      );
      assert.ok((await mailsTo(email)).some((mail) => /was reset/.test(mail.subject ?? '')));
    });

    it(`changes the address with the password, resends, and refuses a taken address (payload ${version})`, async () => {
      const first = `first-${randomUUID().slice(0, 8)}`;
      const second = `second-${randomUUID().slice(0, 8)}`;
      const shared = `${first}@example.org`;
      for (const username of [first, second]) {
        const registered = await invoke(handler, version, {
          method: 'POST',
          path: '/register',
          body: { name: 'Lambda Mail', username, password: PASSWORD, email: shared },
        });
        assert.equal(registered.statusCode, 201);
      }
      const [firstToken, secondToken] = (await mailsTo(shared))
        .flatMap((mail) => linksIn(mail))
        .map((url) => url.searchParams.get('token') ?? '');
      assert.equal(
        (await invoke(handler, version, { method: 'POST', path: '/email/verify', body: { token: firstToken } })).statusCode,
        200,
      );
      const taken = await invoke(handler, version, { method: 'POST', path: '/email/verify', body: { token: secondToken } });
      assert.equal(taken.statusCode, 409);
      assert.equal(taken.body.code, 'EMAIL_TAKEN');

      const login = await invoke(handler, version, {
        method: 'POST',
        path: '/login',
        body: { username: second, password: PASSWORD },
      });
      const auth = { authorization: `Bearer ${(login.body.response as { token: string }).token}` };
      const next = `${second}@example.org`;
      const changed = await invoke(handler, version, {
        method: 'POST',
        path: '/email',
        headers: auth,
        body: { email: next, password: PASSWORD },
      });
      assert.equal(changed.statusCode, 202);
      const resent = await invoke(handler, version, { method: 'POST', path: '/email/verify/resend', headers: auth });
      assert.equal(resent.statusCode, 202);
      const [older, newer] = (await mailsTo(next))
        .flatMap((mail) => linksIn(mail))
        .map((url) => url.searchParams.get('token') ?? '');
      assert.equal(
        (await invoke(handler, version, { method: 'POST', path: '/email/verify', body: { token: older } })).body.code,
        'INVALID_TOKEN',
      );
      assert.equal(
        (await invoke(handler, version, { method: 'POST', path: '/email/verify', body: { token: newer } })).statusCode,
        200,
      );
    });
  }
});
