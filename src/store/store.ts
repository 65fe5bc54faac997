import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '../errors';
import { RateLimitStore } from './rate-limits';
import {
  KEY,
  PROFILE_SORT_KEY,
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
  /** Epoch seconds; also the table's TTL attribute. */
  expiresAt: number;
  userAgent?: string;
  ip?: string;
}

/** Errors that mean the store cannot answer now (as opposed to a bug in the request). */
const UNAVAILABLE_ERROR_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

interface SdkError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

export function isConditionFailure(error: unknown): boolean {
  return (error as SdkError | undefined)?.name === 'ConditionalCheckFailedException';
}

export function isUnavailable(error: unknown): boolean {
  const sdkError = error as SdkError | undefined;
  if (sdkError === undefined || sdkError === null) return false;
  if (UNAVAILABLE_ERROR_NAMES.has(sdkError.name ?? '')) return true;
  const status = sdkError.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500;
  // No HTTP response at all: connection refused, reset, DNS, socket timeout.
  return typeof sdkError.code === 'string' || sdkError.name === 'AbortError';
}

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
    return this.call(async () => {
      try {
        await this.client.send(
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
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    });
  }

  async getUser(userKey: string): Promise<UserRecord | null> {
    return this.call(async () => {
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
    await this.call(() =>
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
    return this.call(async () => {
      const { Item } = await this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { [KEY.partition]: userPartition(userKey), [KEY.sort]: sessionSortKey(sessionId) },
          // Strong consistency so a logout is seen by the very next verify.
          ConsistentRead: true,
        }),
      );
      if (Item === undefined || Item.expiresAt <= nowSeconds) return null;
      return {
        userKey: Item.userKey,
        sessionId: Item.sessionId,
        username: Item.username,
        createdAt: Item.createdAt,
        expiresAt: Item.expiresAt,
        userAgent: Item.userAgent,
        ip: Item.ip,
      };
    });
  }

  /** Deletes a live session; returns false when there was none (already revoked or expired). */
  async deleteSession(userKey: string, sessionId: string, nowSeconds: number): Promise<boolean> {
    return this.call(async () => {
      try {
        await this.client.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: { [KEY.partition]: userPartition(userKey), [KEY.sort]: sessionSortKey(sessionId) },
            ConditionExpression: 'attribute_exists(#pk) AND #expiresAt > :now',
            ExpressionAttributeNames: { '#pk': KEY.partition, '#expiresAt': 'expiresAt' },
            ExpressionAttributeValues: { ':now': nowSeconds },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    });
  }

  /** Runs one store operation, turning "the store cannot answer" into a 503 for the client. */
  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (isUnavailable(error)) throw new StoreUnavailableError();
      throw error;
    }
  }
}
