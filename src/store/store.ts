import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { conditionalWrite, storeCall } from './calls';
import { RateLimitStore } from './rate-limits';
import {
  KEY,
  PROFILE_SORT_KEY,
  SESSION_SORT_PREFIX,
  sessionSortKey,
  userPartition,
} from './table';

/**
 * The only module that speaks DynamoDB. Every write is a single-item conditional write, so
 * concurrent requests never lose each other's data and no transactions are needed.
 */

export interface UserRecord {
  /** Normalised username (NFKC, lower case): the identity used for uniqueness. */
  userKey: string;
  /** The spelling the user chose, for display. */
  username: string;
  name: string;
  passwordHash: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface SessionRecord {
  userKey: string;
  sessionId: string;
  username: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch seconds; also the table's TTL attribute. The end of the idle timeout, capped by the absolute lifetime. */
  expiresAt: number;
  /** Epoch milliseconds of the login or the last refresh. */
  lastUsedAt: number;
  /** Epoch seconds: the absolute lifetime's end, which no refresh extends. */
  absoluteExpiresAt: number;
  /** SHA-256 (base64url) of the one refresh secret that may be used next; never the secret itself. */
  refreshHash: string;
  userAgent?: string;
  ip?: string;
}

/** How many session deletes revoke-all keeps in flight at once. */
const PARALLEL_DELETES = 10;

export class AuthStore {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    private readonly dynamo: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.client = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** The rate-limit counters, kept in the same table. */
  rateLimits(): RateLimitStore {
    return new RateLimitStore(this.dynamo, this.tableName);
  }

