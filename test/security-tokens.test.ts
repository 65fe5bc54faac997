import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { buildTestApp, ManualClock, TEST_SECRET, type TestApp } from './support/app';
import { useTestStore } from './support/store';

const testStore = useTestStore();
let testApp: TestApp;
let clock: ManualClock;
const user = { name: 'Tess', username: 'tess', password: 'a perfectly fine passphrase' };

before(async () => {
  clock = new ManualClock();
  testApp = await buildTestApp(testStore, { clock, env: { CLOCK_SKEW_SECONDS: '30' } });
  await request(testApp.app).post('/register').send(user).expect(201);
});

const b64 = (value: object | string): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

async function freshLogin(): Promise<{ token: string; claims: jwt.JwtPayload }> {
  const token = (await request(testApp.app).post('/login').send(user).expect(200)).body.response.token as string;
  return { token, claims: jwt.decode(token) as jwt.JwtPayload };
}

async function assertRefused(token: string, label: string): Promise<void> {
  const viaBody = await request(testApp.app).post('/verify').send({ token });
  assert.equal(viaBody.status, token.length > 4096 ? 400 : 401, label);
  const viaHeader = await request(testApp.app).post('/verify').set('Authorization', `Bearer ${token}`);
  assert.equal(viaHeader.status, 401, label);
  assert.equal(viaHeader.body.verified, false, label);
}

/** A token signed with the real secret and a live session: only the named claim is wrong. */
function forge(claims: jwt.JwtPayload, changes: Record<string, unknown>, remove: string[] = []): string {
  const payload: Record<string, unknown> = { ...claims, ...changes };
  for (const key of remove) delete payload[key];
  return jwt.sign(payload, TEST_SECRET, { algorithm: 'HS256', noTimestamp: remove.includes('iat') });
}

describe('token attacks', () => {
  it('the genuine token passes (the control for every case below)', async () => {
    const { token, claims } = await freshLogin();
    await request(testApp.app).post('/verify').send({ token }).expect(200);
    await request(testApp.app)
      .post('/verify')
      .send({ token: forge(claims, {}) })
      .expect(200);
  });

  it('refuses alg none, with or without a signature', async () => {
    const { claims } = await freshLogin();
    for (const alg of ['none', 'None', 'NONE']) {
      const unsigned = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}.`;
      await assertRefused(unsigned, alg);
      await assertRefused(`${unsigned}${b64('sig')}`, `${alg} with signature`);
    }
  });

  it('refuses HS/RS confusion and any other algorithm', async () => {
    const { claims } = await freshLogin();
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await assertRefused(jwt.sign(claims, privateKey, { algorithm: 'RS256' }), 'RS256 with an attacker key');
    await assertRefused(
      jwt.sign(claims, publicPem, { algorithm: 'HS256', allowInsecureKeySizes: true } as jwt.SignOptions),
      'HS256 keyed with an RSA public key',
    );
    for (const algorithm of ['HS384', 'HS512'] as const) {
      await assertRefused(jwt.sign(claims, TEST_SECRET, { algorithm }), `${algorithm} with the real secret`);
    }
    const es = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await assertRefused(jwt.sign(claims, es.privateKey, { algorithm: 'ES256' }), 'ES256');
  });

  it('refuses a flipped signature byte and edited claims', async () => {
    const { token, claims } = await freshLogin();
    const [header, payload, signature = ''] = token.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    for (const index of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const flipped = Buffer.from(bytes);
      flipped[index] = (flipped[index] ?? 0) ^ 0x01;
      await assertRefused(`${header}.${payload}.${flipped.toString('base64url')}`, `flipped byte ${index}`);
    }
    for (const edit of [{ sub: 'admin' }, { exp: (claims.exp ?? 0) + 86_400 }, { sid: 'another-session' }]) {
      await assertRefused(`${header}.${b64({ ...claims, ...edit })}.${signature}`, JSON.stringify(edit));
    }
    await assertRefused(`${header}.${payload}`, 'two segments');
    await assertRefused(`${token}.extra`, 'four segments');
  });

  it('refuses expired, not-yet-valid and future-issued tokens, within the configured skew', async () => {
    const { claims } = await freshLogin();
    const now = Math.floor(clock.now() / 1000);
    await assertRefused(forge(claims, { iat: now - 7200, exp: now - 31 }), 'expired beyond the skew');
    await request(testApp.app)
      .post('/verify')
      .send({ token: forge(claims, { exp: now - 20 }) })
      .expect(200); // within skew
    const notYet = forge(claims, { nbf: now + 120 });
    await assertRefused(notYet, 'nbf in the future');
    await assertRefused(forge(claims, { iat: now + 600 }), 'issued in the future');
    clock.advance(121_000);
    await request(testApp.app).post('/verify').send({ token: notYet }).expect(200); // nbf honoured, not ignored
  });

  it('refuses the wrong issuer or audience, and a missing exp, iat, iss, aud, sub or sid', async () => {
    const { claims } = await freshLogin();
    await assertRefused(forge(claims, { iss: 'someone-else' }), 'iss');
    await assertRefused(forge(claims, { aud: 'another-api' }), 'aud');
    await assertRefused(forge(claims, { aud: [claims.aud, 'another-api'] }), 'aud list');
    for (const claim of ['exp', 'iat', 'iss', 'aud', 'sub', 'sid']) {
      await assertRefused(forge(claims, {}, [claim]), `missing ${claim}`);
    }
  });

  it('refuses over-long tokens before parsing them', async () => {
    const { claims } = await freshLogin();
    await assertRefused(forge(claims, { padding: 'x'.repeat(5000) }), 'over 4096 characters');
  });

  it('refuses replay after logout', async () => {
    const { token } = await freshLogin();
    await request(testApp.app).post('/logout').send({ token }).expect(200);
    await assertRefused(token, 'after logout');
    await request(testApp.app).post('/logout').send({ token }).expect(401);
  });

  it("refuses a deleted user's token even though its signature is still valid", async () => {
    const doomed = { name: 'Doomed', username: 'doomed', password: 'a perfectly fine passphrase' };
    await request(testApp.app).post('/register').send(doomed).expect(201);
    const token = (await request(testApp.app).post('/login').send(doomed).expect(200)).body.response.token as string;
    await request(testApp.app).post('/verify').send({ token }).expect(200);
    // Account deletion removes the profile and every session of the account.
    const documents = DynamoDBDocumentClient.from(testStore.client);
    for (const item of (await testStore.scan(testApp.tableName)).filter((entry) => entry.pk === 'USER#doomed')) {
      await documents.send(new DeleteCommand({ TableName: testApp.tableName, Key: { pk: item.pk, sk: item.sk } }));
    }
    await assertRefused(token, 'deleted user');
    // Re-registering the name does not revive the old token.
    await request(testApp.app).post('/register').send(doomed).expect(201);
    await assertRefused(token, 'deleted user, name taken again');
  });
});
