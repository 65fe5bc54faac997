import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '../errors';
import { conditionalWrite, storeCall } from './calls';
import { UserDirectory } from './directory';
import { EmailStore } from './email';
import { EventStore } from './events';
import { MfaStore } from './mfa';
import { RateLimitStore } from './rate-limits';
import {
  type AccountRecord,
  SESSION_CHECK_ATTRIBUTES,
  type SessionRecord,
  STAMP_BEFORE_STAMPS,
  toAccountRecord,
  toAccountStamp,
  toSessionRecord,
} from './records';
import { ATTRIBUTE, accountKey, healthCheckKey, KEY, sessionKey, userItems } from './table';

/**
 * Accounts and sessions in DynamoDB (src/store/ is the only code that speaks DynamoDB). Every write is
 * a single-item conditional write, so concurrent requests never lose each other's data and no
 * transactions are needed; every read is strongly consistent.
 */

/** A session item and its account's security stamp, read together (either may be missing). */
export interface SessionWithAccount {
  session: SessionRecord | null;
  /** Null when the account item does not exist. */
  accountStamp: string | null;
}

/** A user's session items and their account's stamp, from one Query of the user's partition. */
export interface UserSessions {
  sessions: SessionRecord[];
  accountStamp: string | null;
}

/** The credentials a change was checked against: it is written only if they are still the stored ones. */
export interface ExpectedCredentials {
  passwordHash: string;
  securityStamp: string;
}

type BatchGetKeys = NonNullable<NonNullable<BatchGetCommandInput['RequestItems']>[string]['Keys']>;

/** How many session deletes a cleanup keeps in flight at once. */
const PARALLEL_DELETES = 10;

/** `#a0, #a1, …` for these attribute names, and the ExpressionAttributeNames they stand for. */
function projection(attributes: readonly string[]): {
  ProjectionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
} {
  const names = Object.fromEntries(attributes.map((attribute, index) => [`#a${index}`, attribute]));
  return { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names };
}

const SESSION_CHECK_PROJECTION = projection(SESSION_CHECK_ATTRIBUTES);

interface Condition {
  condition: string;
  names: Record<string, string>;
  values: Record<string, string>;
}

/** A condition that the stored stamp is `stamp` (an item from before stamps has none). */
function stampIs(stamp: string): Condition {
  const names = { '#stamp': ATTRIBUTE.securityStamp };
  return stamp === STAMP_BEFORE_STAMPS
    ? { condition: 'attribute_not_exists(#stamp)', names, values: {} }
    : { condition: '#stamp = :expectedStamp', names, values: { ':expectedStamp': stamp } };
}

