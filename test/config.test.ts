import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config';
import { configErrorOf } from './support/config';

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
    const problems = await problemsOf({ PORT: 'eighty', BCRYPT_COST: '99', COOKIE_SECURE: 'maybe', DYNAMODB_ENDPOINT: 'not a url' });
    for (const name of ['PORT', 'BCRYPT_COST', 'COOKIE_SECURE', 'DYNAMODB_ENDPOINT']) {
      assert.ok(problems.some((problem) => problem.startsWith(`${name}:`)), `${name} in ${problems.join('; ')}`);
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
    const config = await loadConfig({ NODE_ENV: 'production', JWT_SECRET_ID: 'auth/jwt' }, async (id) => {
      requested.push(id);
      return strongSecret;
    });
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
