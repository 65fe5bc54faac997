import type { Express } from 'express';
import { createApp } from '../../src/app';
import type { Clock } from '../../src/clock';
import { loadConfig, type Config } from '../../src/config';
import { createLogger, type Logger } from '../../src/logger';
import { createDynamoClient } from '../../src/store/client';
import { AuthStore } from '../../src/store/store';
import type { TestStore } from './store';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-bytes-long!!';

/** The environment every test app starts from: fast bcrypt, quiet logs, a fixed secret. */
export function testEnv(endpoint: string, tableName: string, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    BCRYPT_COST: '4',
    JWT_SECRET: TEST_SECRET,
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_NAME: tableName,
    ...overrides,
  };
}

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
}

/** Builds the real app on a fresh table of the test store. */
export async function buildTestApp(
  testStore: TestStore,
  options: { env?: Record<string, string>; clock?: Clock; logger?: Logger } = {},
): Promise<TestApp> {
  const tableName = await testStore.newTable();
  const config = await loadConfig(testEnv(testStore.endpoint, tableName, options.env));
  const store = new AuthStore(createDynamoClient(config.store), tableName);
  const app = createApp({ config, store, logger: options.logger ?? createLogger(config.logLevel), ...(options.clock ? { clock: options.clock } : {}) });
  return { app, config, tableName };
}
