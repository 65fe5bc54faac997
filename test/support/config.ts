import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';

/** The ConfigError that loading this environment must end in (fails the test when it loads). */
export async function configErrorOf(
  env: NodeJS.ProcessEnv,
  readSecret?: (secretId: string) => Promise<string>,
): Promise<ConfigError> {
  try {
    await loadConfig(env, readSecret);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error;
  }
  assert.fail('expected a ConfigError');
}

/** Mail settings that production accepts, for tests that load a production configuration. */
export const PRODUCTION_MAIL_ENV = {
  EMAIL_TRANSPORT: 'ses',
  EMAIL_FROM: 'no-reply@auth.example.com',
  PUBLIC_URL: 'https://auth.example.com',
} as const;
