import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Secret, TOTP, URI } from 'otpauth';
import { SoftAuthenticator } from '../harness/soft-authenticator';
import { loadAuthorizerConfig, loadConfig } from '../src/config';
import { generateEncryptionKey, parseEncryptionKeys } from '../src/config-mfa';
import { withLocalKeys } from '../src/local-key-files';
import { CHALLENGE_TTL_SECONDS, PasskeyService } from '../src/services/passkeys';
import { SecretBox, SecretDecryptionError } from '../src/services/secret-box';
import { ENROLMENT_TTL_SECONDS, TotpService } from '../src/services/totp';
import { MfaStore } from '../src/store/mfa';
import { ManualClock } from './support/app';
import { configErrorOf, PRODUCTION_MAIL_ENV } from './support/config';
import { capturedLogger } from './support/logs';
import { useTestStore } from './support/store';
import { totpCodeAt } from './support/totp-code';

const testStore = useTestStore();

const keyA = { kid: 'key-a', secret: `${'a'.repeat(16)}secret text of key A` };
const keyB = { kid: 'key-b', secret: `${'b'.repeat(16)}secret text of key B` };
const noSecrets = async (): Promise<string> => {
  throw new Error('Secrets Manager must not be called');
};

/** A fixed instant in the middle of a 30 s step, so "one step earlier/later" is unambiguous. */
const START = Date.UTC(2026, 2, 1, 9, 0, 15);

async function totpSetup(box = new SecretBox([keyA], undefined)) {
  const tableName = await testStore.newTable();
  const clock = new ManualClock(START);
  const store = new MfaStore(testStore.client, tableName);
  return { tableName, clock, store, totp: new TotpService(store, box, 'Example Auth', clock) };
}

async function enrolled(setup: Awaited<ReturnType<typeof totpSetup>>, userKey = 'ada') {
  const enrolment = await setup.totp.begin(userKey, 'Ada');
  const recoveryCodes = await setup.totp.confirm(userKey, totpCodeAt(enrolment.secret, setup.clock.now()));
  assert.ok(recoveryCodes);
  setup.clock.advance(60_000); // two steps past the one used to confirm, so "one step behind" is unused too
  return { secret: enrolment.secret, recoveryCodes };
}

