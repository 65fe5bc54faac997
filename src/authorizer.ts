import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { type AuthorizerResult, buildAuthorizer } from './authorize';
import { systemClock } from './clock';
import { loadAuthorizerConfig } from './config';

// Config, keys and the DynamoDB client are set up once per cold start and shared by every invocation.
const ready = loadAuthorizerConfig().then((config) => buildAuthorizer(config, systemClock));

/** API Gateway HTTP API Lambda authorizer, payload 2.0 with simple responses. */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerResult> => (await ready)(event);
