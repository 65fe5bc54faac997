import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { generateSigningKey } from '../src/config-signing-keys';
import { hasLowS } from '../src/services/ecdsa-low-s';
import { buildTestApp } from './support/app';
import { useTestStore } from './support/store';

const testStore = useTestStore();
const key = generateSigningKey();
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** The other valid signature of the same token: (r, n - s). */
function malleated(token: string): string {
  const [head, payload, signature = ''] = token.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  const s = BigInt(`0x${bytes.subarray(32).toString('hex')}`);
  const flipped = Buffer.from((P256_ORDER - s).toString(16).padStart(64, '0'), 'hex');
  return `${head}.${payload}.${Buffer.concat([bytes.subarray(0, 32), flipped]).toString('base64url')}`;
}

describe('ES256 signatures: low-S only', () => {
  it('issues only low-S signatures, and refuses the high-S twin of a valid token', async () => {
    const { app } = await buildTestApp(testStore, {
      env: { JWT_ALGORITHM: 'ES256', JWT_SIGNING_KEYS: JSON.stringify({ keys: [key] }) },
    });
    const user = { name: 'Sig', username: 'sig-user', password: 'a perfectly fine passphrase' };
    await request(app).post('/register').send(user).expect(201);
    const publicKey = createPublicKey(key.privateKeyPem);
    // OpenSSL returns high S about half the time: 16 logins would all be low-S by chance once in 65536.
    for (let attempt = 0; attempt < 16; attempt += 1) {
      const token = (await request(app).post('/login').send(user).expect(200)).body.response.token as string;
      assert.ok(hasLowS(token), 'signed in low-S form');
      const twin = malleated(token);
      assert.ok(!hasLowS(twin));
      // Both forms verify as plain ECDSA: the malleability is real ...
      jwt.verify(twin, publicKey, { algorithms: ['ES256'] });
      // ... and the service accepts only the canonical one.
      await request(app).post('/verify').send({ token }).expect(200);
      const refused = await request(app).post('/verify').send({ token: twin }).expect(401);
      assert.equal(refused.body.verified, false);
    }
  });
});
