import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadAuthorizerConfig, loadConfig } from '../src/config';
import { TEST_MFA_KEYS } from './support/app';
import { configErrorOf, PRODUCTION_MAIL_ENV } from './support/config';

const strongSecret = 'x'.repeat(32);
const noSecretStore = async (): Promise<string> => {
  throw new Error('Secrets Manager must not be called');
};

async function problemsOf(env: NodeJS.ProcessEnv, readSecret = noSecretStore): Promise<string[]> {
  return (await configErrorOf(env, readSecret)).problems;
}

describe('loadConfig', () => {
  it('has working development defaults and generates a secret, saying so', async () => {
    const config = await loadConfig({}, noSecretStore);
    assert.equal(config.env, 'development');
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.jwt.ttlSeconds, 3600);
    assert.equal(config.bcryptCost, 12);
    assert.equal(config.jwt.secretGenerated, true);
    assert.ok(Buffer.byteLength(config.jwt.secret) >= 32);
  });

  it('names every bad value at once', async () => {
    const problems = await problemsOf({
      PORT: 'eighty',
      BCRYPT_COST: '99',
      COOKIE_SECURE: 'maybe',
      DYNAMODB_ENDPOINT: 'not a url',
    });
    for (const name of ['PORT', 'BCRYPT_COST', 'COOKIE_SECURE', 'DYNAMODB_ENDPOINT']) {
      assert.ok(
        problems.some((problem) => problem.startsWith(`${name}:`)),
        `${name} in ${problems.join('; ')}`,
      );
    }
  });

  it('refuses production without a secret, with a weak one, or with insecure cookies', async () => {
    assert.match((await problemsOf({ NODE_ENV: 'production' })).join(), /required in production/);
    const weak = await problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'hunter2-weak' });
    assert.match(weak.join(), /at least 32 bytes/);
    assert.doesNotMatch(weak.join(), /hunter2/, 'the secret itself is never printed');
    assert.match(
      (await problemsOf({ NODE_ENV: 'production', JWT_SECRET: strongSecret, COOKIE_SECURE: 'false' })).join(),
      /COOKIE_SECURE/,
    );
  });

  it('reads the secret from Secrets Manager when JWT_SECRET_ID names one', async () => {
    const requested: string[] = [];
    const config = await loadConfig(
      { NODE_ENV: 'production', JWT_SECRET_ID: 'auth/jwt', ...PRODUCTION_MAIL_ENV, MFA_ENCRYPTION_KEYS: TEST_MFA_KEYS },
      async (id) => {
        requested.push(id);
        return strongSecret;
      },
    );
    assert.deepEqual(requested, ['auth/jwt']);
    assert.equal(config.jwt.secret, strongSecret);
    assert.equal(config.jwt.secretGenerated, false);
    assert.match(
      (await problemsOf({ NODE_ENV: 'production', JWT_SECRET_ID: 'auth/jwt' }, async () => 'weak')).join(),
      /JWT_SECRET_ID \(auth\/jwt\): the secret must be at least 32 bytes/,
    );
    assert.match((await problemsOf({ JWT_SECRET: strongSecret, JWT_SECRET_ID: 'x' })).join(), /not both/);
  });
});

