import { getCurrentInvoke } from '@codegenie/serverless-express';
import { type BuiltApp, buildApp } from './app';
import { loadConfig } from './config';
import { connectStore } from './dependencies/store';
import { iamAccess } from './http/admin-access';
import { EmfMetrics } from './lambda-metrics';
import { createLogger } from './logger';

/** The app as it runs in AWS, and its metrics (the handler flushes them per invocation). */
export interface AwsApp extends BuiltApp {
  metrics: EmfMetrics;
}

/** The app as it runs in AWS: config and secrets read once, DynamoDB from the default credential chain, metrics as EMF. */
export async function createAwsApp(): Promise<AwsApp> {
  const config = await loadConfig();
  const logger = createLogger(config.logLevel);
  const { store, rateLimits } = connectStore(config.store);
  const metrics = new EmfMetrics(config.metricsNamespace);
  // The admin routes are behind API Gateway's IAM authorizer (template.yaml); the key is not used here.
  const adminAccess = iamAccess(() => getCurrentInvoke().event);
  return { ...buildApp({ config, store, rateLimits, logger, metrics, adminAccess }), metrics };
}
