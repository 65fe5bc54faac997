import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { usernameKey } from '../../src/services/usernames';
import { sessionKey } from '../../src/store/table';

/**
 * The floor for a cold start: a handler that does nothing but the verify's GetItem with the bare SDK
 * (the session named by the token, read without checking its signature). The bench bundles it the
 * way `sam build` bundles the real function, so the difference is what the service itself costs.
 * It reads process.env directly because it is a measuring stick, not part of the service.
 */
const endpoint = process.env.DYNAMODB_ENDPOINT;
const client = new DynamoDBClient({
  region: process.env.AWS_REGION ?? 'us-east-1',
  ...(endpoint === undefined ? {} : { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const { token } = JSON.parse(event.body ?? '{}') as { token?: string };
  const payload = token?.split('.')[1];
  if (payload === undefined) return { statusCode: 401, body: '{"verified":false}' };
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string; sid: string };
  const key = sessionKey(usernameKey(claims.sub), claims.sid);
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: process.env.TABLE_NAME ?? 'auth',
      Key: { pk: { S: key.pk }, sk: { S: key.sk } },
      ConsistentRead: true,
    }),
  );
  return {
    statusCode: Item === undefined ? 401 : 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ verified: Item !== undefined }),
  };
};
