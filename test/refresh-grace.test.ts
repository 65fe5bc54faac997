import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import request from 'supertest';
import { generateSigningKey } from '../src/config-signing-keys';
import { buildTestApp, ManualClock, type TestApp } from './support/app';
import { useTestStore } from './support/store';

/**
 * Refresh that survives two tabs (issue 13): within REFRESH_REUSE_GRACE_SECONDS of a rotation, the
 * credential it replaced gets the very same successor credentials; anything else that is not current
 * revokes the session.
 */

const testStore = useTestStore();
const alice = { name: 'Alice', username: 'alice', password: 'a perfectly fine passphrase' };

interface Credentials {
  token: string;
  expiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
}

async function signedIn(options: Parameters<typeof buildTestApp>[1] = {}): Promise<{ testApp: TestApp; first: Credentials }> {
  const testApp = await buildTestApp(testStore, options);
  await request(testApp.app).post('/register').send(alice).expect(201);
  const first = (await request(testApp.app).post('/login').send(alice).expect(200)).body.response as Credentials;
  return { testApp, first };
}

const refresh = (testApp: TestApp, refreshToken: string) => request(testApp.app).post('/refresh').send({ refreshToken });
const credentialsOf = (response: request.Response): Credentials => {
  const { token, expiresAt, refreshToken, refreshExpiresAt } = response.body.response as Credentials;
  return { token, expiresAt, refreshToken, refreshExpiresAt };
};
const verifies = async (testApp: TestApp, token: string) =>
  (await request(testApp.app).post('/verify').send({ token })).status === 200;

describe('the refresh grace window', () => {
  it('gives concurrent refreshes with one credential the same successor credentials, and keeps the session', async () => {
    const clock = new ManualClock();
    const { testApp, first } = await signedIn({ clock });
    clock.advance(60_000);
    const answers = await Promise.all(Array.from({ length: 6 }, () => refresh(testApp, first.refreshToken)));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      Array(6).fill(200),
    );
    const successors = answers.map(credentialsOf);
    for (const successor of successors) assert.deepEqual(successor, successors[0], 'every tab converges on one session state');
    // The cookies match the body too.
    const cookieSets = answers.map((answer) =>
      ([] as string[]).concat(answer.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]),
    );
    for (const cookies of cookieSets) assert.deepEqual(cookies, cookieSets[0]);

    const successor = successors[0] as Credentials;
    assert.notEqual(successor.refreshToken, first.refreshToken);
    assert.ok(await verifies(testApp, successor.token));
    // The session goes on from the one successor.
    const next = await refresh(testApp, successor.refreshToken).expect(200);
    assert.ok(await verifies(testApp, next.body.response.token));
    const sessions = (await testStore.scan(testApp.tableName)).filter((item) => item.type === 'session');
    assert.equal(sessions.length, 1);
  });

  it('answers a retry after a lost answer, a few seconds later, with the same credentials', async () => {
    const clock = new ManualClock();
    const { testApp, first } = await signedIn({ clock });
    const original = credentialsOf(await refresh(testApp, first.refreshToken).expect(200));
    clock.advance(9_000);
    assert.deepEqual(credentialsOf(await refresh(testApp, first.refreshToken).expect(200)), original);
  });

  it('treats reuse after the window as theft: the whole session is revoked', async () => {
    const clock = new ManualClock();
    const { testApp, first } = await signedIn({ clock });
    const successor = credentialsOf(await refresh(testApp, first.refreshToken).expect(200));
    clock.advance(11_000);
    const replay = await refresh(testApp, first.refreshToken).expect(401);
    assert.equal(replay.body.code, 'REFRESH_TOKEN_REUSED');
    assert.equal(await verifies(testApp, successor.token), false);
    assert.equal((await refresh(testApp, successor.refreshToken)).status, 401);
  });

  it('refuses a credential two generations old even inside the window, and revokes the session', async () => {
    const { testApp, first } = await signedIn();
    const second = credentialsOf(await refresh(testApp, first.refreshToken).expect(200));
    const third = credentialsOf(await refresh(testApp, second.refreshToken).expect(200));
    const replay = await refresh(testApp, first.refreshToken).expect(401);
    assert.equal(replay.body.code, 'REFRESH_TOKEN_REUSED');
    assert.equal(await verifies(testApp, third.token), false);
  });

  it('with REFRESH_REUSE_GRACE_SECONDS=0 keeps the strict behaviour', async () => {
    const { testApp, first } = await signedIn({ env: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
    await refresh(testApp, first.refreshToken).expect(200);
    assert.equal((await refresh(testApp, first.refreshToken).expect(401)).body.code, 'REFRESH_TOKEN_REUSED');
  });

  it('stores nothing secret: only hashes of the secrets, a generation and a key id', async () => {
    const { testApp, first } = await signedIn();
    const successor = credentialsOf(await refresh(testApp, first.refreshToken).expect(200));
    const [session] = (await testStore.scan(testApp.tableName)).filter((item) => item.type === 'session');
    const stored = JSON.stringify(session);
    for (const credential of [first.refreshToken, successor.refreshToken]) {
      const secret = credential.split('.')[2] ?? '';
      assert.equal(stored.includes(secret), false);
    }
    assert.equal(stored.includes(successor.token), false);
    const hash = (credential: string) =>
      createHash('sha256')
        .update(credential.split('.')[2] ?? '')
        .digest('base64url');
    assert.equal(session?.refreshHash, hash(successor.refreshToken));
    assert.equal(session?.previousRefreshHash, hash(first.refreshToken));
    assert.equal(session?.refreshGeneration, 2);
  });

  it('with ES256, gives the second caller the same refresh credential and an access token with the same claims', async () => {
    const { testApp, first } = await signedIn({
      env: { JWT_ALGORITHM: 'ES256', JWT_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }) },
    });
    const [one, two] = (await Promise.all([refresh(testApp, first.refreshToken), refresh(testApp, first.refreshToken)])).map(
      credentialsOf,
    );
    assert.equal(one?.refreshToken, two?.refreshToken);
    const claims = (token = '') =>
      JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    assert.deepEqual(claims(one?.token), claims(two?.token));
    assert.ok(await verifies(testApp, one?.token ?? ''));
    assert.ok(await verifies(testApp, two?.token ?? ''));
  });

  it('still refreshes a session written before derived secrets (a random secret, no generation)', async () => {
    const { testApp, first } = await signedIn();
    // Make the session item look as an earlier version wrote it.
    const [userPart, sessionId] = first.refreshToken.split('.');
    const legacySecret = randomBytes(32).toString('base64url');
    const documents = DynamoDBDocumentClient.from(testStore.client);
    const [item] = (await testStore.scan(testApp.tableName)).filter((stored) => stored.type === 'session');
    await documents.send(
      new UpdateCommand({
        TableName: testApp.tableName,
        Key: { pk: item?.pk, sk: item?.sk },
        UpdateExpression: 'SET refreshHash = :hash REMOVE refreshGeneration, refreshKeyId',
        ExpressionAttributeValues: { ':hash': createHash('sha256').update(legacySecret).digest('base64url') },
      }),
    );
    const legacyCredential = `${userPart}.${sessionId}.${legacySecret}`;
    const successor = credentialsOf(await refresh(testApp, legacyCredential).expect(200));
    // Within the window the old random secret is recognised too, and gets the same answer.
    assert.deepEqual(credentialsOf(await refresh(testApp, legacyCredential).expect(200)), successor);
    await refresh(testApp, successor.refreshToken).expect(200);
  });
});
