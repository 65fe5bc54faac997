import assert from 'node:assert/strict';
import { createHmac, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Express } from 'express';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createApp } from '../src/app';
import type { Clock } from '../src/clock';
import { loadConfig } from '../src/config';
import { generateSigningKey, type SigningKeyMaterial } from '../src/config-signing-keys';
import { connectStore } from '../src/dependencies/store';
import { withLocalKeys } from '../src/local-key-files';
import { createLogger } from '../src/logger';
import { ManualClock, testEnv } from './support/app';
import { configErrorOf, PRODUCTION_MAIL_ENV } from './support/config';
import { useTestStore } from './support/store';

const testStore = useTestStore();

const alice = { name: 'Alice Liddell', username: 'Alice', password: 'rabbit-hole-2024' };
const keyA = generateSigningKey();
const keyB = generateSigningKey();
const keySet = (...keys: SigningKeyMaterial[]): string => JSON.stringify({ keys });

/** An app on a given table, so two configurations (before and after a rotation) share their sessions. */
async function appOn(
  tableName: string,
  env: Record<string, string>,
  clock: Clock,
  options: { noSecret?: boolean } = {},
): Promise<Express> {
  const fullEnv = testEnv(testStore.endpoint, tableName, env);
  if (options.noSecret === true) delete fullEnv.JWT_SECRET;
  const config = await loadConfig(fullEnv);
  const { store, rateLimits } = connectStore(config.store);
  return createApp({ config, store, rateLimits, logger: createLogger(config.logLevel), clock });
}

async function loginToken(app: Express): Promise<string> {
  const response = await request(app).post('/login').send({ username: alice.username, password: alice.password }).expect(200);
  return response.body.response.token as string;
}

const verifies = async (app: Express, token: string): Promise<boolean> =>
  (await request(app).post('/verify').send({ token })).status === 200;

