import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { buildTestApp, ManualClock, type TestApp } from './support/app';
import { useTestStore } from './support/store';

const testStore = useTestStore();

const alice = { name: 'Alice Liddell', username: 'Alice', password: 'rabbit-hole-2024' };

async function registered(testApp: TestApp, user = alice): Promise<void> {
  await request(testApp.app).post('/register').send(user).expect(201);
}

async function loginToken(testApp: TestApp, username = alice.username, password = alice.password): Promise<string> {
  const response = await request(testApp.app).post('/login').send({ username, password }).expect(200);
  return response.body.response.token as string;
}

describe('POST /register', () => {
  it('creates a user and answers 201', async () => {
    const testApp = await buildTestApp(testStore);
    const response = await request(testApp.app).post('/register').send(alice).expect(201);
    assert.equal(response.body.message, 'User registered successfully');
    assert.deepEqual(response.body.response, { username: 'Alice', name: 'Alice Liddell' });
    assert.equal(JSON.stringify(response.body).includes('password'), false);
    assert.match(response.headers['content-type'] ?? '', /application\/json/);
  });

  it('stores a bcrypt hash, never the password', async () => {
    const testApp = await buildTestApp(testStore);
    await registered(testApp);
    const items = await testStore.scan(testApp.tableName);
    assert.deepEqual(items.map((item) => item.type).sort(), ['event', 'user'], 'the account, and its register event');
    const serialized = JSON.stringify(items);
    assert.equal(serialized.includes(alice.password), false);
    assert.match(String(items.find((item) => item.type === 'user')?.passwordHash), /^\$2b\$04\$/);
  });

  for (const field of ['name', 'username', 'password'] as const) {
    it(`answers 400 naming a missing ${field}`, async () => {
      const testApp = await buildTestApp(testStore);
      const body: Record<string, string> = { ...alice };
      delete body[field];
      const response = await request(testApp.app).post('/register').send(body).expect(400);
      assert.equal(response.body.field, field);
      assert.match(response.body.message, new RegExp(`^${field}: is required`));
    });
  }

  it('answers 400 for wrong types and invalid values', async () => {
    const testApp = await buildTestApp(testStore);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...alice, username: 42 }, 'username'],
      [{ ...alice, name: ['x'] }, 'name'],
      [{ ...alice, password: 'short' }, 'password'],
      [{ ...alice, username: 'a b' }, 'username'],
      [{ ...alice, username: 'ab' }, 'username'],
      [{ ...alice, name: '   ' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const response = await request(testApp.app).post('/register').send(body).expect(400);
      assert.equal(response.body.field, field, JSON.stringify(body));
    }
    await request(testApp.app).post('/register').send('[1,2]').set('content-type', 'application/json').expect(400);
    assert.equal((await testStore.scan(testApp.tableName)).length, 0);
  });

  it('answers 409 for a taken username, case-insensitively and after NFKC', async () => {
    const testApp = await buildTestApp(testStore);
    await registered(testApp);
    for (const username of ['Alice', 'alice', 'ALICE', 'ＡＬＩＣＥ']) {
      const response = await request(testApp.app)
        .post('/register')
        .send({ ...alice, username, name: 'Impostor' })
        .expect(409);
      assert.equal(response.body.message, 'User already exists');
    }
    const items = (await testStore.scan(testApp.tableName)).filter((item) => item.type !== 'event');
    assert.equal(items.length, 1);
    assert.equal(items[0]?.name, 'Alice Liddell');
  });

  it('keeps the display spelling and signs in with any equivalent spelling', async () => {
    const testApp = await buildTestApp(testStore);
    await registered(testApp, { ...alice, username: 'ＭｉｘｅｄＣａｓｅ' });
    const response = await request(testApp.app)
      .post('/login')
      .send({ username: 'mixedcase', password: alice.password })
      .expect(200);
    assert.equal(response.body.response.username, 'ＭｉｘｅｄＣａｓｅ');
  });
});

