import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '../errors';
import { conditionalWrite, storeCall } from './calls';
import { ACCOUNT_SUMMARY_ATTRIBUTES, type AccountSummary, toAccountKeyAndCreation, toAccountSummary } from './records';
import { ATTRIBUTE, accountKey, KEY, USER_DIRECTORY_SHARDS, userDirectory } from './table';

/**
 * The user directory (see table.ts): one small entry per account in one of 16 partitions, so operators
 * can list users with a Query per partition instead of a Scan of the whole table, in key order, by
 * prefix, a page at a time. An entry holds the account's key and `createdAt`, nothing to show: a page
 * reads its accounts with one BatchGetItem, and an entry whose account is gone is skipped.
 *
 * The entry is written just before its account (an account that exists always has one) and removed after
 * its account is deleted, only if it still has that account's `createdAt` (a re-registration of the
 * name meanwhile has written its own). Accounts created before the directory existed are added by
 * `reindex`, the one operation here that Scans.
 */

export interface UserPage {
  users: AccountSummary[];
  /** Give it back as `after` for the next page; null on the last page. */
  next: string | null;
}

export interface UserPageRequest {
  /** Only keys that start with this (a normalised username prefix). */
  prefix?: string;
  /** Only keys after this one (the `next` of the previous page). */
  after?: string;
  /** At most this many users (1-100). */
  limit: number;
}

/** DynamoDB orders string keys by their UTF-8 bytes; merging the partitions' pages must do the same. */
const byKeyBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** BatchGetItem rounds for one page: keys DynamoDB leaves unprocessed are asked for again. */
const BATCH_GET_ROUNDS = 3;

interface ShardPage {
  keys: string[];
  /** The partition may hold more matching keys after the last one returned. */
  more: boolean;
}

export class UserDirectory {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    dynamo: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.client = DynamoDBDocumentClient.from(dynamo);
  }

  /** Writes (or rewrites) the account's entry. */
  async add(userKey: string, createdAt: number): Promise<void> {
    await storeCall(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...userDirectory.key(userKey), [ATTRIBUTE.type]: 'user-directory', [ATTRIBUTE.createdAt]: createdAt },
        }),
      ),
    );
  }

  /** Removes the entry of a deleted account, unless a newer account of that name has rewritten it. */
  async remove(userKey: string, createdAt: number): Promise<void> {
    await conditionalWrite(() =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: userDirectory.key(userKey),
          ConditionExpression: '#createdAt = :createdAt',
          ExpressionAttributeNames: { '#createdAt': ATTRIBUTE.createdAt },
          ExpressionAttributeValues: { ':createdAt': createdAt },
        }),
      ),
    );
  }

  /** One page of accounts in key order: a Query of each partition (at most `limit` entries each), merged. */
  async list({ prefix = '', after, limit }: UserPageRequest): Promise<UserPage> {
    return storeCall(async () => {
      const shards = Array.from({ length: USER_DIRECTORY_SHARDS }, (_, shard) => shard);
      const pages = await Promise.all(shards.map((shard) => this.shardPage(shard, prefix, after, limit)));
      const keys = pages.flatMap((page) => page.keys).sort(byKeyBytes);
      const taken = keys.slice(0, limit);
      const more = keys.length > limit || pages.some((page) => page.more);
      const last = taken.at(-1);
      return { users: await this.accounts(taken), next: more && last !== undefined ? last : null };
    });
  }

  /**
   * Adds an entry for every account that has none (accounts created before the directory). This Scans the
   * whole table, a page of `pageSize` items at a time: an operator's one-off command, never a request's.
   */
  async reindex(pageSize: number, onPage: (scanned: number, added: number) => void = () => undefined): Promise<number> {
    let added = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await storeCall(() =>
        this.client.send(
          new ScanCommand({
            TableName: this.tableName,
            Limit: pageSize,
            FilterExpression: '#sk = :profile',
            ProjectionExpression: '#pk, #sk, #userKey, #createdAt',
            ExpressionAttributeNames: {
              '#pk': KEY.partition,
              '#sk': KEY.sort,
              '#userKey': ATTRIBUTE.userKey,
              '#createdAt': ATTRIBUTE.createdAt,
            },
            ExpressionAttributeValues: { ':profile': accountKey('')[KEY.sort] },
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      let addedHere = 0;
      for (const item of page.Items ?? []) {
        const { userKey, createdAt } = toAccountKeyAndCreation(item);
        const written = await conditionalWrite(() =>
          this.client.send(
            new PutCommand({
              TableName: this.tableName,
              Item: { ...userDirectory.key(userKey), [ATTRIBUTE.type]: 'user-directory', [ATTRIBUTE.createdAt]: createdAt },
              ConditionExpression: 'attribute_not_exists(#pk)',
              ExpressionAttributeNames: { '#pk': KEY.partition },
            }),
          ),
        );
        if (written) addedHere += 1;
      }
      added += addedHere;
      onPage(page.ScannedCount ?? 0, addedHere);
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return added;
  }

  /**
   * One partition's keys in order: those starting with `prefix` and after `after`. With both, the Query
   * reads keys after `after` and stops at the first without the prefix (keys are sorted, none follow).
   */
  private async shardPage(shard: number, prefix: string, after: string | undefined, limit: number): Promise<ShardPage> {
    const afterCursor = after !== undefined && byKeyBytes(after, prefix) >= 0;
    const condition = afterCursor ? '#pk = :pk AND #sk > :after' : '#pk = :pk AND begins_with(#sk, :prefix)';
    const page: QueryCommandOutput = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: condition,
        ProjectionExpression: '#sk',
        ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort },
        ExpressionAttributeValues: {
          ':pk': userDirectory.partition(shard),
          ...(afterCursor ? { ':after': after } : { ':prefix': prefix }),
        },
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    const keys: string[] = [];
    for (const item of page.Items ?? []) {
      const key = String(item[KEY.sort]);
      if (!key.startsWith(prefix)) return { keys, more: false };
      keys.push(key);
    }
    return { keys, more: page.LastEvaluatedKey !== undefined };
  }

  /** The accounts of these keys, in the same order; keys whose account is gone are left out. */
  private async accounts(userKeys: string[]): Promise<AccountSummary[]> {
    if (userKeys.length === 0) return [];
    const names = Object.fromEntries(ACCOUNT_SUMMARY_ATTRIBUTES.map((attribute, index) => [`#a${index}`, attribute]));
    const found = new Map<string, AccountSummary>();
    let keys: Record<string, unknown>[] = userKeys.map((userKey) => accountKey(userKey));
    for (let round = 0; round < BATCH_GET_ROUNDS && keys.length > 0; round += 1) {
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await this.client.send(
        new BatchGetCommand({
          RequestItems: {
            [this.tableName]: {
              Keys: keys,
              ConsistentRead: true,
              ProjectionExpression: Object.keys(names).join(', '),
              ExpressionAttributeNames: names,
            },
          },
        }),
      );
      for (const item of Responses?.[this.tableName] ?? []) {
        const account = toAccountSummary(item);
        found.set(account.userKey, account);
      }
      keys = UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    if (keys.length > 0) throw new StoreUnavailableError();
    return userKeys.flatMap((userKey) => {
      const account = found.get(userKey);
      return account === undefined ? [] : [account];
    });
  }
}
