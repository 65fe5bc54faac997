import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { SoftAuthenticator } from '../harness/soft-authenticator';
import { buildTestApp, ManualClock, type TestApp } from './support/app';
import { capturedLogger } from './support/logs';
import { useTestStore } from './support/store';

const testStore = useTestStore();
const alice = { name: 'Alice Liddell', username: 'alice', password: 'rabbit-hole-2024' };

interface Signed {
  testApp: TestApp;
  token: string;
  origin: string;
}

async function signedIn(options: Parameters<typeof buildTestApp>[1] = {}): Promise<Signed> {
  const testApp = await buildTestApp(testStore, options);
  await request(testApp.app).post('/register').send(alice).expect(201);
  const login = await request(testApp.app)
    .post('/login')
    .send({ username: alice.username, password: alice.password })
    .expect(200);
  const origin = testApp.config.webauthn?.origins[0];
  assert.ok(origin, 'the test app has a WebAuthn relying party');
  return { testApp, token: String(login.body.response.token), origin };
}

async function addPasskey(
  { testApp, token, origin }: Signed,
  authenticator: SoftAuthenticator,
  name?: string,
): Promise<request.Response> {
  const options = await request(testApp.app).post('/passkeys/register/options').auth(token, { type: 'bearer' }).expect(200);
  const credential = authenticator.create(options.body, origin);
  return request(testApp.app).post('/passkeys/register').auth(token, { type: 'bearer' }).send({ credential, name });
}

async function loginOptions(testApp: TestApp): Promise<request.Response> {
  return request(testApp.app).post('/passkeys/login/options').expect(200);
}

async function passkeyLogin(signed: Signed, authenticator: SoftAuthenticator): Promise<request.Response> {
  const options = await loginOptions(signed.testApp);
  return request(signed.testApp.app)
    .post('/passkeys/login')
    .send({ credential: authenticator.get(options.body, signed.origin) });
}

describe('adding and listing passkeys', () => {
  it('registers a discoverable passkey with user verification, named, and lists it', async () => {
    const signed = await signedIn();
    const options = await request(signed.testApp.app)
      .post('/passkeys/register/options')
      .auth(signed.token, { type: 'bearer' })
      .expect(200);
    assert.equal(options.body.rp.id, 'localhost');
    assert.equal(options.body.authenticatorSelection.residentKey, 'required');
    assert.equal(options.body.authenticatorSelection.userVerification, 'required');
    assert.equal(options.body.user.name, alice.username);
    const added = await request(signed.testApp.app)
      .post('/passkeys/register')
      .auth(signed.token, { type: 'bearer' })
      .send({ credential: new SoftAuthenticator().create(options.body, signed.origin), name: '  Work laptop ' });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.passkey.name, 'Work laptop');
    assert.equal(added.body.passkey.synced, false);
    assert.equal(added.body.passkey.lastUsedAt, null);

    const synced = await addPasskey(signed, new SoftAuthenticator({ synced: true }));
    assert.equal(synced.status, 201);
    assert.equal(synced.body.passkey.name, 'Passkey');
    assert.equal(synced.body.passkey.synced, true);

    const list = await request(signed.testApp.app).get('/passkeys').auth(signed.token, { type: 'bearer' }).expect(200);
    assert.deepEqual(
      list.body.passkeys.map((passkey: { name: string; synced: boolean }) => [passkey.name, passkey.synced]),
      [
        ['Work laptop', false],
        ['Passkey', true],
      ],
    );
    // The public key and counter stay on the server.
    assert.deepEqual(Object.keys(list.body.passkeys[0]).sort(), ['backedUp', 'createdAt', 'id', 'lastUsedAt', 'name', 'synced']);
  });

  it('needs a session, and the registration challenge works once', async () => {
    const signed = await signedIn();
    assert.equal((await request(signed.testApp.app).post('/passkeys/register/options')).status, 401);
    assert.equal((await request(signed.testApp.app).get('/passkeys')).status, 401);
    const options = await request(signed.testApp.app)
      .post('/passkeys/register/options')
      .auth(signed.token, { type: 'bearer' })
      .expect(200);
    const authenticator = new SoftAuthenticator();
    const first = authenticator.create(options.body, signed.origin);
    const second = authenticator.create(options.body, signed.origin);
    const register = (credential: unknown) =>
      request(signed.testApp.app).post('/passkeys/register').auth(signed.token, { type: 'bearer' }).send({ credential });
    assert.equal((await register(first)).status, 201);
    const replay = await register(second);
    assert.equal(replay.status, 400);
    assert.equal(replay.body.code, 'PASSKEY_NOT_REGISTERED');
  });

  it('refuses a credential made for another origin or without user verification, and a malformed body', async () => {
    const signed = await signedIn();
    const tryWith = async (authenticator: SoftAuthenticator, origin: string) => {
      const options = await request(signed.testApp.app)
        .post('/passkeys/register/options')
        .auth(signed.token, { type: 'bearer' })
        .expect(200);
      return request(signed.testApp.app)
        .post('/passkeys/register')
        .auth(signed.token, { type: 'bearer' })
        .send({ credential: authenticator.create(options.body, origin) });
    };
    assert.equal((await tryWith(new SoftAuthenticator(), 'https://evil.example')).body.code, 'PASSKEY_NOT_REGISTERED');
    assert.equal(
      (await tryWith(new SoftAuthenticator({ userVerification: false }), signed.origin)).body.code,
      'PASSKEY_NOT_REGISTERED',
    );
    const malformed = await request(signed.testApp.app)
      .post('/passkeys/register')
      .auth(signed.token, { type: 'bearer' })
      .send({ credential: { id: 'x' } });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.code, 'VALIDATION_FAILED');
    const longName = await addPasskey(signed, new SoftAuthenticator(), 'x'.repeat(65));
    assert.equal(longName.status, 400);
    assert.equal(longName.body.field, 'name');
  });
});