describe('POST /login', () => {
  it('returns the token in the body and in an HttpOnly cookie', async () => {
    const testApp = await buildTestApp(testStore);
    await registered(testApp);
    const response = await request(testApp.app).post('/login').send({ username: 'alice', password: alice.password }).expect(200);
    assert.equal(response.body.message, 'User logged in successfully');
    const { username, name, token } = response.body.response;
    assert.equal(username, 'Alice');
    assert.equal(name, 'Alice Liddell');
    assert.equal(token.split('.').length, 3);

    const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? [])[0] ?? '';
    assert.ok(cookie.startsWith(`auth_token=${token};`));
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Lax/);
    assert.match(cookie, /; Path=\//);
    assert.match(cookie, /; Max-Age=3600/);
    assert.match(cookie, /; Secure/);
  });

  it('omits Secure only in explicit plain-HTTP development mode', async () => {
    const testApp = await buildTestApp(testStore, { env: { COOKIE_SECURE: 'false' } });
    await registered(testApp);
    const response = await request(testApp.app).post('/login').send(alice).expect(200);
    const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? [])[0] ?? '';
    assert.doesNotMatch(cookie, /Secure/);
  });

  it('gives the same 401 for a wrong password and an unknown user', async () => {
    const testApp = await buildTestApp(testStore);
    await registered(testApp);
    const wrongPassword = await request(testApp.app)
      .post('/login')
      .send({ username: 'alice', password: 'not-the-password' })
      .expect(401);
    const unknownUser = await request(testApp.app)
      .post('/login')
      .send({ username: 'nobody', password: 'not-the-password' })
      .expect(401);
    assert.deepEqual(wrongPassword.body, unknownUser.body);
    assert.equal(wrongPassword.body.message, 'Wrong username or password');
    assert.equal(wrongPassword.headers['set-cookie'], undefined);
  });

  it('does not trim passwords', async () => {
    const testApp = await buildTestApp(testStore);
    await registered(testApp, { ...alice, password: ' spaced password ' });
    await request(testApp.app).post('/login').send({ username: 'alice', password: 'spaced password' }).expect(401);
    await request(testApp.app).post('/login').send({ username: 'alice', password: ' spaced password ' }).expect(200);
  });

  it('does not truncate passwords at 72 bytes', async () => {
    const testApp = await buildTestApp(testStore);
    const prefix = 'p'.repeat(72);
    await registered(testApp, { ...alice, password: `${prefix}-first` });
    await request(testApp.app)
      .post('/login')
      .send({ username: 'alice', password: `${prefix}-second` })
      .expect(401);
    await request(testApp.app).post('/login').send({ username: 'alice', password: prefix }).expect(401);
    await request(testApp.app)
      .post('/login')
      .send({ username: 'alice', password: `${prefix}-first` })
      .expect(200);
  });

  it('answers 400 for missing fields', async () => {
    const testApp = await buildTestApp(testStore);
    const response = await request(testApp.app).post('/login').send({ username: 'alice' }).expect(400);
    assert.equal(response.body.field, 'password');
  });
});

describe('POST /verify', () => {
  it('accepts the token from the body, a bearer header or the cookie', async () => {
    const testApp = await buildTestApp(testStore);
    await registered(testApp);
    const token = await loginToken(testApp);
    const expected = { verified: true, message: 'success', username: 'Alice', amr: ['pwd'] };

    assert.deepEqual((await request(testApp.app).post('/verify').send({ token }).expect(200)).body, expected);
    assert.deepEqual(
      (await request(testApp.app).post('/verify').set('Authorization', `Bearer ${token}`).expect(200)).body,
      expected,
    );
    assert.deepEqual(
      (await request(testApp.app).post('/verify').type('json').set('Cookie', `auth_token=${token}`).expect(200)).body,
      expected,
    );
  });

  it('prefers the body token over the header and the cookie', async () => {
    const testApp = await buildTestApp(testStore);
    await registered(testApp);
    const token = await loginToken(testApp);
    await request(testApp.app)
      .post('/verify')
      .set('Authorization', `Bearer ${token}`)
      .set('Cookie', `auth_token=${token}`)
      .send({ token: 'not-a-token' })
      .expect(401);
  });

  it('checks an optional username against the subject', async () => {
    const testApp = await buildTestApp(testStore);
    await registered(testApp);
    const token = await loginToken(testApp);
    await request(testApp.app).post('/verify').send({ token, username: 'ALICE' }).expect(200);
    const response = await request(testApp.app).post('/verify').send({ token, username: 'bob' }).expect(401);
    assert.equal(response.body.verified, false);
  });

  it('answers 401 with verified:false for no token, garbage, or an expired token', async () => {
    const clock = new ManualClock();
    const testApp = await buildTestApp(testStore, { clock });
    await registered(testApp);
    const token = await loginToken(testApp);

    for (const body of [{}, { token: 'garbage' }, { token: `${token}x` }]) {
      const response = await request(testApp.app).post('/verify').send(body).expect(401);
      assert.equal(response.body.verified, false);
      assert.equal(typeof response.body.message, 'string');
    }
    clock.advance((3600 + 31) * 1000);
    const expired = await request(testApp.app).post('/verify').send({ token }).expect(401);
    assert.equal(expired.body.verified, false);
  });

  it('treats an expired session item as absent even when its token still verifies', async () => {
    // Real DynamoDB serves expired items for up to two days; the session's own expiry must rule.
    const clock = new ManualClock();
    const testApp = await buildTestApp(testStore, {
      clock,
      env: { CLOCK_SKEW_SECONDS: '60', SESSION_IDLE_TIMEOUT_SECONDS: '3600' },
    });
    await registered(testApp);
    const token = await loginToken(testApp);
    clock.advance((3600 + 10) * 1000); // past the session's expiry, inside the token's clock tolerance
    await request(testApp.app).post('/verify').send({ token }).expect(401);
    const items = (await testStore.scan(testApp.tableName)).filter((item) => item.type !== 'event');
    assert.equal(items.length, 2, 'the item is still there; code ignores it');
  });

  it('answers 400 when token is not a string', async () => {
    const testApp = await buildTestApp(testStore);
    const response = await request(testApp.app).post('/verify').send({ token: 12 }).expect(400);
    assert.equal(response.body.field, 'token');
  });
});

