import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { SoftAuthenticator } from '../harness/soft-authenticator';
import { buildTestApp, ManualClock, type TestApp } from './support/app';
import { capturedLogger } from './support/logs';
import { useTestStore } from './support/store';
import { totpCodeAt } from './support/totp-code';

const testStore = useTestStore();
const alice = { name: 'Alice Liddell', username: 'alice', password: 'rabbit-hole-2024' };
const credentials = { username: alice.username, password: alice.password };

/** Mid-step, so a step earlier or later is unambiguous. */
const START = Date.UTC(2026, 2, 1, 9, 0, 15);
const STEP_MS = 30_000;

const tokenPayload = (token: string): { amr: string[] } =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());

interface Enrolled {
  testApp: TestApp;
  app: TestApp['app'];
  clock: ManualClock;
  /** An access token of the session that enrolled. */
  token: string;
  secret: string;
  recoveryCodes: string[];
  /** The code of the next 30 s step: the clock moves on first, so it was never used. */
  freshCode(): string;
}

async function signedUp(env: Record<string, string> = {}, logger?: ReturnType<typeof capturedLogger>['logger']) {
  const clock = new ManualClock(START);
  const testApp = await buildTestApp(testStore, { env, clock, ...(logger ? { logger } : {}) });
  await request(testApp.app).post('/register').send(alice).expect(201);
  const login = await request(testApp.app).post('/login').send(credentials).expect(200);
  return { testApp, clock, token: String(login.body.response.token) };
}

/** Starts enrolling an app with the password (TOTP still off): the answer, with the secret. */
const startEnrolment = (testApp: TestApp, token: string) =>
  request(testApp.app).post('/mfa/totp').auth(token, { type: 'bearer' }).send({ password: alice.password }).expect(200);

async function enrolled(
  env: Record<string, string> = {},
  logger?: ReturnType<typeof capturedLogger>['logger'],
): Promise<Enrolled> {
  const { testApp, clock, token } = await signedUp(env, logger);
  const enrolment = await startEnrolment(testApp, token);
  const secret = String(enrolment.body.secret);
  const confirmed = await request(testApp.app)
    .post('/mfa/totp/confirm')
    .auth(token, { type: 'bearer' })
    .send({ code: totpCodeAt(secret, clock.now()) })
    .expect(200);
  return {
    testApp,
    app: testApp.app,
    clock,
    token,
    secret,
    recoveryCodes: confirmed.body.recoveryCodes,
    freshCode() {
      clock.advance(STEP_MS);
      return totpCodeAt(secret, clock.now());
    },
  };
}

async function firstStep(app: TestApp['app']): Promise<string> {
  const answer = await request(app).post('/login').send(credentials).expect(200);
  assert.equal(answer.body.mfaRequired, true, JSON.stringify(answer.body));
  return String(answer.body.mfaToken);
}

