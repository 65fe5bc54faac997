import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import type { Clock } from '../../src/clock';
import { type Config, loadConfig } from '../../src/config';
import { createServices, type Services } from '../../src/dependencies/services';
import { connectStore } from '../../src/dependencies/store';
import { createLogger, type Logger } from '../../src/logger';
import { createMailer } from '../../src/mail/transports';
import { CountingMetrics } from '../../src/metrics';
import { PRODUCTION_MAIL_ENV } from './config';
import type { TestStore } from './store';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-bytes-long!!';
/** The key set that encrypts TOTP secrets in tests (production refuses to start without one). */
export const TEST_MFA_KEYS = JSON.stringify({ 'test-mfa-1': 'test-mfa-key-that-is-at-least-32-bytes-long' });

/** The environment every test app starts from: fast bcrypt, quiet logs, a fixed secret. */
export function testEnv(endpoint: string, tableName: string, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    BCRYPT_COST: '4',
    JWT_SECRET: TEST_SECRET,
    MFA_ENCRYPTION_KEYS: TEST_MFA_KEYS,
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_NAME: tableName,
    ...overrides,
  };
}

/**
 * The environment of a test that runs the service as deployed: production mode, with the mail settings
 * production accepts and bcrypt at cost 10 (production's minimum).
 */
export const productionTestEnv = (endpoint: string, tableName: string): NodeJS.ProcessEnv =>
  testEnv(endpoint, tableName, { NODE_ENV: 'production', BCRYPT_COST: '10', ...PRODUCTION_MAIL_ENV });

/** A settable clock, so expiry is tested without sleeping. */
export class ManualClock implements Clock {
  constructor(private current = Date.now()) {}
  now(): number {
    return this.current;
  }
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}

export interface TestApp {
  app: Express;
  config: Config;
  tableName: string;
  /** The app's own DynamoDB client (for injecting store faults). */
  dynamo: DynamoDBClient;
}

/** Builds the real app on a fresh table of the test store. */
export async function buildTestApp(
  testStore: TestStore,
  options: { env?: Record<string, string>; clock?: Clock; logger?: Logger } = {},
): Promise<TestApp> {
  const tableName = await testStore.newTable();
  const config = await loadConfig(testEnv(testStore.endpoint, tableName, options.env));
  const { dynamo, store, rateLimits } = connectStore(config.store);
  const app = createApp({
    config,
    store,
    rateLimits,
    logger: options.logger ?? createLogger(config.logLevel),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { app, config, tableName, dynamo };
}

/** The app's services on the store `config` names, without the HTTP layer (as the authorizer builds its own). */
export function buildTestServices(config: Config, clock: Clock): Services {
  const { store, rateLimits } = connectStore(config.store);
  const logger = createLogger(config.logLevel);
  return createServices({
    settings: config,
    store,
    rateLimits,
    mailer: createMailer(config.email, logger),
    clock,
    logger,
    metrics: new CountingMetrics(),
  });
}
