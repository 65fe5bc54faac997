import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { usernameKey } from '../../src/services/usernames';
import { sessionSortKey, userPartition } from '../../src/store/table';

/**
 * The floor the Lambda figures are held against: the session read that a verify or an authorizer call
 * cannot do without, with the bare SDK (the session named by the token, read without checking its
 * signature). The bench bundles the handlers built on it the way `sam build` bundles the real functions,
 * so the difference is what the service itself costs. It reads process.env directly because it is a
 * measuring stick, not part of the service.
 */
const endpoint = process.env.DYNAMODB_ENDPOINT;
const client = new DynamoDBClient({
  region: process.env.AWS_REGION ?? 'us-east-1',
  ...(endpoint === undefined ? {} : { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
});

/** Whether the session the token names exists; false for anything that is not a JWT. */
export async function sessionExists(token: string | undefined): Promise<boolean> {
  const payload = token?.split('.')[1];
  if (payload === undefined) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string; sid: string };
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: process.env.TABLE_NAME ?? 'auth',
      Key: { pk: { S: userPartition(usernameKey(claims.sub)) }, sk: { S: sessionSortKey(claims.sid) } },
      ConsistentRead: true,
    }),
  );
  return Item !== undefined;
}
