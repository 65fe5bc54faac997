import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import request from 'supertest';
import { buildTestApp, type TestApp } from './support/app';
import { useTestStore } from './support/store';
import { registerAndSignIn } from './support/users';

const testStore = useTestStore();

const alice = { name: 'Alice Liddell', username: 'Alice', password: 'rabbit-hole-2024' };
const newPassword = 'through-the-looking-glass';

interface LoggedIn {
  token: string;
  refreshToken: string;
}

async function setUp(): Promise<TestApp> {
  const testApp = await buildTestApp(testStore);
  await request(testApp.app).post('/register').send(alice).expect(201);
  return testApp;
}

async function login(testApp: TestApp, password = alice.password): Promise<LoggedIn> {
  const response = await request(testApp.app).post('/login').send({ username: 'alice', password }).expect(200);
  return response.body.response as LoggedIn;
}

const verifies = async (testApp: TestApp, token: string): Promise<boolean> =>
  (await request(testApp.app).post('/verify').send({ token })).status === 200;

const sessionItems = async (testApp: TestApp) =>
  (await testStore.scan(testApp.tableName)).filter((item) => String(item.sk).startsWith('SESSION#'));

describe('GET /me', () => {
  it("returns the signed-in user's profile, by bearer or cookie, without secrets", async () => {
    const testApp = await setUp();
    const { token } = await login(testApp);
    for (const [header, value] of [
      ['Authorization', `Bearer ${token}`],
      ['Cookie', `auth_token=${token}`],
    ] as const) {
      const response = await request(testApp.app).get('/me').set(header, value).expect(200);
      assert.deepEqual(Object.keys(response.body.response).sort(), [
        'createdAt',
        'email',
        'emailVerified',
        'name',
        'pendingEmail',
        'username',
      ]);
      assert.equal(response.body.response.username, 'Alice');
      assert.equal(response.body.response.name, 'Alice Liddell');
      assert.ok(!Number.isNaN(Date.parse(response.body.response.createdAt)));
    }
  });
});

describe('POST /password', () => {
  it('changes the password, keeps the current session and revokes every other one', async () => {
    const testApp = await setUp();
    const current = await login(testApp);
    const others = [await login(testApp), await login(testApp)];
    await request(testApp.app)
      .post('/password')
      .set('Authorization', `Bearer ${current.token}`)
      .send({ currentPassword: alice.password, newPassword })
      .expect(200);

    assert.ok(await verifies(testApp, current.token));
    assert.equal((await request(testApp.app).post('/refresh').send({ refreshToken: current.refreshToken })).status, 200);
    for (const other of others) {
      assert.equal(await verifies(testApp, other.token), false);
      assert.equal((await request(testApp.app).post('/refresh').send({ refreshToken: other.refreshToken })).status, 401);
    }
    assert.equal((await sessionItems(testApp)).length, 1);
    await request(testApp.app).post('/login').send({ username: 'alice', password: alice.password }).expect(401);
    await login(testApp, newPassword);
  });

  it('answers 403 for a wrong current password and changes nothing', async () => {
    const testApp = await setUp();
    const current = await login(testApp);
    const other = await login(testApp);
    const response = await request(testApp.app)
      .post('/password')
      .set('Authorization', `Bearer ${current.token}`)
      .send({ currentPassword: 'not-my-password', newPassword })
      .expect(403);
    assert.equal(response.body.code, 'WRONG_PASSWORD');
    assert.ok(await verifies(testApp, other.token));
    await login(testApp);
  });

  it('applies the password policy and names the field', async () => {
    const testApp = await setUp();
    const { token } = await login(testApp);
    const cases: [Record<string, unknown>, string][] = [
      [{ currentPassword: alice.password, newPassword: 'short' }, 'newPassword'],
      [{ currentPassword: alice.password, newPassword: 'x'.repeat(300) }, 'newPassword'],
      [{ currentPassword: alice.password }, 'newPassword'],
      [{ newPassword }, 'currentPassword'],
      [{ currentPassword: 7, newPassword }, 'currentPassword'],
    ];
    for (const [body, field] of cases) {
      const response = await request(testApp.app)
        .post('/password')
        .set('Authorization', `Bearer ${token}`)
        .send(body)
        .expect(400);
      assert.equal(response.body.field, field, JSON.stringify(body));
    }
    await login(testApp);
  });

  it('lets only one of two concurrent changes win; the other gets a 409 or 403', async () => {
    const testApp = await setUp();
    const { token } = await login(testApp);
    const change = (next: string) =>
      request(testApp.app)
        .post('/password')
        .set('Authorization', `Bearer ${token}`)
        .send({ currentPassword: alice.password, newPassword: next });
    const results = await Promise.all([change('first-new-password'), change('second-new-password')]);
    const statuses = results.map((response) => response.status).sort();
    assert.equal(statuses.filter((status) => status === 200).length, 1, String(statuses));
    const winner = results[0]?.status === 200 ? 'first-new-password' : 'second-new-password';
    const loser = winner === 'first-new-password' ? 'second-new-password' : 'first-new-password';
    await login(testApp, winner);
    await request(testApp.app).post('/login').send({ username: 'alice', password: loser }).expect(401);
  });
});

