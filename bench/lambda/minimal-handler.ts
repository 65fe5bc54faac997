import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { sessionExists } from './minimal-session';

/** The minimal verify handler (HTTP API payload 2.0): the token from the JSON body, one bare-SDK session read. */
export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const { token } = JSON.parse(event.body ?? '{}') as { token?: string };
  const verified = await sessionExists(token);
  return {
    statusCode: verified ? 200 : 401,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ verified }),
  };
};