describe('enrolling TOTP', () => {
  it('needs a session and the password; answers the secret, an otpauth URI and a QR code made here', async () => {
    const { testApp, token } = await signedUp();
    assert.equal((await request(testApp.app).post('/mfa/totp').send({ password: alice.password })).status, 401);
    const wrong = await request(testApp.app)
      .post('/mfa/totp')
      .auth(token, { type: 'bearer' })
      .send({ password: 'not the password' });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.code, 'WRONG_PASSWORD');
    const missing = await request(testApp.app).post('/mfa/totp').auth(token, { type: 'bearer' }).send({});
    assert.equal(missing.status, 400);
    assert.equal(missing.body.field, 'password');

    const enrolment = await startEnrolment(testApp, token);
    assert.match(enrolment.body.secret, /^[A-Z2-7]{32}$/);
    const uri = new URL(enrolment.body.otpauthUri);
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.searchParams.get('secret'), enrolment.body.secret);
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
    assert.match(enrolment.body.qrSvg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal(enrolment.headers['cache-control'], 'no-store');
    const status = await request(testApp.app).get('/mfa').auth(token, { type: 'bearer' }).expect(200);
    assert.deepEqual(status.body, { totp: { enabled: false, recoveryCodesLeft: 0 } }, 'not on until confirmed');
  });

  it('turns on with a right code and shows 10 recovery codes once; a wrong code or a second confirmation is refused', async () => {
    const { testApp, clock, token } = await signedUp();
    const enrolment = await startEnrolment(testApp, token);
    const confirm = (code: string) =>
      request(testApp.app).post('/mfa/totp/confirm').auth(token, { type: 'bearer' }).send({ code });
    const right = totpCodeAt(enrolment.body.secret, clock.now());
    const wrong = await confirm(right === '000000' ? '111111' : '000000');
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 'TOTP_NOT_CONFIRMED');
    const malformed = await confirm('12345');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.code, 'VALIDATION_FAILED');

    const confirmed = await confirm(right);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.recoveryCodes.length, 10);
    assert.equal(new Set(confirmed.body.recoveryCodes).size, 10);
    for (const code of confirmed.body.recoveryCodes) assert.match(code, /^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
    assert.equal(
      (await confirm(totpCodeAt(enrolment.body.secret, clock.now() + STEP_MS))).body.code,
      'TOTP_NOT_CONFIRMED',
      'the enrolment is used',
    );
    const status = await request(testApp.app).get('/mfa').auth(token, { type: 'bearer' }).expect(200);
    assert.deepEqual(status.body, { totp: { enabled: true, recoveryCodesLeft: 10 } });
  });

  it('an enrolment expires after 10 minutes', async () => {
    const { testApp, clock, token } = await signedUp();
    const enrolment = await startEnrolment(testApp, token);
    clock.advance(10 * 60 * 1000);
    const late = await request(testApp.app)
      .post('/mfa/totp/confirm')
      .auth(token, { type: 'bearer' })
      .send({ code: totpCodeAt(enrolment.body.secret, clock.now()) });
    assert.equal(late.body.code, 'TOTP_NOT_CONFIRMED');
  });
});

