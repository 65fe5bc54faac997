import { createHash } from 'node:crypto';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The single-table layout. Users and their sessions share a partition so that a user's sessions
 * are one Query away; every item type is told apart by its sort key.
 *
 *   pk                 sk                  item
 *   USER#<userKey>     PROFILE             the account (display username, name, password hash)
 *   USER#<userKey>     SESSION#<id>        one live session per login
 *   RATE#<scope>#<h>   WINDOW#<start>      a rate-limit counter (h: SHA-256 of the key), see rate-limits.ts
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
/** Keys are hashed: fixed length whatever the input, and no usernames or IPs in the counter keys. */
export const rateLimitPartition = (scope: string, key: string): string =>
  `RATE#${scope}#${createHash('sha256').update(key, 'utf8').digest('base64url')}`;
export const rateLimitWindowSortKey = (windowStart: number): string => `WINDOW#${windowStart}`;

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