describe('ES256 signing', () => {
  it('signs with a kid and publishes the public key, which verifies tokens without any secret', async () => {
    const tableName = await testStore.newTable();
    const app = await appOn(tableName, { JWT_ALGORITHM: 'ES256', JWT_SIGNING_KEYS: keySet(keyA) }, new ManualClock());
    await request(app).post('/register').send(alice).expect(201);
    const token = await loginToken(app);
    const header = jwt.decode(token, { complete: true })?.header;
    assert.equal(header?.alg, 'ES256');
    assert.equal(header?.kid, keyA.kid);

    const jwksResponse = await request(app).get('/.well-known/jwks.json').expect(200);
    assert.match(String(jwksResponse.headers['cache-control']), /max-age=\d+/);
    const { keys } = jwksResponse.body as { keys: Record<string, string>[] };
    assert.equal(keys.length, 1);
    const jwk = keys[0] ?? {};
    assert.deepEqual(
      { kty: jwk.kty, crv: jwk.crv, kid: jwk.kid, alg: jwk.alg, use: jwk.use },
      { kty: 'EC', crv: 'P-256', kid: keyA.kid, alg: 'ES256', use: 'sig' },
    );
    assert.equal(jwk.d, undefined, 'no private part');
    assert.equal(JSON.stringify(jwksResponse.body).includes('PRIVATE'), false);

    // What another service does: check the token with the published key alone.
    const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
    const claims = jwt.verify(token, publicKey, {
      algorithms: ['ES256'],
      issuer: 'serverless-auth',
      audience: 'serverless-auth',
    });
    assert.equal((claims as jwt.JwtPayload).sub, 'Alice');
    assert.ok(await verifies(app, token));
  });

  it('rotates by configuration: the new key signs, the old key verifies until its tokens expire, JWKS shows both', async () => {
    const clock = new ManualClock();
    const tableName = await testStore.newTable();
    const before = await appOn(tableName, { JWT_ALGORITHM: 'ES256', JWT_SIGNING_KEYS: keySet(keyA) }, clock);
    await request(before).post('/register').send(alice).expect(201);
    const oldToken = await loginToken(before);

    // Step 1 of a rotation: publish B next to A, sign with B.
    const during = await appOn(
      tableName,
      { JWT_ALGORITHM: 'ES256', JWT_SIGNING_KEYS: keySet(keyA, keyB), JWT_SIGNING_KID: keyB.kid },
      clock,
    );
    const kids = ((await request(during).get('/.well-known/jwks.json').expect(200)).body.keys as { kid: string }[]).map(
      (key) => key.kid,
    );
    assert.deepEqual(kids.sort(), [keyA.kid, keyB.kid].sort());
    const newToken = await loginToken(during);
    assert.equal(jwt.decode(newToken, { complete: true })?.header.kid, keyB.kid);
    assert.ok(await verifies(during, oldToken), 'a token signed by the old key still verifies');
    assert.ok(await verifies(during, newToken));
    assert.equal(await verifies(before, newToken), false, 'an instance that does not know B yet refuses it');

    // The old token ends at its own expiry, not before.
    clock.advance((3600 - 60) * 1000);
    assert.ok(await verifies(during, oldToken));
    clock.advance((60 + 31) * 1000);
    assert.equal(await verifies(during, oldToken), false);

    // Step 2: once A's tokens have expired, A leaves the set.
    const afterRotation = await appOn(tableName, { JWT_ALGORITHM: 'ES256', JWT_SIGNING_KEYS: keySet(keyB) }, clock);
    const freshToken = await loginToken(afterRotation);
    assert.ok(await verifies(afterRotation, freshToken));
    assert.equal(await verifies(afterRotation, oldToken), false);
    const remaining = (await request(afterRotation).get('/.well-known/jwks.json')).body.keys as { kid: string }[];
    assert.deepEqual(
      remaining.map((key) => key.kid),
      [keyB.kid],
    );
  });

  it('refuses tokens with no kid, an unknown kid, alg none, or HS256 signed with the public key', async () => {
    const tableName = await testStore.newTable();
    const clock = new ManualClock();
    const app = await appOn(tableName, { JWT_ALGORITHM: 'ES256', JWT_SIGNING_KEYS: keySet(keyA) }, clock, { noSecret: true });
    await request(app).post('/register').send(alice).expect(201);
    const token = await loginToken(app);
    const claims = jwt.decode(token) as jwt.JwtPayload;
    const publicPem = createPublicKey(keyA.privateKeyPem).export({ format: 'pem', type: 'spki' }).toString();
    const forged = [
      jwt.sign(claims, keyB.privateKeyPem, { algorithm: 'ES256', keyid: keyA.kid }),
      jwt.sign(claims, keyB.privateKeyPem, { algorithm: 'ES256', keyid: keyB.kid }),
      jwt.sign(claims, keyA.privateKeyPem, { algorithm: 'ES256' }),
      `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${token.split('.')[1]}.`,
      `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: keyA.kid })).toString('base64url')}.${token.split('.')[1]}.x`,
      hmacWithKey(token, publicPem),
    ];
    for (const candidate of forged) assert.equal(await verifies(app, candidate), false, candidate.slice(0, 40));
    assert.ok(await verifies(app, token));
  });

  it('with ES256, still accepts HS256 tokens only while a configured secret is kept for the migration', async () => {
    const clock = new ManualClock();
    const tableName = await testStore.newTable();
    const hs = await appOn(tableName, {}, clock);
    await request(hs).post('/register').send(alice).expect(201);
    const hsToken = await loginToken(hs);
    const migrating = await appOn(tableName, { JWT_ALGORITHM: 'ES256', JWT_SIGNING_KEYS: keySet(keyA) }, clock);
    assert.ok(await verifies(migrating, hsToken), 'JWT_SECRET is still configured');
    const esOnly = await appOn(tableName, { JWT_ALGORITHM: 'ES256', JWT_SIGNING_KEYS: keySet(keyA) }, clock, { noSecret: true });
    assert.equal(await verifies(esOnly, hsToken), false, 'without a configured secret, HS256 is not accepted');
  });

  it('publishes no keys with HS256 alone', async () => {
    const app = await appOn(await testStore.newTable(), {}, new ManualClock());
    assert.deepEqual((await request(app).get('/.well-known/jwks.json').expect(200)).body, { keys: [] });
  });
});