describe('signing in with a second factor', () => {
  it('the password answers an mfaToken with no cookie and no token; the code completes it as /login does (amr pwd+otp)', async () => {
    const mfa = await enrolled();
    const first = await request(mfa.app).post('/login').send(credentials).expect(200);
    assert.deepEqual(Object.keys(first.body).sort(), ['expiresAt', 'methods', 'mfaRequired', 'mfaToken']);
    assert.deepEqual(first.body.methods, ['totp', 'recovery_code']);
    assert.equal(first.headers['set-cookie'], undefined, 'no session cookie, no device cookie');
    assert.equal(first.body.expiresAt, Math.floor(mfa.clock.now() / 1000) + 300);

    const second = await request(mfa.app).post('/login/mfa').send({ mfaToken: first.body.mfaToken, code: mfa.freshCode() });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.equal(second.body.message, 'User logged in successfully');
    assert.equal(second.body.response.username, alice.username);
    const cookies = second.headers['set-cookie'] as unknown as string[];
    for (const name of ['auth_token=', 'refresh_token=', 'auth_device='])
      assert.ok(
        cookies.some((cookie) => cookie.startsWith(name)),
        name,
      );
    const token = String(second.body.response.token);
    assert.deepEqual(tokenPayload(token).amr, ['pwd', 'otp']);
    const verified = await request(mfa.app).post('/verify').send({ token }).expect(200);
    assert.deepEqual(verified.body.amr, ['pwd', 'otp']);
    const sessions = await request(mfa.app).get('/sessions').auth(token, { type: 'bearer' }).expect(200);
    assert.deepEqual(
      sessions.body.sessions.map((session: { amr: string[] }) => session.amr).sort(),
      [['pwd'], ['pwd', 'otp']].sort(),
    );

    const again = await request(mfa.app).post('/login/mfa').send({ mfaToken: first.body.mfaToken, code: mfa.freshCode() });
    assert.equal(again.status, 401);
    assert.equal(again.body.code, 'MFA_TOKEN_INVALID', 'single-use');
  });

  it('a wrong password is still 401 INVALID_CREDENTIALS, with no token', async () => {
    const mfa = await enrolled();
    const wrong = await request(mfa.app)
      .post('/login')
      .send({ ...credentials, password: 'not the password' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.code, 'INVALID_CREDENTIALS');
  });

  it('a recovery code signs in once (amr pwd+rcode); a code accepted once is refused again', async () => {
    const mfa = await enrolled();
    const [recoveryCode = ''] = mfa.recoveryCodes;
    const withRecovery = await request(mfa.app)
      .post('/login/mfa')
      .send({ mfaToken: await firstStep(mfa.app), recoveryCode: recoveryCode.toUpperCase() });
    assert.equal(withRecovery.status, 200, JSON.stringify(withRecovery.body));
    assert.deepEqual(tokenPayload(withRecovery.body.response.token).amr, ['pwd', 'rcode']);
    const status = await request(mfa.app).get('/mfa').auth(mfa.token, { type: 'bearer' }).expect(200);
    assert.equal(status.body.totp.recoveryCodesLeft, 9);
    const reused = await request(mfa.app)
      .post('/login/mfa')
      .send({ mfaToken: await firstStep(mfa.app), recoveryCode });
    assert.equal(reused.status, 401);
    assert.equal(reused.body.code, 'MFA_CODE_INVALID');

    const code = mfa.freshCode();
    assert.equal(
      (
        await request(mfa.app)
          .post('/login/mfa')
          .send({ mfaToken: await firstStep(mfa.app), code })
      ).status,
      200,
    );
    const replayed = await request(mfa.app)
      .post('/login/mfa')
      .send({ mfaToken: await firstStep(mfa.app), code });
    assert.equal(replayed.status, 401);
    assert.equal(replayed.body.code, 'MFA_CODE_INVALID', 'no replay');
  });

  it('accepts one step of drift either way, not two', async () => {
    const mfa = await enrolled();
    mfa.clock.advance(2 * STEP_MS); // so the step before now is newer than the one confirmed
    const at = (offset: number) => totpCodeAt(mfa.secret, mfa.clock.now() + offset * STEP_MS);
    const tryCode = async (code: string) =>
      (
        await request(mfa.app)
          .post('/login/mfa')
          .send({ mfaToken: await firstStep(mfa.app), code })
      ).status;
    assert.equal(await tryCode(at(-2)), 401);
    assert.equal(await tryCode(at(-1)), 200);
    assert.equal(await tryCode(at(2)), 401);
    assert.equal(await tryCode(at(1)), 200);
  });

  it('the mfaToken lasts 5 minutes', async () => {
    const mfa = await enrolled();
    const mfaToken = await firstStep(mfa.app);
    mfa.clock.advance(5 * 60 * 1000);
    const late = await request(mfa.app)
      .post('/login/mfa')
      .send({ mfaToken, code: totpCodeAt(mfa.secret, mfa.clock.now()) });
    assert.equal(late.status, 401);
    assert.equal(late.body.code, 'MFA_TOKEN_INVALID');
  });

  it('allows 5 tries per mfaToken, then the token is dead even for the right code', async () => {
    const mfa = await enrolled({ MFA_ACCOUNT_MAX_FAILURES: '100' });
    const mfaToken = await firstStep(mfa.app);
    const right = mfa.freshCode();
    const wrong = right === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const refused = await request(mfa.app).post('/login/mfa').send({ mfaToken, code: wrong });
      assert.equal(refused.status, 401);
      assert.equal(refused.body.code, 'MFA_CODE_INVALID');
    }
    const dead = await request(mfa.app).post('/login/mfa').send({ mfaToken, code: right });
    assert.equal(dead.status, 401);
    assert.equal(dead.body.code, 'MFA_TOKEN_INVALID');
    // A new sign-in is a new token, with the code still unused.
    assert.equal(
      (
        await request(mfa.app)
          .post('/login/mfa')
          .send({ mfaToken: await firstStep(mfa.app), code: right })
      ).status,
      200,
    );
  });

  it('counts wrong codes per account across tokens: past the limit 429 with Retry-After, even for the right code', async () => {
    const { logger, lines } = capturedLogger();
    const mfa = await enrolled({ MFA_ACCOUNT_MAX_FAILURES: '3' }, logger);
    const right = mfa.freshCode();
    const wrong = right === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      assert.equal(
        (
          await request(mfa.app)
            .post('/login/mfa')
            .send({ mfaToken: await firstStep(mfa.app), code: wrong })
        ).body.code,
        'MFA_CODE_INVALID',
      );
    }
    const locked = await request(mfa.app)
      .post('/login/mfa')
      .send({ mfaToken: await firstStep(mfa.app), code: right });
    assert.equal(locked.status, 429);
    assert.equal(locked.body.code, 'TOO_MANY_ATTEMPTS');
    assert.match(String(locked.headers['retry-after']), /^\d+$/);
    assert.ok(lines().some((line) => line.event === 'second-factor.failure' && line.username === 'alice'));
    assert.ok(lines().some((line) => line.event === 'second-factor.locked'));
    assert.ok(!lines().some((line) => JSON.stringify(line).includes(wrong)), 'codes are never logged');
    // The window slides on: later, the right code works.
    mfa.clock.advance(30 * 60 * 1000);
    assert.equal(
      (
        await request(mfa.app)
          .post('/login/mfa')
          .send({ mfaToken: await firstStep(mfa.app), code: totpCodeAt(mfa.secret, mfa.clock.now()) })
      ).status,
      200,
    );
  });

  it('the mfaToken is bound to its sign-in: a password change since ends it', async () => {
    const mfa = await enrolled();
    const mfaToken = await firstStep(mfa.app);
    await request(mfa.app)
      .post('/password')
      .auth(mfa.token, { type: 'bearer' })
      .send({ currentPassword: alice.password, newPassword: 'a new and longer passphrase', code: mfa.freshCode() })
      .expect(200);
    const stale = await request(mfa.app).post('/login/mfa').send({ mfaToken, code: mfa.freshCode() });
    assert.equal(stale.status, 401);
    assert.equal(stale.body.code, 'MFA_TOKEN_INVALID');
    const unknown = await request(mfa.app)
      .post('/login/mfa')
      .send({ mfaToken: 'x'.repeat(43), code: '123456' });
    assert.equal(unknown.body.code, 'MFA_TOKEN_INVALID');
  });

  it('refuses a body without exactly one of code and recoveryCode, or a malformed code', async () => {
    const mfa = await enrolled();
    const mfaToken = await firstStep(mfa.app);
    for (const body of [
      { mfaToken },
      { mfaToken, code: '123456', recoveryCode: 'abcd' },
      { mfaToken, code: '12345a' },
      { code: '123456' },
      { mfaToken: 7, code: '123456' },
    ]) {
      const refused = await request(mfa.app).post('/login/mfa').send(body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(refused.body.code, 'VALIDATION_FAILED');
    }
    assert.equal(
      (await request(mfa.app).post('/login/mfa').send({ mfaToken, code: mfa.freshCode() })).status,
      200,
      'validation used no try',
    );
  });

  it('a passkey sign-in asks for no second factor', async () => {
    const mfa = await enrolled();
    const origin = mfa.testApp.config.webauthn?.origins[0] ?? '';
    const authenticator = new SoftAuthenticator();
    const creation = await request(mfa.app).post('/passkeys/register/options').auth(mfa.token, { type: 'bearer' }).expect(200);
    await request(mfa.app)
      .post('/passkeys/register')
      .auth(mfa.token, { type: 'bearer' })
      .send({ credential: authenticator.create(creation.body, origin) })
      .expect(201);
    const options = await request(mfa.app).post('/passkeys/login/options').expect(200);
    const login = await request(mfa.app)
      .post('/passkeys/login')
      .send({ credential: authenticator.get(options.body, origin) });
    assert.equal(login.status, 200);
    assert.deepEqual(tokenPayload(login.body.response.token).amr, ['hwk', 'user']);
  });
});