describe('loadConfig: mail and links', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: strongSecret, MFA_ENCRYPTION_KEYS: TEST_MFA_KEYS };
  const mailReady = PRODUCTION_MAIL_ENV;

  it('delivers to the outbox under DATA_DIR and links to the local server outside production', async () => {
    const config = await loadConfig({ PORT: '4000', DATA_DIR: '/srv/auth-data' }, noSecretStore);
    assert.deepEqual(config.email.transport, { kind: 'outbox', directory: '/srv/auth-data/outbox' });
    assert.equal(config.email.from, 'no-reply@example.com');
    assert.equal(config.publicUrl, 'http://127.0.0.1:4000/');
    assert.equal((await loadConfig({ HOST: '0.0.0.0' }, noSecretStore)).publicUrl, 'http://127.0.0.1:3000/');
    assert.equal((await loadConfig({ HOST: '::1' }, noSecretStore)).publicUrl, 'http://[::1]:3000/');
  });

  it('reads SECURITY_NOTICES as all, none or a list, and names an unknown notice', async () => {
    const notices = async (value: string) =>
      [...(await loadConfig({ SECURITY_NOTICES: value }, noSecretStore)).email.notices].sort();
    assert.deepEqual(await notices('all'), [
      'account-locked',
      'email-changed',
      'new-device',
      'password-changed',
      'refresh-token-reused',
    ]);
    assert.deepEqual(await notices('none'), []);
    assert.deepEqual(await notices(' new-device, account-locked '), ['account-locked', 'new-device']);
    await assert.rejects(
      loadConfig({ SECURITY_NOTICES: 'new-device,birthday' }, noSecretStore),
      /SECURITY_NOTICES: unknown notice birthday/,
    );
    await assert.rejects(loadConfig({ PASSWORD_RESET_TTL_MINUTES: '0' }, noSecretStore), /PASSWORD_RESET_TTL_MINUTES/);
  });

  it('requires a transport other than the outbox, a sender and an https PUBLIC_URL in production', async () => {
    const missing = (await problemsOf(production)).join('\n');
    assert.match(missing, /EMAIL_TRANSPORT: required in production/);
    assert.match(missing, /EMAIL_FROM: required in production/);
    assert.match(missing, /PUBLIC_URL: required in production/);
    assert.match(
      (await problemsOf({ ...production, ...mailReady, EMAIL_TRANSPORT: 'outbox' })).join(),
      /EMAIL_TRANSPORT: outbox .* cannot be used in production/,
    );
    assert.match(
      (await problemsOf({ ...production, ...mailReady, PUBLIC_URL: 'http://auth.example.com' })).join(),
      /PUBLIC_URL: must be an https:\/\/ URL in production/,
    );
    assert.match(
      (await problemsOf({ ...production, ...mailReady, PUBLIC_URL: 'https://auth.example.com/?a=1' })).join(),
      /PUBLIC_URL: must have no query string/,
    );

    const config = await loadConfig(
      { ...production, ...mailReady, PUBLIC_URL: 'https://example.com/auth', AWS_REGION: 'eu-central-1' },
      noSecretStore,
    );
    assert.equal(config.publicUrl, 'https://example.com/auth/', 'links resolve below its path');
    assert.deepEqual(config.email, {
      transport: { kind: 'ses', region: 'eu-central-1', endpoint: undefined },
      from: 'no-reply@auth.example.com',
      timeoutMs: 5000,
      verifyTtlMinutes: 24 * 60,
      resetTtlMinutes: 30,
      forgotAnswerMs: 1000,
      notices: new Set(['password-changed', 'email-changed', 'new-device', 'account-locked', 'refresh-token-reused']),
    });
  });

  it('checks SMTP_URL without ever repeating it, and refuses settings of a transport not in use', async () => {
    const secretUrl = 'ftp://mailer:s3cret-password@mail.example.com';
    const problems = (await problemsOf({ EMAIL_TRANSPORT: 'smtp', SMTP_URL: secretUrl })).join('\n');
    assert.match(problems, /SMTP_URL: must start with smtp:\/\/ or smtps:\/\//);
    assert.doesNotMatch(problems, /s3cret/);
    assert.match((await problemsOf({ EMAIL_TRANSPORT: 'smtp' })).join(), /SMTP_URL: required with EMAIL_TRANSPORT=smtp/);
    assert.doesNotMatch((await problemsOf({ EMAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://user:s3cret@' })).join(), /s3cret/);
    assert.match(
      (await problemsOf({ EMAIL_TRANSPORT: 'ses', SMTP_URL: 'smtp://mail.example.com' })).join(),
      /SMTP_URL: only used with EMAIL_TRANSPORT=smtp/,
    );
    assert.match(
      (await problemsOf({ SES_ENDPOINT: 'http://127.0.0.1:5000' })).join(),
      /SES_ENDPOINT, SES_REGION: only used with EMAIL_TRANSPORT=ses, not outbox/,
    );
    assert.match(
      (await problemsOf({ EMAIL_FROM: 'not an address', EMAIL_TRANSPORT: 'pigeon' })).join('\n'),
      /EMAIL_TRANSPORT:[\s\S]*EMAIL_FROM:/,
    );

    const config = await loadConfig(
      { EMAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtps://mailer:pw@mail.example.com:465' },
      noSecretStore,
    );
    assert.deepEqual(config.email.transport, { kind: 'smtp', url: 'smtps://mailer:pw@mail.example.com:465' });
  });

  it('lets the authorizer start in production without mail settings: it sends no mail', async () => {
    const config = await loadAuthorizerConfig(production, noSecretStore);
    assert.equal(config.env, 'production');
    assert.ok(!('email' in config) && !('publicUrl' in config));
    assert.match(
      (await configErrorOf({ NODE_ENV: 'production' }, noSecretStore).then((error) => error.problems)).join(),
      /JWT_SECRET or JWT_SECRET_ID/,
    );
  });
});