describe('signing key configuration', () => {
  const base = (overrides: Record<string, string | undefined>): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...testEnv('http://127.0.0.1:1', 'auth'), JWT_ALGORITHM: 'ES256' };
    for (const [name, value] of Object.entries(overrides)) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
    return env;
  };
  const problemsOf = async (env: NodeJS.ProcessEnv, readSecret?: (id: string) => Promise<string>): Promise<string> =>
    (await configErrorOf(env, readSecret)).message;

  it('names every bad key set without printing key material', async () => {
    const cases: [string, RegExp][] = [
      ['not json', /JWT_SIGNING_KEYS: is not valid JSON/],
      ['{"keys":[]}', /JWT_SIGNING_KEYS: keys: must hold at least one key/],
      [JSON.stringify({ keys: [{ kid: 'bad kid!', privateKeyPem: keyA.privateKeyPem }] }), /kid must be/],
      [
        JSON.stringify({ keys: [{ kid: 'k1', privateKeyPem: 'nope' }] }),
        /key k1: privateKeyPem is not a readable PEM private key/,
      ],
      [keySet(keyA, { ...keyB, kid: keyA.kid }), /appears twice/],
    ];
    for (const [value, message] of cases) {
      const text = await problemsOf(base({ JWT_SIGNING_KEYS: value }));
      assert.match(text, message);
      assert.equal(text.includes('PRIVATE KEY'), false);
    }
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    assert.match(
      await problemsOf(base({ JWT_SIGNING_KEYS: JSON.stringify({ keys: [{ kid: 'r', privateKeyPem: rsa }] }) })),
      /EC P-256/,
    );
    assert.match(
      await problemsOf(base({ JWT_SIGNING_KEYS: keySet(keyA), JWT_SIGNING_KID: 'missing' })),
      /JWT_SIGNING_KID: no key with kid missing/,
    );
  });

  it('requires keys for ES256 in production, and no HS secret then', async () => {
    const production = { NODE_ENV: 'production', BCRYPT_COST: '12', JWT_SECRET: undefined, ...PRODUCTION_MAIL_ENV };
    assert.match(await problemsOf(base(production)), /ES256 needs signing keys in production/);
    const config = await loadConfig(base({ ...production, JWT_SIGNING_KEYS: keySet(keyA) }));
    assert.equal(config.jwt.signingKeysGenerated, false);
  });

  it('reads the key set from Secrets Manager when JWT_SIGNING_KEYS_SECRET_ID is set', async () => {
    const asked: string[] = [];
    const readSecret = async (id: string) => {
      asked.push(id);
      return keySet(keyB, keyA);
    };
    const config = await loadConfig(base({ JWT_SIGNING_KEYS_SECRET_ID: 'auth/signing-keys' }), readSecret);
    assert.deepEqual(asked, ['auth/signing-keys']);
    assert.deepEqual(
      config.jwt.signingKeys.map((key) => key.kid),
      [keyB.kid, keyA.kid],
    );
    assert.match(
      await problemsOf(base({ JWT_SIGNING_KEYS_SECRET_ID: 'x', JWT_SIGNING_KEYS: keySet(keyA) })),
      /set one or the other/,
    );
  });

  it('locally generates one key pair, keeps it in DATA_DIR and reuses it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'signing-keys-'));
    try {
      const env = base({ DATA_DIR: dataDir });
      const first = await withLocalKeys(await loadConfig(env));
      const second = await withLocalKeys(await loadConfig(env));
      assert.equal(first.jwt.signingKeys.length, 1);
      assert.deepEqual(second.jwt.signingKeys, first.jwt.signingKeys);
      const file = join(dataDir, 'signing-keys.json');
      assert.equal((await stat(file)).mode & 0o777, 0o600);
      assert.match(await readFile(file, 'utf8'), /BEGIN PRIVATE KEY/);
      const inMemory = await withLocalKeys(await loadConfig({ ...env, STORE_IN_MEMORY: 'true' }));
      assert.notDeepEqual(inMemory.jwt.signingKeys, first.jwt.signingKeys, 'in-memory mode keeps nothing on disk');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

/** An HS256 signature made with the public key as the "secret": the classic algorithm-confusion forgery. */
function hmacWithKey(token: string, key: string): string {
  const [, payload] = token.split('.');
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