  /** Creates the user unless the key is taken; returns false when it was. */
  async createUser(user: UserRecord): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            [KEY.partition]: userPartition(user.userKey),
            [KEY.sort]: PROFILE_SORT_KEY,
            type: 'user',
            ...user,
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': KEY.partition },
        }),
      ),
    );
  }

  async getUser(userKey: string): Promise<UserRecord | null> {
    return storeCall(async () => {
      const { Item } = await this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { [KEY.partition]: userPartition(userKey), [KEY.sort]: PROFILE_SORT_KEY },
          ConsistentRead: true,
        }),
      );
      if (Item === undefined) return null;
      return {
        userKey: Item.userKey,
        username: Item.username,
        name: Item.name,
        passwordHash: Item.passwordHash,
        createdAt: Item.createdAt,
      };
    });
  }

  async putSession(session: SessionRecord): Promise<void> {
    await storeCall(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            [KEY.partition]: userPartition(session.userKey),
            [KEY.sort]: sessionSortKey(session.sessionId),
            type: 'session',
            ...session,
          },
          // Session ids are random; refusing to overwrite makes a collision loud instead of silent.
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': KEY.partition },
        }),
      ),
    );
  }

  /** The live session, or null when it is missing or already expired at `nowSeconds`. */
  async getSession(userKey: string, sessionId: string, nowSeconds: number): Promise<SessionRecord | null> {
    return storeCall(async () => {
      const { Item } = await this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { [KEY.partition]: userPartition(userKey), [KEY.sort]: sessionSortKey(sessionId) },
          // Strong consistency so a logout is seen by the very next verify.
          ConsistentRead: true,
        }),
      );
      if (Item === undefined || Item.expiresAt <= nowSeconds) return null;
      return toSessionRecord(Item);
    });
  }

  /** Deletes a live session; returns false when there was none (already revoked or expired). */
  async deleteSession(userKey: string, sessionId: string, nowSeconds: number): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { [KEY.partition]: userPartition(userKey), [KEY.sort]: sessionSortKey(sessionId) },
          ConditionExpression: 'attribute_exists(#pk) AND #expiresAt > :now',
          ExpressionAttributeNames: { '#pk': KEY.partition, '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      ),
    );
  }

  // --- Session management and account changes (issue 5) ---

  /** Every live session of a user: a paginated Query on the user's partition, never a Scan. */
  async listSessions(userKey: string, nowSeconds: number): Promise<SessionRecord[]> {
    return storeCall(async () => {
      const sessions: SessionRecord[] = [];
      for await (const items of this.sessionPages(userKey)) {
        for (const item of items) {
          if (Number(item.expiresAt) > nowSeconds) sessions.push(toSessionRecord(item));
        }
      }
      return sessions;
    });
  }

  /**
   * Swaps the refresh hash, one use per secret: the write happens only while the stored hash is still
   * the presented one and the session is live, so of two concurrent uses exactly one wins.
   * Returns false when it lost (secret already used, session revoked or expired).
   */
  async rotateRefresh(
    userKey: string,
    sessionId: string,
    change: { presentedHash: string; nextHash: string; lastUsedAt: number; expiresAt: number; nowSeconds: number },
  ): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [KEY.partition]: userPartition(userKey), [KEY.sort]: sessionSortKey(sessionId) },
          UpdateExpression: 'SET #hash = :next, #lastUsedAt = :lastUsedAt, #expiresAt = :expiresAt',
          ConditionExpression: 'attribute_exists(#pk) AND #hash = :presented AND #expiresAt > :now',
          ExpressionAttributeNames: {
            '#pk': KEY.partition,
            '#hash': 'refreshHash',
            '#lastUsedAt': 'lastUsedAt',
            '#expiresAt': 'expiresAt',
          },
          ExpressionAttributeValues: {
            ':next': change.nextHash,
            ':presented': change.presentedHash,
            ':lastUsedAt': change.lastUsedAt,
            ':expiresAt': change.expiresAt,
            ':now': change.nowSeconds,
          },
        }),
      ),
    );
  }

  /** Replaces the password hash only if it is still the one the caller checked against. */
  async updatePasswordHash(userKey: string, expectedHash: string, nextHash: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [KEY.partition]: userPartition(userKey), [KEY.sort]: PROFILE_SORT_KEY },
          UpdateExpression: 'SET #hash = :next',
          ConditionExpression: 'attribute_exists(#pk) AND #hash = :expected',
          ExpressionAttributeNames: { '#pk': KEY.partition, '#hash': 'passwordHash' },
          ExpressionAttributeValues: { ':next': nextHash, ':expected': expectedHash },
        }),
      ),
    );
  }

  /** Deletes the account item only if its password hash is still the one the caller checked against. */
  async deleteUser(userKey: string, expectedHash: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { [KEY.partition]: userPartition(userKey), [KEY.sort]: PROFILE_SORT_KEY },
          ConditionExpression: 'attribute_exists(#pk) AND #hash = :expected',
          ExpressionAttributeNames: { '#pk': KEY.partition, '#hash': 'passwordHash' },
          ExpressionAttributeValues: { ':expected': expectedHash },
        }),
      ),
    );
  }

  /**
   * Deletes every session item of a user (expired ones too) except `keepSessionId`: one paginated
   * Query on the partition and one DeleteItem per session, so the work is bounded per session.
   */
  async deleteSessions(userKey: string, keepSessionId?: string): Promise<number> {
    return storeCall(async () => {
      let deleted = 0;
      const keep = keepSessionId === undefined ? undefined : sessionSortKey(keepSessionId);
      for await (const items of this.sessionPages(userKey, { keysOnly: true })) {
        const doomed = items.filter((item) => item[KEY.sort] !== keep);
        // A few deletes in flight at a time: quick for a handful of sessions, no burst for thousands.
        for (let start = 0; start < doomed.length; start += PARALLEL_DELETES) {
          await Promise.all(
            doomed.slice(start, start + PARALLEL_DELETES).map((item) =>
              this.client.send(
                new DeleteCommand({
                  TableName: this.tableName,
                  Key: { [KEY.partition]: item[KEY.partition], [KEY.sort]: item[KEY.sort] },
                }),
              ),
            ),
          );
        }
        deleted += doomed.length;
      }
      return deleted;
    });
  }

  /** A user's session items (expired ones too), a page at a time: one Query per page on the user's partition. */
  private async *sessionPages(userKey: string, options: { keysOnly?: boolean } = {}): AsyncGenerator<Record<string, unknown>[]> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort },
          ExpressionAttributeValues: { ':pk': userPartition(userKey), ':prefix': SESSION_SORT_PREFIX },
          ...(options.keysOnly ? { ProjectionExpression: '#pk, #sk' } : {}),
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      yield page.Items ?? [];
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  }
}

function toSessionRecord(item: Record<string, unknown>): SessionRecord {
  return {
    userKey: item.userKey as string,
    sessionId: item.sessionId as string,
    username: item.username as string,
    createdAt: item.createdAt as number,
    expiresAt: item.expiresAt as number,
    lastUsedAt: item.lastUsedAt as number,
    absoluteExpiresAt: item.absoluteExpiresAt as number,
    refreshHash: item.refreshHash as string,
    userAgent: item.userAgent as string | undefined,
    ip: item.ip as string | undefined,
  };
}