describe('races', () => {
  it('two second steps with one mfaToken: exactly one signs in', async () => {
    const mfa = await enrolled();
    for (let round = 0; round < 3; round += 1) {
      const mfaToken = await firstStep(mfa.app);
      const answers = await Promise.all([
        request(mfa.app).post('/login/mfa').send({ mfaToken, code: mfa.freshCode() }),
        request(mfa.app).post('/login/mfa').send({ mfaToken, recoveryCode: mfa.recoveryCodes[round] }),
      ]);
      assert.deepEqual(
        answers.map((answer) => answer.status).sort(),
        [200, 401],
        JSON.stringify(answers.map((answer) => answer.body)),
      );
    }
  });

  it('one accepted code presented in parallel with two mfaTokens: exactly one signs in', async () => {
    const mfa = await enrolled();
    for (let round = 0; round < 3; round += 1) {
      const tokens = await Promise.all([firstStep(mfa.app), firstStep(mfa.app), firstStep(mfa.app)]);
      const code = mfa.freshCode();
      const answers = await Promise.all(tokens.map((mfaToken) => request(mfa.app).post('/login/mfa').send({ mfaToken, code })));
      const statuses = answers.map((answer) => answer.status);
      assert.equal(statuses.filter((status) => status === 200).length, 1, JSON.stringify(statuses));
      assert.ok(answers.filter((answer) => answer.status !== 200).every((answer) => answer.body.code === 'MFA_CODE_INVALID'));
    }
  });
});