describe('signing in with a passkey', () => {
  it('signs in with no username or password; amr hwk+user in the token, /verify and /sessions', async () => {
    const signed = await signedIn();
    const authenticator = new SoftAuthenticator();
    assert.equal((await addPasskey(signed, authenticator)).status, 201);
    const options = await loginOptions(signed.testApp);
    assert.equal(options.body.allowCredentials, undefined, 'discoverable: no allowed list');
    assert.equal(options.body.userVerification, 'required');
    const login = await request(signed.testApp.app)
      .post('/passkeys/login')
      .send({ credential: authenticator.get(options.body, signed.origin) });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.response.username, alice.username);
    assert.ok(([] as string[]).concat(login.headers['set-cookie'] ?? []).some((cookie) => cookie.startsWith('auth_token=')));
    const token = String(login.body.response.token);
    assert.deepEqual(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).amr, ['hwk', 'user']);
    const verified = await request(signed.testApp.app).post('/verify').send({ token }).expect(200);
    assert.deepEqual(verified.body.amr, ['hwk', 'user']);
    const sessions = await request(signed.testApp.app).get('/sessions').auth(token, { type: 'bearer' }).expect(200);
    const amrs = sessions.body.sessions.map((session: { amr: string[] }) => session.amr);
    assert.deepEqual(amrs.sort(), [['hwk', 'user'], ['pwd']].sort());

    const list = await request(signed.testApp.app).get('/passkeys').auth(token, { type: 'bearer' }).expect(200);
    assert.notEqual(list.body.passkeys[0].lastUsedAt, null);
  });

  it('a synced passkey gives amr swk+user', async () => {
    const signed = await signedIn();
    const authenticator = new SoftAuthenticator({ synced: true });
    await addPasskey(signed, authenticator);
    const first = await passkeyLogin(signed, authenticator);
    assert.equal(first.status, 200);
    const verified = await request(signed.testApp.app).post('/verify').send({ token: first.body.response.token }).expect(200);
    assert.deepEqual(verified.body.amr, ['swk', 'user']);
    // Synced passkeys keep counter 0: that is not a clone.
    assert.equal((await passkeyLogin(signed, authenticator)).status, 200);
  });

  it('each challenge works once, and not after 5 minutes', async () => {
    const clock = new ManualClock();
    const signed = await signedIn({ clock });
    const authenticator = new SoftAuthenticator();
    await addPasskey(signed, authenticator);
    const options = await loginOptions(signed.testApp);
    const first = authenticator.get(options.body, signed.origin);
    const second = authenticator.get(options.body, signed.origin);
    assert.equal((await request(signed.testApp.app).post('/passkeys/login').send({ credential: first })).status, 200);
    const replay = await request(signed.testApp.app).post('/passkeys/login').send({ credential: second });
    assert.equal(replay.status, 401);
    assert.equal(replay.body.code, 'PASSKEY_REFUSED');

    const late = await loginOptions(signed.testApp);
    clock.advance(5 * 60 * 1000 + 1000);
    const expired = await request(signed.testApp.app)
      .post('/passkeys/login')
      .send({ credential: authenticator.get(late.body, signed.origin) });
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, 'PASSKEY_REFUSED');
  });

  it('two sign-ins racing on one challenge: exactly one wins', async () => {
    const signed = await signedIn();
    const authenticator = new SoftAuthenticator({ synced: true });
    await addPasskey(signed, authenticator);
    const options = await loginOptions(signed.testApp);
    const credential = authenticator.get(options.body, signed.origin);
    const answers = await Promise.all(
      [1, 2, 3].map(() => request(signed.testApp.app).post('/passkeys/login').send({ credential })),
    );
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 401, 401]);
  });

  it('refuses and logs a counter that goes back (a cloned authenticator)', async () => {
    const { logger, lines } = capturedLogger();
    const signed = await signedIn({ logger });
    const authenticator = new SoftAuthenticator();
    await addPasskey(signed, authenticator);
    assert.equal((await passkeyLogin(signed, authenticator)).status, 200);
    assert.equal((await passkeyLogin(signed, authenticator)).status, 200);
    const credential = authenticator.credentials[0];
    assert.ok(credential);
    const options = await loginOptions(signed.testApp);
    const cloned = authenticator.assert(credential, { challenge: options.body.challenge, origin: signed.origin, counter: 1 });
    const refused = await request(signed.testApp.app).post('/passkeys/login').send({ credential: cloned });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'PASSKEY_REFUSED');
    const warning = lines().find((line) => line.event === 'passkey.cloned');
    assert.ok(warning, 'the clone is logged');
    assert.equal(warning.storedCounter, 2);
    assert.equal(warning.presentedCounter, 1);
  });

  it('refuses another origin, a forged signature, an unknown passkey, and malformed bodies', async () => {
    const signed = await signedIn();
    const authenticator = new SoftAuthenticator();
    await addPasskey(signed, authenticator);
    const credential = authenticator.credentials[0];
    assert.ok(credential);
    const send = (body: object) => request(signed.testApp.app).post('/passkeys/login').send(body);

    const foreign = await loginOptions(signed.testApp);
    assert.equal(
      (
        await send({
          credential: authenticator.assert(credential, {
            challenge: foreign.body.challenge,
            origin: 'https://phish.example',
            counter: 5,
          }),
        })
      ).body.code,
      'PASSKEY_REFUSED',
    );

    const forgedOptions = await loginOptions(signed.testApp);
    const forged = authenticator.assert(credential, {
      challenge: forgedOptions.body.challenge,
      origin: signed.origin,
      counter: 6,
    });
    forged.response.signature = Buffer.from('not a signature').toString('base64url');
    assert.equal((await send({ credential: forged })).body.code, 'PASSKEY_REFUSED');

    const stranger = new SoftAuthenticator();
    stranger.create(
      { ...(await request(signed.testApp.app).post('/passkeys/register/options').auth(signed.token, { type: 'bearer' })).body },
      signed.origin,
    );
    const unknown = await passkeyLogin(signed, stranger);
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.code, 'PASSKEY_REFUSED');

    for (const body of [
      {},
      { credential: 'x' },
      { credential: { id: '!!', rawId: 'a', type: 'public-key', clientExtensionResults: {}, response: {} } },
    ]) {
      const answer = await send(body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.code, 'VALIDATION_FAILED');
    }
    const garbage = await send({
      credential: {
        id: 'abc',
        rawId: 'abc',
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: 'abc', authenticatorData: 'abc', signature: 'abc' },
      },
    });
    assert.equal(garbage.status, 401);
    assert.equal(garbage.body.code, 'PASSKEY_REFUSED');
  });
});

