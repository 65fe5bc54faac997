import { type BuiltApp, buildApp } from './app';
import { loadConfig } from './config';
import { connectStore } from './dependencies/store';
import { createLogger } from './logger';

/** The app as it runs in AWS: config and secrets read once, DynamoDB from the default credential chain. */
export async function createAwsApp(): Promise<BuiltApp> {
  const config = await loadConfig();
  const logger = createLogger(config.logLevel);
  const { store, rateLimits } = connectStore(config.store);
  return buildApp({ config, store, rateLimits, logger });
}