/** A condition that the account item exists with the credentials the caller checked against. */
function credentialsAre(expected: ExpectedCredentials): Condition {
  const stamp = stampIs(expected.securityStamp);
  return {
    condition: `attribute_exists(#pk) AND #hash = :expectedHash AND ${stamp.condition}`,
    names: { ...stamp.names, '#pk': KEY.partition, '#hash': ATTRIBUTE.passwordHash },
    values: { ...stamp.values, ':expectedHash': expected.passwordHash },
  };
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

  /** The second factors' items (TOTP, passkeys, WebAuthn challenges), kept in the same table. */
  mfa(): MfaStore {
    return new MfaStore(this.dynamo, this.tableName);
  }

  /** Email addresses, their claims and the mailed tokens, kept in the same table. */
  email(): EmailStore {
    return new EmailStore(this.dynamo, this.tableName);
  }

  /** The users' security events, kept in their partitions. */
  events(): EventStore {
    return new EventStore(this.dynamo, this.tableName);
  }

  /**
   * One cheap read, for the readiness check: a GetItem (eventually consistent, half a read unit) of a key
   * no item has. Any failure (an outage, a missing table, a refused permission) is "not ready": a 503.
   */
  async ping(): Promise<void> {
    try {
      await storeCall(() => this.client.send(new GetCommand({ TableName: this.tableName, Key: healthCheckKey })));
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      throw Object.assign(new StoreUnavailableError(), { cause: error });
    }
  }

  /** The user directory, for listing accounts without a Scan (directory.ts). */
  directory(): UserDirectory {
    return new UserDirectory(this.dynamo, this.tableName);
  }

  /**
   * Creates the account unless the key is taken; returns false when it was. Its directory entry is
   * written first, so an account never lacks one (an entry left by a failed attempt is skipped by listings).
   */
  async createAccount(account: AccountRecord): Promise<boolean> {
    await this.directory().add(account.userKey, account.createdAt);
    return conditionalWrite(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...accountKey(account.userKey), [ATTRIBUTE.type]: 'user', ...account },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': KEY.partition },
        }),
      ),
    );
  }

  async getAccount(userKey: string): Promise<AccountRecord | null> {
    return storeCall(async () => {
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: accountKey(userKey), ConsistentRead: true }),
      );
      return Item === undefined ? null : toAccountRecord(Item);
    });
  }

  /**
   * Replaces the password hash and the security stamp in one write, only if the account still has the
   * credentials the caller checked against. Returns false when it did not (changed or deleted meanwhile).
   */
  async changePassword(
    userKey: string,
    expected: ExpectedCredentials,
    next: { passwordHash: string; securityStamp: string },
  ): Promise<boolean> {
    const unchanged = credentialsAre(expected);
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: accountKey(userKey),
          UpdateExpression: 'SET #hash = :nextHash, #stamp = :nextStamp',
          ConditionExpression: unchanged.condition,
          ExpressionAttributeNames: unchanged.names,
          ExpressionAttributeValues: { ...unchanged.values, ':nextHash': next.passwordHash, ':nextStamp': next.securityStamp },
        }),
      ),
    );
  }

  /** Deletes the account item only if it still has the credentials the caller checked against. */
  async deleteAccount(userKey: string, expected: ExpectedCredentials): Promise<boolean> {
    const unchanged = credentialsAre(expected);
    return conditionalWrite(() =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: accountKey(userKey),
          ConditionExpression: unchanged.condition,
          ExpressionAttributeNames: unchanged.names,
          ExpressionAttributeValues: unchanged.values,
        }),
      ),
    );
  }

  /**
   * Disables the account and replaces its security stamp in one write: the commit point that ends every
   * session at once (see src/services/sessions.ts). Returns false when there is no such account.
   */
  async disableAccount(userKey: string, nextStamp: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: accountKey(userKey),
          UpdateExpression: 'SET #disabled = :true, #stamp = :nextStamp',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': KEY.partition, '#disabled': ATTRIBUTE.disabled, '#stamp': ATTRIBUTE.securityStamp },
          ExpressionAttributeValues: { ':true': true, ':nextStamp': nextStamp },
        }),
      ),
    );
  }

  /** Lets a disabled account sign in again (its old sessions stay dead: their stamp is gone). False when there is no such account. */
  async enableAccount(userKey: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: accountKey(userKey),
          UpdateExpression: 'REMOVE #disabled',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': KEY.partition, '#disabled': ATTRIBUTE.disabled },
        }),
      ),
    );
  }

  async putSession(session: SessionRecord): Promise<void> {
    await storeCall(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...sessionKey(session.userKey, session.sessionId), [ATTRIBUTE.type]: 'session', ...session },
          // Session ids are random; refusing to overwrite makes a collision loud instead of silent.
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': KEY.partition },
        }),
      ),
    );
  }

  /**
   * The session item and its account's stamp in one round trip: a BatchGetItem of the two keys,
   * strongly consistent, reading no more of the account than its stamp (not the hash, not the name).
   * Keys DynamoDB leaves unprocessed are asked for once more; still unprocessed is an outage.
   */
  async getSessionWithAccount(userKey: string, sessionId: string): Promise<SessionWithAccount> {
    return storeCall(async () => {
      const read = { ConsistentRead: true, ...SESSION_CHECK_PROJECTION };
      let keys: BatchGetKeys = [sessionKey(userKey, sessionId), accountKey(userKey)];
      const items: Record<string, unknown>[] = [];
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { ...read, Keys: keys } } }),
        );
        items.push(...(Responses?.[this.tableName] ?? []));
        keys = UnprocessedKeys?.[this.tableName]?.Keys ?? [];
        if (keys.length === 0) {
          const account = items.find(userItems.isAccount);
          const session = items.find(userItems.isSession);
          return {
            session: session === undefined ? null : toSessionRecord(session),
            accountStamp: account === undefined ? null : toAccountStamp(account),
          };
        }
      }
      throw new StoreUnavailableError();
    });
  }

  /**
   * Moves a live session to the account's new stamp (the password change keeps its caller's session).
   * Only if it is still on the stamp it was verified under and not expired; false otherwise.
   */
  async restampSession(
    userKey: string,
    sessionId: string,
    change: { expectedStamp: string; nextStamp: string; nowSeconds: number },
  ): Promise<boolean> {
    const stamp = stampIs(change.expectedStamp);
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sessionKey(userKey, sessionId),
          UpdateExpression: 'SET #stamp = :nextStamp',
          ConditionExpression: `attribute_exists(#pk) AND #expiresAt > :now AND ${stamp.condition}`,
          ExpressionAttributeNames: { ...stamp.names, '#pk': KEY.partition, '#expiresAt': ATTRIBUTE.expiresAt },
          ExpressionAttributeValues: { ':nextStamp': change.nextStamp, ':now': change.nowSeconds, ...stamp.values },
        }),
      ),
    );
  }

  /** Deletes an unexpired session item; returns false when there was none (already gone or expired). */
  async deleteSession(userKey: string, sessionId: string, nowSeconds: number): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: sessionKey(userKey, sessionId),
          ConditionExpression: 'attribute_exists(#pk) AND #expiresAt > :now',
          ExpressionAttributeNames: { '#pk': KEY.partition, '#expiresAt': ATTRIBUTE.expiresAt },
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      ),
    );
  }

  /**
   * Swaps the refresh hash, one use per secret: the write happens only while the stored hash is still
   * the presented one and the session is unexpired, so of two concurrent uses exactly one wins.
   * Returns false when it lost (secret already used, session revoked or expired).
   */
  async rotateRefresh(
    userKey: string,
    sessionId: string,
    change: {
      presentedHash: string;
      nextHash: string;
      nextGeneration: number;
      nextKeyId: string;
      lastUsedAt: number;
      expiresAt: number;
      nowSeconds: number;
    },
  ): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sessionKey(userKey, sessionId),
          UpdateExpression:
            'SET #hash = :next, #previous = :presented, #generation = :generation, #keyId = :keyId, #rotatedAt = :now, ' +
            '#lastUsedAt = :lastUsedAt, #expiresAt = :expiresAt',
          ConditionExpression: 'attribute_exists(#pk) AND #hash = :presented AND #expiresAt > :now',
          ExpressionAttributeNames: {
            '#pk': KEY.partition,
            '#hash': ATTRIBUTE.refreshHash,
            '#previous': ATTRIBUTE.previousRefreshHash,
            '#generation': ATTRIBUTE.refreshGeneration,
            '#keyId': ATTRIBUTE.refreshKeyId,
            '#rotatedAt': ATTRIBUTE.rotatedAt,
            '#lastUsedAt': ATTRIBUTE.lastUsedAt,
            '#expiresAt': ATTRIBUTE.expiresAt,
          },
          ExpressionAttributeValues: {
            ':next': change.nextHash,
            ':presented': change.presentedHash,
            ':generation': change.nextGeneration,
            ':keyId': change.nextKeyId,
            ':lastUsedAt': change.lastUsedAt,
            ':expiresAt': change.expiresAt,
            ':now': change.nowSeconds,
          },
        }),
      ),
    );
  }

  /**
   * Every session item of a user (expired and stale ones too) and the account's stamp: one paginated
   * Query on the user's partition from the account's sort key on (so not its events), never a Scan.
   */
  async getUserSessions(userKey: string): Promise<UserSessions> {
    return storeCall(async () => {
      const sessions: SessionRecord[] = [];
      let accountStamp: string | null = null;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: '#pk = :pk AND #sk >= :from',
            ...SESSION_CHECK_PROJECTION,
            ExpressionAttributeNames: {
              ...SESSION_CHECK_PROJECTION.ExpressionAttributeNames,
              '#pk': KEY.partition,
              '#sk': KEY.sort,
            },
            ExpressionAttributeValues: { ':pk': userItems.partition(userKey), ':from': userItems.accountAndSessionsFrom },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          if (userItems.isAccount(item)) accountStamp = toAccountStamp(item);
          else if (userItems.isSession(item)) sessions.push(toSessionRecord(item));
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
      return { sessions, accountStamp };
    });
  }

  /** Deletes these session items of a user, a few at a time: quick for a handful, no burst for thousands. */
  async deleteSessions(userKey: string, sessionIds: readonly string[]): Promise<void> {
    await storeCall(async () => {
      for (let start = 0; start < sessionIds.length; start += PARALLEL_DELETES) {
        await Promise.all(
          sessionIds
            .slice(start, start + PARALLEL_DELETES)
            .map((sessionId) =>
              this.client.send(new DeleteCommand({ TableName: this.tableName, Key: sessionKey(userKey, sessionId) })),
            ),
        );
      }
    });
  }
}