describe('removing passkeys and the account', () => {
  it('removes a passkey with the password; it then signs nobody in', async () => {
    const signed = await signedIn();
    const authenticator = new SoftAuthenticator();
    const added = await addPasskey(signed, authenticator);
    const id = String(added.body.passkey.id);
    const remove = (password: string, which = id) =>
      request(signed.testApp.app)
        .delete(`/passkeys/${encodeURIComponent(which)}`)
        .auth(signed.token, { type: 'bearer' })
        .send({ password });
    const wrong = await remove('not the password');
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.code, 'WRONG_PASSWORD');
    assert.equal(
      (await request(signed.testApp.app).delete(`/passkeys/${id}`).auth(signed.token, { type: 'bearer' }).send({})).body.field,
      'password',
    );
    assert.equal((await passkeyLogin(signed, authenticator)).status, 200);
    const removed = await remove(alice.password);
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.equal(removed.body.message, 'Passkey removed');
    assert.deepEqual(
      (await request(signed.testApp.app).get('/passkeys').auth(signed.token, { type: 'bearer' })).body.passkeys,
      [],
    );
    assert.equal((await remove(alice.password)).status, 404);
    assert.equal((await remove(alice.password, 'no-such-passkey')).body.code, 'NOT_FOUND');
    const after = await passkeyLogin(signed, authenticator);
    assert.equal(after.status, 401);
    assert.equal(after.body.code, 'PASSKEY_REFUSED');
  });

  it('wrong passwords on removal count against the brute-force limit', async () => {
    const signed = await signedIn({ env: { LOGIN_ACCOUNT_MAX_FAILURES: '2' } });
    const added = await addPasskey(signed, new SoftAuthenticator());
    const remove = (password: string) =>
      request(signed.testApp.app)
        .delete(`/passkeys/${added.body.passkey.id}`)
        .auth(signed.token, { type: 'bearer' })
        .send({ password });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await remove('guess')).status);
    assert.ok(statuses.includes(429), `statuses ${statuses.join(',')}`);
  });

  it('deleting the account deletes its passkeys; an account of the same name later is not signed into by them', async () => {
    const signed = await signedIn();
    const authenticator = new SoftAuthenticator();
    await addPasskey(signed, authenticator);
    await request(signed.testApp.app)
      .delete('/account')
      .auth(signed.token, { type: 'bearer' })
      .send({ password: alice.password })
      .expect(200);
    const items = await testStore.scan(signed.testApp.tableName);
    assert.deepEqual(
      items.filter((item) => String(item.sk).startsWith('PASSKEY') || String(item.pk).startsWith('HANDLE#')),
      [],
    );
    await request(signed.testApp.app).post('/register').send(alice).expect(201);
    const refused = await passkeyLogin(signed, authenticator);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'PASSKEY_REFUSED');
  });
});

describe('without a relying party', () => {
  it('answers PASSKEYS_UNAVAILABLE when PUBLIC_URL is an IP address and WEBAUTHN_RP_ID is unset', async () => {
    const testApp = await buildTestApp(testStore, { env: { PUBLIC_URL: 'http://127.0.0.1:3000' } });
    const answer = await request(testApp.app).post('/passkeys/login/options');
    assert.equal(answer.status, 404);
    assert.equal(answer.body.code, 'PASSKEYS_UNAVAILABLE');
  });
});
