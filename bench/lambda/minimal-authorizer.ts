import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerResult } from 'aws-lambda';
import { sessionExists } from './minimal-session';

/** The minimal HTTP API authorizer (payload 2.0, simple responses): the bearer token, one bare-SDK session read. */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerResult> => {
  const token = event.headers?.authorization?.replace(/^Bearer /, '');
  return { isAuthorized: await sessionExists(token) };
};