describe('POST /logout', () => {
  it('revokes that session at once and clears the cookie', async () => {
    const testApp = await buildTestApp(testStore);
    await registered(testApp);
    const token = await loginToken(testApp);
    const response = await request(testApp.app).post('/logout').type('json').set('Cookie', `auth_token=${token}`).expect(200);
    assert.equal(response.body.message, 'Logged out successfully');
    const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? [])[0] ?? '';
    assert.match(cookie, /^auth_token=;/);
    assert.match(cookie, /Expires=Thu, 01 Jan 1970/);

    await request(testApp.app).post('/verify').send({ token }).expect(401);
    await request(testApp.app).post('/logout').send({ token }).expect(401);
  });

  it('answers 401 for a missing, invalid or expired token', async () => {
    const clock = new ManualClock();
    const testApp = await buildTestApp(testStore, { clock });
    await registered(testApp);
    const token = await loginToken(testApp);
    await request(testApp.app).post('/logout').expect(401);
    await request(testApp.app).post('/logout').send({ token: 'nope' }).expect(401);
    clock.advance(2 * 3600 * 1000);
    await request(testApp.app).post('/logout').set('Authorization', `Bearer ${token}`).expect(401);
  });
});

describe('HTTP edges', () => {
  it('answers malformed JSON with 400', async () => {
    const testApp = await buildTestApp(testStore);
    const response = await request(testApp.app)
      .post('/login')
      .set('content-type', 'application/json')
      .send('{"username": ')
      .expect(400);
    assert.equal(response.body.message, 'Malformed JSON body');
  });

  it('answers a body over 16 KB with 413', async () => {
    const testApp = await buildTestApp(testStore);
    const response = await request(testApp.app)
      .post('/register')
      .send({ ...alice, name: 'x'.repeat(17 * 1024) })
      .expect(413);
    assert.equal(typeof response.body.message, 'string');
  });

  it('answers a non-JSON content type with 415', async () => {
    const testApp = await buildTestApp(testStore);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await request(testApp.app).post('/login').set('content-type', type).send('username=a').expect(415);
      assert.equal(typeof response.body.message, 'string');
    }
  });

  it('answers unknown routes with a JSON 404 and never leaks a stack', async () => {
    const testApp = await buildTestApp(testStore);
    const response = await request(testApp.app).get('/nope').expect(404);
    assert.deepEqual(Object.keys(response.body).sort(), ['code', 'message']);
    // A known path with a method it does not serve is a 405 with Allow, not a 404 (test/http-methods.test.ts).
    const wrongMethod = await request(testApp.app).get('/login').expect(405);
    assert.equal(wrongMethod.headers.allow, 'OPTIONS, POST');
    assert.equal(response.headers['x-powered-by'], undefined);
  });
});