describe('DELETE /account', () => {
  it('deletes the user and every session; its tokens stop working at once', async () => {
    const testApp = await setUp();
    const bob = await registerAndSignIn(testApp.app, { ...alice, username: 'bob' });
    const current = await login(testApp);
    const other = await login(testApp);
    const response = await request(testApp.app)
      .delete('/account')
      .set('Cookie', `auth_token=${current.token}`)
      .send({ password: alice.password })
      .expect(200);
    assert.match(([] as string[]).concat(response.headers['set-cookie'] ?? [])[0] ?? '', /^auth_token=;/);

    for (const session of [current, other]) {
      assert.equal(await verifies(testApp, session.token), false);
      assert.equal((await request(testApp.app).post('/refresh').send({ refreshToken: session.refreshToken })).status, 401);
      await request(testApp.app).get('/me').set('Authorization', `Bearer ${session.token}`).expect(401);
    }
    await request(testApp.app).post('/login').send({ username: 'alice', password: alice.password }).expect(401);
    const items = await testStore.scan(testApp.tableName);
    // Only her audit trail, until its TTL: an earlier account's events are never shown to a later one of the same name.
    assert.equal(
      items.some((item) => String(item.pk) === 'USER#alice' && item.type !== 'event'),
      false,
      'nothing of alice is left but her events',
    );
    assert.ok(await verifies(testApp, bob.token), "bob's session is untouched");
    // The name is free again, and the old tokens stay dead for the new account.
    await request(testApp.app).post('/register').send(alice).expect(201);
    assert.equal(await verifies(testApp, current.token), false);
  });

  it('answers 403 for a wrong password and 400 without one, deleting nothing', async () => {
    const testApp = await setUp();
    const { token } = await login(testApp);
    const wrong = await request(testApp.app)
      .delete('/account')
      .set('Authorization', `Bearer ${token}`)
      .send({ password: 'nope-nope' })
      .expect(403);
    assert.equal(wrong.body.code, 'WRONG_PASSWORD');
    const missing = await request(testApp.app).delete('/account').set('Authorization', `Bearer ${token}`).send({}).expect(400);
    assert.equal(missing.body.field, 'password');
    assert.ok(await verifies(testApp, token));
    await login(testApp);
  });

  it('leaves no working session behind when logins race the deletion', async () => {
    const testApp = await setUp();
    const { token } = await login(testApp);
    const logins = Array.from({ length: 8 }, () =>
      request(testApp.app).post('/login').send({ username: 'alice', password: alice.password }),
    );
    const deletion = request(testApp.app)
      .delete('/account')
      .set('Authorization', `Bearer ${token}`)
      .send({ password: alice.password });
    const [deleted, ...results] = await Promise.all([deletion, ...logins]);
    assert.equal(deleted.status, 200);
    for (const result of results) {
      assert.ok([200, 401].includes(result.status), String(result.status));
      if (result.status === 200) assert.equal(await verifies(testApp, result.body.response.token), false);
    }
    assert.equal((await sessionItems(testApp)).length, 0);
  });
});

describe('a session whose account is gone', () => {
  it('is revoked, with every other session of that user, the first time an account route sees it', async () => {
    // As after a deletion that removed the account but failed before revoking the sessions.
    const testApp = await setUp();
    const sessions = [await login(testApp), await login(testApp)];
    const documents = DynamoDBDocumentClient.from(testStore.client);
    await documents.send(new DeleteCommand({ TableName: testApp.tableName, Key: { pk: 'USER#alice', sk: 'PROFILE' } }));
    assert.equal((await sessionItems(testApp)).length, 2);

    await request(testApp.app).get('/me').set('Authorization', `Bearer ${sessions[0]!.token}`).expect(401);
    assert.equal((await sessionItems(testApp)).length, 0);
    for (const { token } of sessions) assert.equal(await verifies(testApp, token), false);
  });
});
