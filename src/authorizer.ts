import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { createAuthorizerHandler, type AuthorizerResult } from './authorize';
import { systemClock } from './clock';
import { loadAuthorizerConfig } from './config';
import { SessionService } from './services/sessions';
import { TokenService } from './services/tokens';
import { createDynamoClient } from './store/client';
import { AuthStore } from './store/store';

// Config, keys and the DynamoDB client are set up once per cold start and shared by every invocation.
// Only the session services are built: the authorizer never hashes, so bcrypt is not loaded.
const ready = loadAuthorizerConfig().then((config) => {
  const store = new AuthStore(createDynamoClient(config.store), config.store.tableName);
  const tokens = new TokenService(config.jwt, systemClock);
  return createAuthorizerHandler(new SessionService(store, tokens, config.sessions, systemClock));
});

/** API Gateway HTTP API Lambda authorizer, payload 2.0 with simple responses. */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerResult> => (await ready)(event);
