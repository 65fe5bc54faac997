import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { Express } from 'express';
import request from 'supertest';
import { FORGOT_PASSWORD_MESSAGE } from '../src/contract/email';
import { buildTestApp, ManualClock } from './support/app';
import { capturedLogger } from './support/logs';
import { type Outbox, tempOutbox } from './support/outbox';
import { useTestStore } from './support/store';

/**
 * Email on the account, verification, the address claim, sign-in by address, forgot/reset, the mail
 * limits and the security notices, over HTTP on dynalite, with the mails read back from the outbox
 * the service writes (EMAIL_TRANSPORT=outbox, the `npm start` default).
 */

const testStore = useTestStore();
const PASSWORD = 'a perfectly fine passphrase';
const NEW_PASSWORD = 'another quite fine passphrase';
const PUBLIC_URL = 'https://auth.example.test/';

interface Harness {
  app: Express;
  outbox: Outbox;
  logs: ReturnType<typeof capturedLogger>;
  clock: ManualClock;
}

async function setUp(env: Record<string, string> = {}): Promise<Harness> {
  const outbox = await tempOutbox();
  const logs = capturedLogger();
  const clock = new ManualClock();
  const { app } = await buildTestApp(testStore, {
    env: { DATA_DIR: outbox.dataDir, PUBLIC_URL, PASSWORD_FORGOT_ANSWER_MS: '0', ...env },
    logger: logs.logger,
    clock,
  });
  return { app, outbox, logs, clock };
}

let counter = 0;
function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

function register(app: Express, username: string, email?: string) {
  return request(app)
    .post('/register')
    .send({ name: 'Mail User', username, password: PASSWORD, ...(email === undefined ? {} : { email }) });
}

function login(app: Express, credentials: { username?: string; email?: string; password?: string }, cookies: string[] = []) {
  return request(app)
    .post('/login')
    .set('Cookie', cookies)
    .send({ password: PASSWORD, ...credentials });
}

