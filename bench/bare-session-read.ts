import { BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * The read a session check cannot do without, with the bare SDK: the session item and its account's in
 * one strongly consistent BatchGetItem, projected to the attributes the service reads (as
 * AuthStore.getSessionWithAccount does). The floor that verify, the Lambda handler and the authorizer are
 * held against. It imports nothing of the service, so the minimal handlers built on it bundle only the SDK.
 */
export interface SessionReadKeys {
  session: { pk: string; sk: string };
  account: { pk: string; sk: string };
}

export type BareSessionRead = (keys: SessionReadKeys) => Promise<{ session: boolean; account: boolean }>;

export function bareSessionRead(client: DynamoDBClient, tableName: string, attributes: readonly string[]): BareSessionRead {
  const names = Object.fromEntries(attributes.map((attribute, index) => [`#a${index}`, attribute]));
  const read = { ConsistentRead: true, ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names };
  const key = ({ pk, sk }: { pk: string; sk: string }) => ({ pk: { S: pk }, sk: { S: sk } });
  return async (keys) => {
    const { Responses, UnprocessedKeys } = await client.send(
      new BatchGetItemCommand({ RequestItems: { [tableName]: { ...read, Keys: [key(keys.session), key(keys.account)] } } }),
    );
    if ((UnprocessedKeys?.[tableName]?.Keys?.length ?? 0) > 0) throw new Error('BatchGetItem left keys unprocessed');
    const sortKeys = new Set((Responses?.[tableName] ?? []).map((item) => item.sk?.S));
    return { session: sortKeys.has(keys.session.sk), account: sortKeys.has(keys.account.sk) };
  };
}