describe('secret encryption at rest (AES-256-GCM, key id beside the ciphertext)', () => {
  it('seals and opens, binding the context; a wrong key id, context or a flipped bit does not open', () => {
    const box = new SecretBox([keyA], undefined);
    const plaintext = new TextEncoder().encode('12345678901234567890');
    const sealed = box.seal(plaintext, 'totp:ada');
    assert.equal(sealed.kid, 'key-a');
    assert.equal(Buffer.from(sealed.iv, 'base64url').length, 12);
    assert.ok(!Buffer.from(sealed.ciphertext, 'base64url').includes(Buffer.from(plaintext)));
    assert.deepEqual(new Uint8Array(box.open(sealed, 'totp:ada')), plaintext);
    assert.notEqual(box.seal(plaintext, 'totp:ada').ciphertext, sealed.ciphertext, 'a fresh IV each time');

    assert.throws(() => box.open(sealed, 'totp:eve'), SecretDecryptionError);
    const flipped = Buffer.from(sealed.ciphertext, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    assert.throws(() => box.open({ ...sealed, ciphertext: flipped.toString('base64url') }, 'totp:ada'), SecretDecryptionError);
    assert.throws(() => new SecretBox([keyB], undefined).open(sealed, 'totp:ada'), /key key-a is not configured/);
    assert.throws(
      () => new SecretBox([{ kid: 'key-a', secret: keyB.secret }], undefined).open(sealed, 'totp:ada'),
      SecretDecryptionError,
    );
  });

  it('rotates: every key opens, the named one seals', () => {
    const old = new SecretBox([keyA], undefined).seal(Buffer.from('seed'), 'ctx');
    const rotated = new SecretBox([keyA, keyB], 'key-b');
    assert.equal(rotated.open(old, 'ctx').toString(), 'seed');
    assert.equal(rotated.isStale(old), true);
    const resealed = rotated.seal(Buffer.from('seed'), 'ctx');
    assert.equal(resealed.kid, 'key-b');
    assert.equal(new SecretBox([keyB], undefined).open(resealed, 'ctx').toString(), 'seed');
    assert.throws(() => new SecretBox([keyA, keyB], undefined), /name the one that encrypts/);
  });

  it('parses the key set and says what is wrong without printing a key', () => {
    assert.deepEqual(parseEncryptionKeys(JSON.stringify({ [keyA.kid]: keyA.secret })), [keyA]);
    assert.throws(() => parseEncryptionKeys('{'), /not valid JSON/);
    assert.throws(() => parseEncryptionKeys('[]'), /JSON object of key id to key/);
    assert.throws(() => parseEncryptionKeys('{}'), /at least one key/);
    assert.throws(() => parseEncryptionKeys('{"bad id!":"x"}'), /key ids must be/);
    const weak = (() => {
      try {
        parseEncryptionKeys('{"k":"hunter2-short"}');
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    assert.match(weak, /at least 32 bytes/);
    assert.doesNotMatch(weak, /hunter2/);
  });
});

describe('MFA configuration', () => {
  const strong = { JWT_SECRET: 'j'.repeat(40), NODE_ENV: 'production', ...PRODUCTION_MAIL_ENV };

  it('requires the MFA keys in production, from the variable or a Secrets Manager secret', async () => {
    const problems = (await configErrorOf(strong, noSecrets)).problems.join('\n');
    assert.match(problems, /MFA_ENCRYPTION_KEYS or MFA_ENCRYPTION_KEYS_SECRET_ID: .*required in production/);

    const requested: string[] = [];
    const config = await loadConfig({ ...strong, MFA_ENCRYPTION_KEYS_SECRET_ID: 'auth/mfa' }, async (id) => {
      requested.push(id);
      return JSON.stringify({ [keyA.kid]: keyA.secret });
    });
    assert.deepEqual(requested, ['auth/mfa']);
    assert.deepEqual(config.mfa.encryptionKeys, [keyA]);
    assert.equal(config.mfa.encryptionKeysGenerated, false);

    const weak = (
      await configErrorOf({ ...strong, MFA_ENCRYPTION_KEYS_SECRET_ID: 'auth/mfa' }, async () => '{"k":"hunter2"}')
    ).problems.join();
    assert.match(weak, /MFA_ENCRYPTION_KEYS_SECRET_ID \(auth\/mfa\): k: each key must be at least 32 bytes/);
    assert.doesNotMatch(weak, /hunter2/);
    const both = JSON.stringify({ [keyA.kid]: keyA.secret, [keyB.kid]: keyB.secret });
    assert.match(
      (await configErrorOf({ ...strong, MFA_ENCRYPTION_KEYS: both }, noSecrets)).problems.join(),
      /MFA_ENCRYPTION_KID: .*several keys/,
    );
    assert.match(
      (await configErrorOf({ ...strong, MFA_ENCRYPTION_KEYS: both, MFA_ENCRYPTION_KID: 'key-c' }, noSecrets)).problems.join(),
      /MFA_ENCRYPTION_KID: no key with id key-c/,
    );
    const rotated = await loadConfig({ ...strong, MFA_ENCRYPTION_KEYS: both, MFA_ENCRYPTION_KID: 'key-b' }, noSecrets);
    assert.equal(rotated.mfa.encryptionKid, 'key-b');
    assert.match(
      (await configErrorOf({ MFA_ENCRYPTION_KEYS: '{}', MFA_ENCRYPTION_KEYS_SECRET_ID: 'x' }, noSecrets)).problems.join(),
      /not both/,
    );
  });

  it('lets the authorizer start without them (it never opens a secret) and without reading the secret', async () => {
    const config = await loadAuthorizerConfig({ ...strong, MFA_ENCRYPTION_KEYS_SECRET_ID: 'auth/mfa' }, noSecrets);
    assert.equal('mfa' in config, false);
  });

  it('generates a key locally, keeps it in DATA_DIR (mode 600) and reuses it; in-memory mode keeps nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mfa-keys-'));
    try {
      const env = { DATA_DIR: dataDir };
      const first = await withLocalKeys(await loadConfig(env, noSecrets));
      const second = await withLocalKeys(await loadConfig(env, noSecrets));
      assert.equal(first.mfa.encryptionKeys.length, 1);
      assert.deepEqual(second.mfa.encryptionKeys, first.mfa.encryptionKeys);
      const file = join(dataDir, 'mfa-keys.json');
      assert.equal((await stat(file)).mode & 0o777, 0o600);
      assert.deepEqual(parseEncryptionKeys(await readFile(file, 'utf8')), first.mfa.encryptionKeys);
      const inMemory = await withLocalKeys(await loadConfig({ ...env, STORE_IN_MEMORY: 'true' }, noSecrets));
      assert.notDeepEqual(inMemory.mfa.encryptionKeys, first.mfa.encryptionKeys);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('derives the WebAuthn RP ID and origin from PUBLIC_URL unless WEBAUTHN_RP_ID/WEBAUTHN_ORIGINS say otherwise', async () => {
    const keys = { MFA_ENCRYPTION_KEYS: JSON.stringify({ [keyA.kid]: keyA.secret }) };
    assert.deepEqual((await loadConfig({ ...strong, ...keys }, noSecrets)).webauthn, {
      rpId: 'auth.example.com',
      rpName: 'serverless-auth',
      origins: ['https://auth.example.com'],
    });
    const custom = await loadConfig(
      {
        ...strong,
        ...keys,
        WEBAUTHN_RP_ID: 'Example.com',
        WEBAUTHN_ORIGINS: 'https://auth.example.com,https://app.example.com',
        MFA_ISSUER: 'Example',
      },
      noSecrets,
    );
    assert.deepEqual(custom.webauthn, {
      rpId: 'example.com',
      rpName: 'Example',
      origins: ['https://auth.example.com', 'https://app.example.com'],
    });
    assert.deepEqual((await loadConfig({ PORT: '4000' }, noSecrets)).webauthn, {
      rpId: 'localhost',
      rpName: 'serverless-auth',
      origins: ['http://localhost:4000'],
    });
    assert.equal(
      (await loadConfig({ PUBLIC_URL: 'http://127.0.0.1:4000' }, noSecrets)).webauthn,
      null,
      'an IP address cannot be an RP ID: passkeys off',
    );
    assert.equal(
      (
        await loadConfig(
          { PUBLIC_URL: 'http://127.0.0.1:4000', WEBAUTHN_RP_ID: 'localhost', WEBAUTHN_ORIGINS: 'http://localhost:4000' },
          noSecrets,
        )
      ).webauthn?.rpId,
      'localhost',
    );

    const problems = async (env: Record<string, string>) =>
      (await configErrorOf({ ...strong, ...keys, ...env }, noSecrets)).problems.join('\n');
    assert.match(
      await problems({ WEBAUTHN_ORIGINS: 'https://evil.example.net' }),
      /WEBAUTHN_ORIGINS: https:\/\/evil.example.net is not auth.example.com/,
    );
    assert.match(
      await problems({ WEBAUTHN_ORIGINS: 'http://auth.example.com' }),
      /WEBAUTHN_ORIGINS: http:\/\/auth.example.com must be https/,
    );
    assert.match(await problems({ WEBAUTHN_RP_ID: '192.0.2.1' }), /WEBAUTHN_RP_ID: must be a domain name/);
    assert.match(await problems({ WEBAUTHN_RP_ID: 'exa mple.com' }), /WEBAUTHN_RP_ID: the WebAuthn RP ID must be a domain name/);
    assert.match(await problems({ WEBAUTHN_ORIGINS: 'not a url' }), /WEBAUTHN_ORIGINS: "not a url" is not a URL/);
  });
});

describe('TOTP (otpauth on an injected clock)', () => {
  it('enrols: base32 secret, otpauth URI and an SVG QR code; the table holds only the sealed secret', async () => {
    const setup = await totpSetup();
    const enrolment = await setup.totp.begin('ada', 'Ada');
    assert.match(enrolment.secret, /^[A-Z2-7]{32}$/);
    const parsed = URI.parse(enrolment.otpauthUri);
    assert.ok(parsed instanceof TOTP);
    assert.equal(parsed.issuer, 'Example Auth');
    assert.equal(parsed.label, 'Ada');
    assert.equal(parsed.period, 30);
    assert.equal(parsed.digits, 6);
    assert.equal(parsed.secret.base32, enrolment.secret);
    assert.match(enrolment.qrSvg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal(enrolment.expiresAt, Math.floor(START / 1000) + ENROLMENT_TTL_SECONDS);

    const stored = JSON.stringify(await testStore.scanAll(setup.tableName));
    const secretBytes = Buffer.from(Secret.fromBase32(enrolment.secret).bytes);
    for (const form of [
      enrolment.secret,
      secretBytes.toString('base64'),
      secretBytes.toString('base64url'),
      secretBytes.toString('hex'),
    ]) {
      assert.ok(!stored.includes(form), 'no form of the secret is stored in the clear');
    }
    assert.equal((await setup.totp.status('ada')).enabled, false, 'not on before it is confirmed');
  });

  it('turns on only with a right code, once, within the enrolment time; answers 10 recovery codes', async () => {
    const setup = await totpSetup();
    const enrolment = await setup.totp.begin('ada', 'Ada');
    const right = totpCodeAt(enrolment.secret, setup.clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    assert.equal(await setup.totp.confirm('ada', wrong), null);
    const codes = await setup.totp.confirm('ada', right);
    assert.equal(codes?.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes ?? []) assert.match(code, /^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
    assert.equal(await setup.totp.confirm('ada', right), null, 'the enrolment is used up');
    assert.deepEqual(await setup.totp.status('ada'), { enabled: true, recoveryCodesLeft: 10 });
    const stored = JSON.stringify(await testStore.scanAll(setup.tableName));
    for (const code of codes ?? [])
      assert.ok(!stored.includes(code) && !stored.includes(code.replaceAll('-', '')), 'only hashes of recovery codes are stored');

    const late = await totpSetup();
    const slow = await late.totp.begin('bob', 'Bob');
    late.clock.advance(ENROLMENT_TTL_SECONDS * 1000);
    assert.equal(
      await late.totp.confirm('bob', totpCodeAt(slow.secret, late.clock.now())),
      null,
      'an expired enrolment is absent',
    );
  });

  it('two confirmations of one enrolment racing: exactly one turns the factor on', async () => {
    const setup = await totpSetup();
    const enrolment = await setup.totp.begin('ada', 'Ada');
    const code = totpCodeAt(enrolment.secret, setup.clock.now());
    const results = await Promise.all(Array.from({ length: 6 }, () => setup.totp.confirm('ada', code)));
    assert.equal(results.filter((result) => result !== null).length, 1);
  });

  it('accepts a code of this step or one step either side, and no step twice (nor an earlier one after a later)', async () => {
    const setup = await totpSetup();
    const { secret } = await enrolled(setup);
    const now = setup.clock.now();
    assert.deepEqual(await setup.totp.checkCode('ada', totpCodeAt(secret, now - 30_000)), { accepted: true }, 'one step behind');
    assert.deepEqual(await setup.totp.checkCode('ada', totpCodeAt(secret, now)), { accepted: true });
    assert.deepEqual(await setup.totp.checkCode('ada', totpCodeAt(secret, now)), { accepted: false, reason: 'replayed' });
    assert.deepEqual(
      await setup.totp.checkCode('ada', totpCodeAt(secret, now - 30_000)),
      { accepted: false, reason: 'replayed' },
      'older than accepted',
    );
    assert.deepEqual(await setup.totp.checkCode('ada', totpCodeAt(secret, now + 30_000)), { accepted: true }, 'one step ahead');
    assert.deepEqual(
      await setup.totp.checkCode('ada', totpCodeAt(secret, now + 90_000)),
      { accepted: false, reason: 'wrong' },
      'three steps ahead',
    );
    setup.clock.advance(120_000);
    assert.deepEqual(
      await setup.totp.checkCode('ada', totpCodeAt(secret, now - 30_000)),
      { accepted: false, reason: 'wrong' },
      'long expired',
    );
    assert.deepEqual(await setup.totp.checkCode('ada', 'abcdef'), { accepted: false, reason: 'malformed' });
    assert.deepEqual(await setup.totp.checkCode('nobody', '123456'), { accepted: false, reason: 'not-enrolled' });
  });

  it('one code replayed in parallel: exactly one is accepted', async () => {
    const setup = await totpSetup();
    const { secret } = await enrolled(setup);
    const code = totpCodeAt(secret, setup.clock.now());
    const results = await Promise.all(Array.from({ length: 8 }, () => setup.totp.checkCode('ada', code)));
    assert.equal(results.filter((result) => result.accepted).length, 1);
  });

  it('recovery codes work once each (also when raced), in any case and grouping; a new set voids the old', async () => {
    const setup = await totpSetup();
    const { recoveryCodes } = await enrolled(setup);
    const [first = '', second = '', third = ''] = recoveryCodes;
    assert.equal(await setup.totp.useRecoveryCode('ada', first), true);
    assert.equal(await setup.totp.useRecoveryCode('ada', first), false);
    assert.equal(await setup.totp.useRecoveryCode('ada', ` ${second.toUpperCase().replaceAll('-', '')} `), true);
    assert.equal(await setup.totp.useRecoveryCode('bob', third), false, 'codes are per user');
    const raced = await Promise.all(Array.from({ length: 6 }, () => setup.totp.useRecoveryCode('ada', third)));
    assert.equal(raced.filter(Boolean).length, 1);
    assert.equal((await setup.totp.status('ada')).recoveryCodesLeft, 7);

    const fresh = await setup.totp.replaceRecoveryCodes('ada');
    assert.equal(fresh?.length, 10);
    assert.equal(await setup.totp.useRecoveryCode('ada', recoveryCodes[5] ?? ''), false, 'the old set is void');
    assert.equal(await setup.totp.useRecoveryCode('ada', fresh?.[0] ?? ''), true);
    assert.equal(await setup.totp.useRecoveryCode('ada', 'not-a-code'), false);
    assert.equal(await setup.totp.replaceRecoveryCodes('nobody'), null);
  });

  it('turning it off removes the factor with its codes', async () => {
    const setup = await totpSetup();
    const { secret, recoveryCodes } = await enrolled(setup);
    assert.equal(await setup.totp.disable('ada'), true);
    assert.equal(await setup.totp.disable('ada'), false);
    assert.deepEqual(await setup.totp.status('ada'), { enabled: false, recoveryCodesLeft: 0 });
    assert.equal((await setup.totp.checkCode('ada', totpCodeAt(secret, setup.clock.now()))).accepted, false);
    assert.equal(await setup.totp.useRecoveryCode('ada', recoveryCodes[0] ?? ''), false);
  });

  it('after a key rotation a secret moves to the current key the next time it is used', async () => {
    const setup = await totpSetup(new SecretBox([keyA], undefined));
    const { secret } = await enrolled(setup);
    const rotated = new TotpService(setup.store, new SecretBox([keyA, keyB], 'key-b'), 'Example Auth', setup.clock);
    assert.equal((await setup.store.getTotp('ada'))?.secret.kid, 'key-a');
    assert.equal((await rotated.checkCode('ada', totpCodeAt(secret, setup.clock.now()))).accepted, true);
    assert.equal((await setup.store.getTotp('ada'))?.secret.kid, 'key-b');
    setup.clock.advance(30_000);
    const onlyB = new TotpService(setup.store, new SecretBox([keyB], undefined), 'Example Auth', setup.clock);
    assert.equal((await onlyB.checkCode('ada', totpCodeAt(secret, setup.clock.now()))).accepted, true, 'the old key can go');
  });

  it('a generated key seals and opens like a configured one', () => {
    const box = new SecretBox([generateEncryptionKey()], undefined);
    assert.equal(box.open(box.seal(Buffer.from('x'), 'c'), 'c').toString(), 'x');
  });
});

const RP = { rpId: 'localhost', rpName: 'Example Auth', origins: ['http://localhost:3000'] };
const ORIGIN = 'http://localhost:3000';
const ada = { userKey: 'ada', username: 'Ada', name: 'Ada Lovelace' };

async function passkeySetup() {
  const tableName = await testStore.newTable();
  const clock = new ManualClock(START);
  const store = new MfaStore(testStore.client, tableName);
  const captured = capturedLogger();
  return { tableName, clock, store, passkeys: new PasskeyService(store, RP, clock), ...captured };
}

async function registered(setup: Awaited<ReturnType<typeof passkeySetup>>, authenticator = new SoftAuthenticator(), user = ada) {
  const options = await setup.passkeys.registrationOptions(user);
  const result = await setup.passkeys.register(user.userKey, authenticator.create(options, ORIGIN), 'Laptop');
  assert.ok(result.ok, JSON.stringify(result));
  return { authenticator, passkey: result.value };
}

describe('passkeys (@simplewebauthn/server, software authenticator)', () => {
  it('offers a discoverable credential with user verification under a random user handle, excluding existing ones', async () => {
    const setup = await passkeySetup();
    const options = await setup.passkeys.registrationOptions(ada);
    assert.equal(options.rp.id, 'localhost');
    assert.equal(options.rp.name, 'Example Auth');
    assert.equal(options.user.name, 'Ada');
    assert.equal(options.user.displayName, 'Ada Lovelace');
    assert.equal(Buffer.from(options.user.id, 'base64url').length, 32);
    assert.ok(!Buffer.from(options.user.id, 'base64url').toString('utf8').includes('ada'), 'no personal data in the handle');
    assert.equal(options.authenticatorSelection?.residentKey, 'required');
    assert.equal(options.authenticatorSelection?.userVerification, 'required');
    assert.equal(options.attestation, 'none');

    const { passkey } = await registered(setup);
    const again = await setup.passkeys.registrationOptions(ada);
    assert.equal(again.user.id, options.user.id, 'one handle per user');
    assert.equal(again.excludeCredentials?.length, 1);
    assert.deepEqual(await setup.passkeys.list('ada'), [passkey]);
    assert.equal(passkey.name, 'Laptop');
    assert.equal(passkey.synced, false);
    assert.equal(passkey.lastUsedAt, null);
  });

  it('registration challenges are single-use, expire, belong to their user and their ceremony', async () => {
    const setup = await passkeySetup();
    const authenticator = new SoftAuthenticator();
    const options = await setup.passkeys.registrationOptions(ada);
    const response = authenticator.create(options, ORIGIN);
    assert.deepEqual(
      await setup.passkeys.register('eve', response, undefined),
      { ok: false, reason: 'challenge' },
      "another user's challenge",
    );
    assert.equal((await setup.passkeys.register('ada', response, undefined)).ok, true);
    assert.deepEqual(await setup.passkeys.register('ada', response, undefined), { ok: false, reason: 'challenge' }, 'used up');

    const late = await setup.passkeys.registrationOptions(ada);
    setup.clock.advance(CHALLENGE_TTL_SECONDS * 1000);
    assert.deepEqual(
      await setup.passkeys.register('ada', authenticator.create(late, ORIGIN), undefined),
      { ok: false, reason: 'challenge' },
      'expired',
    );

    const signIn = await setup.passkeys.authenticationOptions();
    const wrongCeremony = authenticator.create({ ...late, challenge: signIn.challenge }, ORIGIN);
    assert.deepEqual(await setup.passkeys.register('ada', wrongCeremony, undefined), { ok: false, reason: 'challenge' });
  });

  it('refuses a registration from another origin or without user verification', async () => {
    const setup = await passkeySetup();
    const options = await setup.passkeys.registrationOptions(ada);
    assert.deepEqual(
      await setup.passkeys.register('ada', new SoftAuthenticator().create(options, 'https://evil.example'), undefined),
      {
        ok: false,
        reason: 'verification',
      },
    );
    const again = await setup.passkeys.registrationOptions(ada);
    const noUv = new SoftAuthenticator({ userVerification: false }).create(again, ORIGIN);
    assert.deepEqual(await setup.passkeys.register('ada', noUv, undefined), { ok: false, reason: 'verification' });
    assert.deepEqual(await setup.passkeys.list('ada'), []);
  });

  it('signs in with no username: hwk for a device-bound passkey, swk for a synced one, with user verification', async () => {
    const setup = await passkeySetup();
    const { authenticator, passkey } = await registered(setup);
    const options = await setup.passkeys.authenticationOptions();
    assert.equal(options.allowCredentials, undefined, 'discoverable: no allow list');
    assert.equal(options.userVerification, 'required');
    setup.clock.advance(1000);
    const result = await setup.passkeys.authenticate(authenticator.get(options, ORIGIN), setup.logger);
    assert.deepEqual(result, {
      ok: true,
      value: { userKey: 'ada', passkeyId: passkey.id, passkeyCreatedAt: Date.parse(passkey.createdAt), amr: ['hwk', 'user'] },
    });
    assert.equal((await setup.passkeys.list('ada'))[0]?.lastUsedAt, new Date(START + 1000).toISOString());

    const synced = new SoftAuthenticator({ synced: true });
    const grace = { userKey: 'grace', username: 'Grace', name: 'Grace Hopper' };
    const { passkey: syncedPasskey } = await registered(setup, synced, grace);
    assert.equal(syncedPasskey.synced, true);
    for (let round = 0; round < 2; round += 1) {
      const signIn = await setup.passkeys.authenticate(
        synced.get(await setup.passkeys.authenticationOptions(), ORIGIN),
        setup.logger,
      );
      assert.deepEqual(signIn.ok && signIn.value.amr, ['swk', 'user'], 'a counter that stays 0 is no clone');
    }
  });

  it('sign-in challenges are single-use and expire; assertions from another origin or without UV fail', async () => {
    const setup = await passkeySetup();
    const { authenticator } = await registered(setup);
    const options = await setup.passkeys.authenticationOptions();
    const assertion = authenticator.get(options, ORIGIN);
    assert.equal((await setup.passkeys.authenticate(assertion, setup.logger)).ok, true);
    assert.deepEqual(await setup.passkeys.authenticate(assertion, setup.logger), { ok: false, reason: 'challenge' });

    const late = await setup.passkeys.authenticationOptions();
    setup.clock.advance(CHALLENGE_TTL_SECONDS * 1000);
    assert.deepEqual(await setup.passkeys.authenticate(authenticator.get(late, ORIGIN), setup.logger), {
      ok: false,
      reason: 'challenge',
    });

    const credential = authenticator.credentials[0];
    assert.ok(credential);
    const phished = authenticator.assert(credential, {
      challenge: (await setup.passkeys.authenticationOptions()).challenge,
      origin: 'https://evil.example',
      counter: 50,
    });
    assert.deepEqual(await setup.passkeys.authenticate(phished, setup.logger), { ok: false, reason: 'verification' });
    const registrationChallenge = (await setup.passkeys.registrationOptions(ada)).challenge;
    const wrongCeremony = authenticator.assert(credential, { challenge: registrationChallenge, origin: ORIGIN, counter: 51 });
    assert.deepEqual(await setup.passkeys.authenticate(wrongCeremony, setup.logger), { ok: false, reason: 'challenge' });
  });

  it('refuses and logs a clone: a counter that does not move forward', async () => {
    const setup = await passkeySetup();
    const { authenticator, passkey } = await registered(setup);
    for (let round = 0; round < 2; round += 1) {
      assert.equal(
        (await setup.passkeys.authenticate(authenticator.get(await setup.passkeys.authenticationOptions(), ORIGIN), setup.logger))
          .ok,
        true,
      );
    }
    const credential = authenticator.credentials[0];
    assert.ok(credential);
    assert.equal(credential.counter, 2);
    const clone = authenticator.assert(credential, {
      challenge: (await setup.passkeys.authenticationOptions()).challenge,
      origin: ORIGIN,
      counter: 2,
    });
    assert.deepEqual(await setup.passkeys.authenticate(clone, setup.logger), { ok: false, reason: 'counter' });
    const warning = setup.lines().find((line) => line.event === 'passkey.cloned');
    assert.ok(warning, 'the clone is logged');
    assert.equal(warning.passkeyId, passkey.id);
    assert.equal(warning.storedCounter, 2);
    assert.equal(warning.presentedCounter, 2);
    assert.equal(warning.level, 'warn');
  });

  it('a removed passkey no longer signs in; removing is per user', async () => {
    const setup = await passkeySetup();
    const { authenticator, passkey } = await registered(setup);
    assert.equal(await setup.passkeys.remove('eve', passkey.id), false);
    assert.equal(await setup.passkeys.remove('ada', passkey.id), true);
    assert.equal(await setup.passkeys.remove('ada', passkey.id), false);
    const result = await setup.passkeys.authenticate(
      authenticator.get(await setup.passkeys.authenticationOptions(), ORIGIN),
      setup.logger,
    );
    assert.deepEqual(result, { ok: false, reason: 'unknown-credential' });
  });

  it('the same credential cannot be registered twice', async () => {
    const setup = await passkeySetup();
    const authenticator = new SoftAuthenticator();
    const options = await setup.passkeys.registrationOptions(ada);
    const response = authenticator.create(options, ORIGIN);
    assert.equal((await setup.passkeys.register('ada', response, undefined)).ok, true);
    const second = await setup.passkeys.registrationOptions(ada);
    const clientData = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const replayed = {
      ...response,
      response: {
        ...response.response,
        clientDataJSON: Buffer.from(JSON.stringify({ ...clientData, challenge: second.challenge })).toString('base64url'),
      },
    };
    assert.deepEqual(await setup.passkeys.register('ada', replayed, undefined), { ok: false, reason: 'duplicate' });
  });
});
