import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { createAuthorizerHandler, type AuthorizerResult } from './authorize';
import { systemClock } from './clock';
import { loadConfig } from './config';
import { createServices } from './services/container';
import { createDynamoClient } from './store/client';
import { AuthStore } from './store/store';

// Config, keys and the DynamoDB client are set up once per cold start and shared by every invocation.
const ready = loadConfig().then((config) => {
  const store = new AuthStore(createDynamoClient(config.store), config.store.tableName);
  return createAuthorizerHandler(createServices(config, store, systemClock).auth);
});

/** API Gateway HTTP API Lambda authorizer, payload 2.0 with simple responses. */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerResult> => (await ready)(event);