describe('step-up: a fresh proof for sensitive changes', () => {
  it('changing the password needs the code when TOTP is on: missing 403 SECOND_FACTOR_REQUIRED, wrong 403 WRONG_SECOND_FACTOR', async () => {
    const mfa = await enrolled();
    const change = (body: object) =>
      request(mfa.app)
        .post('/password')
        .auth(mfa.token, { type: 'bearer' })
        .send({ currentPassword: alice.password, newPassword: 'a new and longer passphrase', ...body });
    const missing = await change({});
    assert.equal(missing.status, 403);
    assert.equal(missing.body.code, 'SECOND_FACTOR_REQUIRED');
    const code = mfa.freshCode();
    const wrong = await change({ code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.code, 'WRONG_SECOND_FACTOR');
    const wrongPassword = await change({ currentPassword: 'not the password', code });
    assert.equal(wrongPassword.body.code, 'WRONG_PASSWORD', 'the password is checked first');
    assert.equal((await change({ code })).status, 200);
  });

  it('removing a passkey needs the code too; a recovery code will do', async () => {
    const mfa = await enrolled();
    const origin = mfa.testApp.config.webauthn?.origins[0] ?? '';
    const creation = await request(mfa.app).post('/passkeys/register/options').auth(mfa.token, { type: 'bearer' }).expect(200);
    const added = await request(mfa.app)
      .post('/passkeys/register')
      .auth(mfa.token, { type: 'bearer' })
      .send({ credential: new SoftAuthenticator().create(creation.body, origin) })
      .expect(201);
    const remove = (body: object) =>
      request(mfa.app).delete(`/passkeys/${added.body.passkey.id}`).auth(mfa.token, { type: 'bearer' }).send(body);
    assert.equal((await remove({ password: alice.password })).body.code, 'SECOND_FACTOR_REQUIRED');
    assert.equal(
      (await remove({ password: alice.password, code: '123456', recoveryCode: mfa.recoveryCodes[0] })).body.code,
      'VALIDATION_FAILED',
    );
    assert.equal((await remove({ password: alice.password, recoveryCode: mfa.recoveryCodes[0] })).status, 200);
    assert.equal(
      (await remove({ password: alice.password, recoveryCode: mfa.recoveryCodes[0] })).body.code,
      'WRONG_SECOND_FACTOR',
      'used up',
    );
  });

  it('replacing the recovery codes: the old set stops working', async () => {
    const mfa = await enrolled();
    const replaced = await request(mfa.app)
      .post('/mfa/recovery-codes')
      .auth(mfa.token, { type: 'bearer' })
      .send({ password: alice.password, code: mfa.freshCode() })
      .expect(200);
    assert.equal(replaced.body.recoveryCodes.length, 10);
    assert.equal(
      (
        await request(mfa.app)
          .post('/login/mfa')
          .send({ mfaToken: await firstStep(mfa.app), recoveryCode: mfa.recoveryCodes[1] })
      ).status,
      401,
    );
    assert.equal(
      (
        await request(mfa.app)
          .post('/login/mfa')
          .send({ mfaToken: await firstStep(mfa.app), recoveryCode: replaced.body.recoveryCodes[1] })
      ).status,
      200,
    );
  });

  it('replacing the factor needs the current one; the old secret works until the new one is confirmed', async () => {
    const mfa = await enrolled();
    const start = (body: object) =>
      request(mfa.app)
        .post('/mfa/totp')
        .auth(mfa.token, { type: 'bearer' })
        .send({ password: alice.password, ...body });
    assert.equal((await start({})).body.code, 'SECOND_FACTOR_REQUIRED');
    const next = await start({ code: mfa.freshCode() }).expect(200);
    assert.equal(
      (
        await request(mfa.app)
          .post('/login/mfa')
          .send({ mfaToken: await firstStep(mfa.app), code: mfa.freshCode() })
      ).status,
      200,
    );
    mfa.clock.advance(STEP_MS);
    await request(mfa.app)
      .post('/mfa/totp/confirm')
      .auth(mfa.token, { type: 'bearer' })
      .send({ code: totpCodeAt(next.body.secret, mfa.clock.now()) })
      .expect(200);
    mfa.clock.advance(STEP_MS);
    assert.equal(
      (
        await request(mfa.app)
          .post('/login/mfa')
          .send({ mfaToken: await firstStep(mfa.app), code: totpCodeAt(mfa.secret, mfa.clock.now()) })
      ).status,
      401,
    );
    const withNew = await request(mfa.app)
      .post('/login/mfa')
      .send({ mfaToken: await firstStep(mfa.app), code: totpCodeAt(next.body.secret, mfa.clock.now()) });
    assert.equal(withNew.status, 200);
  });

  it('turning TOTP off needs the password and a code; then /login is one step again', async () => {
    const mfa = await enrolled();
    const off = (body: object) => request(mfa.app).delete('/mfa/totp').auth(mfa.token, { type: 'bearer' }).send(body);
    assert.equal((await off({ password: 'not the password', code: mfa.freshCode() })).body.code, 'WRONG_PASSWORD');
    assert.equal((await off({ password: alice.password })).body.code, 'SECOND_FACTOR_REQUIRED');
    const done = await off({ password: alice.password, code: mfa.freshCode() });
    assert.equal(done.status, 200);
    assert.equal((await off({ password: alice.password })).body.code, 'TOTP_NOT_ENABLED');
    const login = await request(mfa.app).post('/login').send(credentials).expect(200);
    assert.deepEqual(tokenPayload(login.body.response.token).amr, ['pwd']);
    const replace = await request(mfa.app)
      .post('/mfa/recovery-codes')
      .auth(mfa.token, { type: 'bearer' })
      .send({ password: alice.password });
    assert.equal(replace.status, 409);
    assert.equal(replace.body.code, 'TOTP_NOT_ENABLED');
  });

  it('deleting the account needs the code and removes the factor: a new account of that name has none', async () => {
    const mfa = await enrolled();
    assert.equal(
      (await request(mfa.app).delete('/account').auth(mfa.token, { type: 'bearer' }).send({ password: alice.password })).body
        .code,
      'SECOND_FACTOR_REQUIRED',
    );
    await request(mfa.app)
      .delete('/account')
      .auth(mfa.token, { type: 'bearer' })
      .send({ password: alice.password, code: mfa.freshCode() })
      .expect(200);
    mfa.clock.advance(1000);
    await request(mfa.app).post('/register').send(alice).expect(201);
    const login = await request(mfa.app).post('/login').send(credentials).expect(200);
    assert.equal(login.body.mfaRequired, undefined);
    assert.ok(login.body.response.token);
  });

  it('wrong step-up codes count against the account limit (429)', async () => {
    const mfa = await enrolled({ MFA_ACCOUNT_MAX_FAILURES: '2' });
    const right = mfa.freshCode();
    const wrong = right === '000000' ? '111111' : '000000';
    const off = (code: string) =>
      request(mfa.app).delete('/mfa/totp').auth(mfa.token, { type: 'bearer' }).send({ password: alice.password, code });
    assert.equal((await off(wrong)).body.code, 'WRONG_SECOND_FACTOR');
    assert.equal((await off(wrong)).body.code, 'WRONG_SECOND_FACTOR');
    const locked = await off(right);
    assert.equal(locked.status, 429);
    assert.match(String(locked.headers['retry-after']), /^\d+$/);
  });

  it('without TOTP the password alone is the proof (codes are ignored)', async () => {
    const { testApp, token } = await signedUp();
    await request(testApp.app)
      .post('/password')
      .auth(token, { type: 'bearer' })
      .send({ currentPassword: alice.password, newPassword: 'a new and longer passphrase' })
      .expect(200);
  });
});

describe('the passkey sign-in challenge is rate limited per IP', () => {
  it('past PASSKEY_OPTIONS_IP_MAX in the window: 429 with Retry-After', async () => {
    const testApp = await buildTestApp(testStore, { env: { PASSKEY_OPTIONS_IP_MAX: '3' } });
    for (let call = 0; call < 3; call += 1) await request(testApp.app).post('/passkeys/login/options').expect(200);
    const limited = await request(testApp.app).post('/passkeys/login/options');
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'TOO_MANY_ATTEMPTS');
    assert.match(String(limited.headers['retry-after']), /^\d+$/);
  });
});
