import type { Express } from 'express';
import { createApp } from './app';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { createDynamoClient } from './store/client';
import { AuthStore } from './store/store';

/** The app as it runs in AWS: config and secrets read once, DynamoDB from the default credential chain. */
export async function createAwsApp(): Promise<Express> {
  const config = await loadConfig();
  const logger = createLogger(config.logLevel);
  const store = new AuthStore(createDynamoClient(config.store), config.store.tableName);
  return createApp({ config, store, logger });
}