async function signIn(app: Express, username: string, password = PASSWORD): Promise<string> {
  const response = await login(app, { username, password }).expect(200);
  return response.body.response.token as string;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** An account with a verified address. */
async function verifiedAccount(h: Harness, prefix = 'verified'): Promise<{ username: string; email: string; token: string }> {
  const username = uniqueName(prefix);
  const email = `${username}@Example.TEST`.replace('@Example.TEST', '@example.test');
  await register(h.app, username, email).expect(201);
  const token = await h.outbox.tokenFor(email, 'verify-email');
  await request(h.app).post('/email/verify').send({ token }).expect(200);
  return { username, email, token: await signIn(h.app, username) };
}

describe('an email address on the account', () => {
  it('is stored unverified at registration, with the same answer as without one, and mailed a link to the page', async () => {
    const h = await setUp();
    const username = uniqueName('reg');
    const withEmail = await register(h.app, username, `  ${username}@MAIL.Example.test `).expect(201);
    const without = await register(h.app, uniqueName('reg')).expect(201);
    assert.deepEqual(Object.keys(withEmail.body), Object.keys(without.body));
    assert.equal(withEmail.body.message, without.body.message);

    const token = await signIn(h.app, username);
    const me = await request(h.app).get('/me').set(bearer(token)).expect(200);
    assert.equal(me.body.response.email, `${username}@mail.example.test`, 'trimmed, domain lower-cased');
    assert.equal(me.body.response.emailVerified, false);
    assert.equal(me.body.response.pendingEmail, null);

    const [mail] = await h.outbox.mailsTo(`${username}@mail.example.test`);
    assert.ok(mail, 'a verification mail');
    assert.match(mail.subject ?? '', /Confirm your email address/);
    assert.ok(mail.html && mail.text, 'an HTML and a plain-text part');
    const link = new URL(/https?:\/\/\S+/.exec(mail.text ?? '')?.[0] ?? '');
    assert.equal(link.origin + link.pathname, PUBLIC_URL);
    assert.equal(link.searchParams.get('action'), 'verify-email');
    assert.match(link.searchParams.get('token') ?? '', /^[A-Za-z0-9_-]{43}$/, '256 random bits');
    assert.ok(String(mail.html).includes(link.searchParams.get('token') ?? '-'));
  });

  it('refuses a bad address with 400 naming the field', async () => {
    const h = await setUp();
    for (const email of ['not-an-address', 'a@', '@b.c', `${'x'.repeat(250)}@example.com`, 42]) {
      const response = await request(h.app)
        .post('/register')
        .send({ name: 'N', username: uniqueName('bad'), password: PASSWORD, email })
        .expect(400);
      assert.equal(response.body.field, 'email', String(email));
    }
  });

  it('verifies once: used, unknown, malformed and expired tokens get 400 INVALID_TOKEN', async () => {
    const h = await setUp();
    const username = uniqueName('once');
    const email = `${username}@example.test`;
    await register(h.app, username, email).expect(201);
    const token = await h.outbox.tokenFor(email, 'verify-email');
    const verified = await request(h.app).post('/email/verify').send({ token }).expect(200);
    assert.deepEqual(verified.body, { message: 'Email address verified', email });
    const me = await request(h.app)
      .get('/me')
      .set(bearer(await signIn(h.app, username)))
      .expect(200);
    assert.equal(me.body.response.emailVerified, true);

    for (const bad of [token, 'A'.repeat(43), 'short', 'x'.repeat(128)]) {
      const response = await request(h.app).post('/email/verify').send({ token: bad }).expect(400);
      assert.equal(response.body.code, 'INVALID_TOKEN');
    }
    await request(h.app).post('/email/verify').send({}).expect(400);

    const late = uniqueName('late');
    await register(h.app, late, `${late}@example.test`).expect(201);
    const lateToken = await h.outbox.tokenFor(`${late}@example.test`, 'verify-email');
    h.clock.advance(24 * 3600 * 1000 + 1000);
    assert.equal((await request(h.app).post('/email/verify').send({ token: lateToken }).expect(400)).body.code, 'INVALID_TOKEN');
  });

  it('resends a new link (signed in): the older link stops working; 409 when nothing awaits verification', async () => {
    const h = await setUp();
    const username = uniqueName('resend');
    const email = `${username}@example.test`;
    await register(h.app, username, email).expect(201);
    const first = await h.outbox.tokenFor(email, 'verify-email');
    const token = await signIn(h.app, username);
    await request(h.app).post('/email/verify/resend').expect(401);
    const resent = await request(h.app).post('/email/verify/resend').set(bearer(token)).expect(202);
    assert.deepEqual(resent.body, { message: 'Verification link sent', pendingEmail: email });
    const second = await h.outbox.tokenFor(email, 'verify-email');
    assert.notEqual(first, second);
    assert.equal((await request(h.app).post('/email/verify').send({ token: first }).expect(400)).body.code, 'INVALID_TOKEN');
    await request(h.app).post('/email/verify').send({ token: second }).expect(200);
    assert.equal(
      (await request(h.app).post('/email/verify/resend').set(bearer(token)).expect(409)).body.code,
      'NOTHING_TO_VERIFY',
    );
    const none = uniqueName('none');
    await register(h.app, none).expect(201);
    await request(h.app)
      .post('/email/verify/resend')
      .set(bearer(await signIn(h.app, none)))
      .expect(409);
  });

  it('belongs to one account once verified: registering with it is not refused, verifying it is 409 EMAIL_TAKEN', async () => {
    const h = await setUp();
    const owner = await verifiedAccount(h, 'owner');
    const other = uniqueName('other');
    // Case variants are one address.
    const sameAddress = owner.email.toUpperCase().replace(/@.*/, (domain) => domain.toLowerCase());
    await register(h.app, other, sameAddress).expect(201);
    const token = await h.outbox.tokenFor(sameAddress, 'verify-email');
    const taken = await request(h.app).post('/email/verify').send({ token }).expect(409);
    assert.equal(taken.body.code, 'EMAIL_TAKEN');
  });

  it('changes with the password: a link to the new address, a notice to the old, which stays in force until the new one is verified', async () => {
    const h = await setUp();
    const account = await verifiedAccount(h, 'change');
    const next = `${account.username}@new.example.test`;
    const wrong = await request(h.app)
      .post('/email')
      .set(bearer(account.token))
      .send({ email: next, password: 'not the password' })
      .expect(403);
    assert.equal(wrong.body.code, 'WRONG_PASSWORD');
    const changed = await request(h.app)
      .post('/email')
      .set(bearer(account.token))
      .send({ email: next, password: PASSWORD })
      .expect(202);
    assert.deepEqual(changed.body, { message: 'Verification link sent', pendingEmail: next });

    const notice = (await h.outbox.mailsTo(account.email)).at(-1);
    assert.match(notice?.subject ?? '', /being changed/);
    assert.ok(notice?.text?.includes(next));
    const me = await request(h.app).get('/me').set(bearer(account.token)).expect(200);
    assert.equal(me.body.response.email, account.email);
    assert.equal(me.body.response.emailVerified, true);
    assert.equal(me.body.response.pendingEmail, next);
    await login(h.app, { email: account.email }).expect(200);
    await login(h.app, { email: next }).expect(401);

    await request(h.app)
      .post('/email/verify')
      .send({ token: await h.outbox.tokenFor(next, 'verify-email') })
      .expect(200);
    await login(h.app, { email: next }).expect(200);
    await login(h.app, { email: account.email }).expect(401);
    // The old address is free again.
    const taker = uniqueName('taker');
    await register(h.app, taker, account.email).expect(201);
    await request(h.app)
      .post('/email/verify')
      .send({ token: await h.outbox.tokenFor(account.email, 'verify-email') })
      .expect(200);
    // Giving the verified address again drops nothing and sends nothing.
    const before = (await h.outbox.mails()).length;
    const same = await request(h.app)
      .post('/email')
      .set(bearer(account.token))
      .send({ email: next, password: PASSWORD })
      .expect(200);
    assert.equal(same.body.email, next);
    assert.equal((await h.outbox.mails()).length, before);
  });

  it('is released when the account is deleted, so another account can verify it', async () => {
    const h = await setUp();
    const account = await verifiedAccount(h, 'deleted');
    await request(h.app).delete('/account').set(bearer(account.token)).send({ password: PASSWORD }).expect(200);
    const heir = uniqueName('heir');
    await register(h.app, heir, account.email).expect(201);
    await request(h.app)
      .post('/email/verify')
      .send({ token: await h.outbox.tokenFor(account.email, 'verify-email') })
      .expect(200);
  });
});

describe('signing in by email', () => {
  it('works with a verified address only, with the same 401 as a wrong username or password', async () => {
    const h = await setUp();
    const account = await verifiedAccount(h, 'bymail');
    const ok = await login(h.app, { email: account.email.toUpperCase() }).expect(200);
    assert.equal(ok.body.response.username, account.username);
    const wrongPassword = await login(h.app, { email: account.email, password: 'not the password' }).expect(401);
    const unknown = await login(h.app, { email: 'nobody@example.test' }).expect(401);
    const wrongUser = await login(h.app, { username: uniqueName('nobody') }).expect(401);
    assert.deepEqual(wrongPassword.body, unknown.body);
    assert.deepEqual(unknown.body, wrongUser.body);

    const unverified = uniqueName('unverified');
    await register(h.app, unverified, `${unverified}@example.test`).expect(201);
    await login(h.app, { email: `${unverified}@example.test` }).expect(401);
    // A username that looks like an address is still a username.
    const atName = `${uniqueName('at')}@example.test`;
    await register(h.app, atName).expect(201);
    await login(h.app, { username: atName }).expect(200);
    await login(h.app, { email: atName }).expect(401);
  });

  it('takes exactly one of username and email', async () => {
    const h = await setUp();
    assert.equal((await login(h.app, { username: 'a', email: 'a@example.test' }).expect(400)).body.code, 'VALIDATION_FAILED');
    await request(h.app).post('/login').send({ password: PASSWORD }).expect(400);
  });
});

describe('forgot and reset password', () => {
  it('always answers 202 with the same body, and mails a link only to a verified address', async () => {
    const h = await setUp();
    const account = await verifiedAccount(h, 'forgot');
    const unverified = uniqueName('unverified');
    await register(h.app, unverified, `${unverified}@example.test`).expect(201);
    const mailsBefore = (await h.outbox.mails()).length;
    const answers = await Promise.all(
      [
        { username: account.username },
        { email: account.email },
        { username: unverified },
        { email: `${unverified}@example.test` },
        { username: uniqueName('ghost') },
        { email: 'ghost@example.test' },
      ].map(async (body) => (await request(h.app).post('/password/forgot').send(body).expect(202)).body),
    );
    for (const body of answers) assert.deepEqual(body, { message: FORGOT_PASSWORD_MESSAGE });
    const mails = (await h.outbox.mails()).slice(mailsBefore);
    assert.equal(mails.length, 2, 'by username and by address, both for the verified account');
    assert.ok(mails.every((mail) => /Reset your password/.test(mail.subject ?? '')));
    await request(h.app).post('/password/forgot').send({ username: 'a', email: 'a@example.test' }).expect(400);
  });

  it('resets once: the policy applies, every session ends, the old password fails and the new one works', async () => {
    const h = await setUp();
    const account = await verifiedAccount(h, 'reset');
    const otherSession = await signIn(h.app, account.username);
    await request(h.app).post('/password/forgot').send({ username: account.username }).expect(202);
    const token = await h.outbox.tokenFor(account.email, 'reset-password');

    const weak = await request(h.app).post('/password/reset').send({ token, newPassword: 'password' }).expect(400);
    assert.equal(weak.body.field, 'newPassword');
    const named = await request(h.app)
      .post('/password/reset')
      .send({ token, newPassword: `${account.username}${account.username}` })
      .expect(400);
    assert.equal(named.body.field, 'newPassword');

    const reset = await request(h.app).post('/password/reset').send({ token, newPassword: NEW_PASSWORD }).expect(200);
    assert.deepEqual(reset.body, { message: 'Password reset; every session was signed out' });
    await request(h.app).get('/me').set(bearer(account.token)).expect(401);
    await request(h.app).get('/me').set(bearer(otherSession)).expect(401);
    await login(h.app, { username: account.username }).expect(401);
    await login(h.app, { username: account.username, password: NEW_PASSWORD }).expect(200);
    assert.equal(
      (await request(h.app).post('/password/reset').send({ token, newPassword: 'yet another fine passphrase' }).expect(400)).body
        .code,
      'INVALID_TOKEN',
    );

    const notice = (await h.outbox.mailsTo(account.email)).find((mail) => /was reset/.test(mail.subject ?? ''));
    assert.ok(notice, 'a "your password was reset" notice');
    assert.match(notice?.text ?? '', /IP address: /);
  });

  it('voids a reset link when a newer one is asked for, the password changes, the link expires or the account is deleted', async () => {
    const h = await setUp();
    const account = await verifiedAccount(h, 'void');
    const forgot = async () => {
      await request(h.app).post('/password/forgot').send({ email: account.email }).expect(202);
      return h.outbox.tokenFor(account.email, 'reset-password');
    };
    const refused = async (token: string) =>
      assert.equal(
        (await request(h.app).post('/password/reset').send({ token, newPassword: NEW_PASSWORD }).expect(400)).body.code,
        'INVALID_TOKEN',
      );

    const older = await forgot();
    const newer = await forgot();
    await refused(older);

    await request(h.app)
      .post('/password')
      .set(bearer(account.token))
      .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
      .expect(200);
    await refused(newer);

    const expiring = await forgot();
    h.clock.advance(30 * 60 * 1000 + 1000);
    await refused(expiring);

    const last = await forgot();
    await request(h.app).delete('/account').set(bearer(account.token)).send({ password: NEW_PASSWORD }).expect(200);
    await register(h.app, account.username).expect(201);
    await refused(last);
  });

  it('limits forgot-password per account (known or not) and per IP, with Retry-After', async () => {
    const h = await setUp({ MAIL_ACCOUNT_MAX: '2', MAIL_IP_MAX: '5' });
    const account = await verifiedAccount(h, 'limited');
    for (const body of [{ username: account.username }, { username: uniqueName('ghost-limit') }]) {
      await request(h.app).post('/password/forgot').send(body).expect(202);
      await request(h.app).post('/password/forgot').send(body).expect(202);
      const limited = await request(h.app).post('/password/forgot').send(body).expect(429);
      assert.equal(limited.body.code, 'TOO_MANY_ATTEMPTS');
      assert.match(String(limited.headers['retry-after']), /^\d+$/);
    }
    // By address counts against the same account as by username.
    await request(h.app).post('/password/forgot').send({ email: account.email }).expect(429);
    // Resending counts against the same account too.
    await request(h.app).post('/email/verify/resend').set(bearer(account.token)).expect(429);
    // The IP's budget (5): 4 taken above, one more, then refused whatever the account.
    await request(h.app)
      .post('/password/forgot')
      .send({ username: uniqueName('fifth') })
      .expect(202);
    const byIp = await request(h.app)
      .post('/password/forgot')
      .send({ username: uniqueName('fresh') })
      .expect(429);
    assert.equal(byIp.body.code, 'TOO_MANY_ATTEMPTS');
  });

  it('limits resending per account', async () => {
    const h = await setUp({ MAIL_ACCOUNT_MAX: '2' });
    const username = uniqueName('resend-limit');
    await register(h.app, username, `${username}@example.test`).expect(201);
    const token = await signIn(h.app, username);
    await request(h.app).post('/email/verify/resend').set(bearer(token)).expect(202);
    await request(h.app).post('/email/verify/resend').set(bearer(token)).expect(202);
    await request(h.app).post('/email/verify/resend').set(bearer(token)).expect(429);
  });
});

describe('a failed send', () => {
  it('never loses the request: resend and change answer 503 and keep the record, forgot answers 202 and logs', async () => {
    const h = await setUp();
    const account = await verifiedAccount(h, 'outage');
    // The outbox cannot be written while a file stands where its directory goes.
    await rm(h.outbox.directory, { recursive: true, force: true });
    await writeFile(h.outbox.directory, 'not a directory');
    const next = `${account.username}@next.example.test`;
    const change = await request(h.app)
      .post('/email')
      .set(bearer(account.token))
      .send({ email: next, password: PASSWORD })
      .expect(503);
    assert.equal(change.body.code, 'MAIL_UNAVAILABLE');
    assert.match(String(change.headers['retry-after']), /^\d+$/);
    const me = await request(h.app).get('/me').set(bearer(account.token)).expect(200);
    assert.equal(me.body.response.pendingEmail, next, 'the change is kept');
    assert.equal(
      (await request(h.app).post('/email/verify/resend').set(bearer(account.token)).expect(503)).body.code,
      'MAIL_UNAVAILABLE',
    );
    await request(h.app).post('/password/forgot').send({ username: account.username }).expect(202);
    assert.ok(h.logs.lines().some((line) => line.event === 'password.reset_not_mailed'));

    await rm(h.outbox.directory);
    await request(h.app).post('/email/verify/resend').set(bearer(account.token)).expect(202);
    await request(h.app)
      .post('/email/verify')
      .send({ token: await h.outbox.tokenFor(next, 'verify-email') })
      .expect(200);
  });
});

describe('security notices', () => {
  it('mail the verified address on a password change, a new device, a lockout (once) and a refresh-token reuse', async () => {
    const h = await setUp({ LOGIN_ACCOUNT_MAX_FAILURES: '3', REFRESH_REUSE_GRACE_SECONDS: '0' });
    const account = await verifiedAccount(h, 'notices');
    const subjects = async () => (await h.outbox.mailsTo(account.email)).map((mail) => mail.subject ?? '');
    // verifiedAccount signed in once, from a browser with no device cookie: a new device.
    assert.equal((await subjects()).filter((subject) => /New sign-in/.test(subject)).length, 1);

    const first = await login(h.app, { username: account.username }).set('User-Agent', 'NoticeBrowser/1.0').expect(200);
    const deviceCookie =
      (first.headers['set-cookie'] as unknown as string[]).find((cookie) => cookie.startsWith('auth_device='))?.split(';')[0] ??
      '';
    const newDevice = (await h.outbox.mailsTo(account.email)).at(-1);
    assert.match(newDevice?.subject ?? '', /New sign-in/);
    assert.match(newDevice?.text ?? '', /Device: NoticeBrowser\/1\.0/);
    const count = (await subjects()).length;
    await login(h.app, { username: account.username }, [deviceCookie]).expect(200);
    assert.equal((await subjects()).length, count, 'a known device signs in without a notice');

    await request(h.app)
      .post('/password')
      .set(bearer(account.token))
      .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
      .expect(200);
    assert.match((await subjects()).at(-1) ?? '', /was changed/);

    for (let attempt = 0; attempt < 5; attempt += 1) await login(h.app, { username: account.username, password: 'wrong' });
    assert.equal((await subjects()).filter((subject) => /paused/.test(subject)).length, 1, 'one lockout notice');

    const session = await login(h.app, { username: account.username, password: NEW_PASSWORD }, [deviceCookie]).expect(200);
    const refreshToken = session.body.response.refreshToken as string;
    await request(h.app).post('/refresh').send({ refreshToken }).expect(200);
    const reused = await request(h.app).post('/refresh').send({ refreshToken }).expect(401);
    assert.equal(reused.body.code, 'REFRESH_TOKEN_REUSED');
    assert.match((await subjects()).at(-1) ?? '', /signed out/);
  });

  it('are each switched off in config (SECURITY_NOTICES)', async () => {
    const h = await setUp({ SECURITY_NOTICES: 'email-changed' });
    const account = await verifiedAccount(h, 'quiet');
    await login(h.app, { username: account.username }).expect(200);
    await request(h.app)
      .post('/password')
      .set(bearer(account.token))
      .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
      .expect(200);
    assert.deepEqual(
      (await h.outbox.mailsTo(account.email)).map((mail) => mail.subject),
      [(await h.outbox.mailsTo(account.email))[0]?.subject],
    );
    await request(h.app)
      .post('/email')
      .set(bearer(await signIn(h.app, account.username, NEW_PASSWORD)))
      .send({ email: 'else@example.test', password: NEW_PASSWORD })
      .expect(202);
    assert.match((await h.outbox.mailsTo(account.email)).at(-1)?.subject ?? '', /being changed/);
  });
});

describe('tokens and logs', () => {
  it('never puts a mailed token in a log line (the outbox names its file)', async () => {
    const h = await setUp();
    const account = await verifiedAccount(h, 'logs');
    await request(h.app).post('/password/forgot').send({ username: account.username }).expect(202);
    const resetToken = await h.outbox.tokenFor(account.email, 'reset-password');
    await request(h.app).post('/password/reset').send({ token: resetToken, newPassword: NEW_PASSWORD }).expect(200);
    const verifyToken = await h.outbox.tokenFor(account.email, 'verify-email');
    assert.ok(h.logs.raw.length > 5);
    for (const line of h.logs.raw) {
      assert.ok(!line.includes(resetToken) && !line.includes(verifyToken), line);
    }
    assert.ok(h.logs.lines().some((line) => String(line.msg).includes('mail written to the outbox; open file://')));
  });
});
