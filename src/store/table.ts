import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The single-table layout. Users and their sessions share a partition so that a user's sessions
 * are one Query away; every item type is told apart by its sort key.
 *
 *   pk                 sk                  item
 *   USER#<userKey>     PROFILE             the account (display username, name, password hash)
 *   USER#<userKey>     SESSION#<id>        one live session per login
 *
 * `expiresAt` (epoch seconds) is the TTL attribute; code treats an expired item as absent because
 * DynamoDB may serve expired items for up to two days before deleting them.
 */
export const KEY = { partition: 'pk', sort: 'sk' } as const;
export const TTL_ATTRIBUTE = 'expiresAt';

export const userPartition = (userKey: string): string => `USER#${userKey}`;
export const PROFILE_SORT_KEY = 'PROFILE';
export const SESSION_SORT_PREFIX = 'SESSION#';
export const sessionSortKey = (sessionId: string): string => `${SESSION_SORT_PREFIX}${sessionId}`;

/** The CreateTable request for local stores; template.yaml declares the same keys for AWS. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: KEY.partition, AttributeType: 'S' },
      { AttributeName: KEY.sort, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: KEY.partition, KeyType: 'HASH' },
      { AttributeName: KEY.sort, KeyType: 'RANGE' },
    ],
  };
}
