import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '../errors';
import { isConditionFailure, isUnavailable } from './store';
import { KEY, rateLimitPartition, rateLimitWindowSortKey, TTL_ATTRIBUTE } from './table';

/**
 * Fixed-window counters for rate limits, one item per (scope, key, window) in the auth table:
 *
 *   pk                       sk                      attributes
 *   RATE#<scope>#<key>       WINDOW#<windowStart>    hits, failures, expiresAt (the window's end: TTL)
 *
 * `hits` counts attempts that hold a slot: decided failures plus attempts still in progress;
 * `failures` counts decided failures only, so a full window can be told from a busy one.
 *
 * Every change is a single atomic UpdateItem, so parallel requests on any number of instances count
 * exactly. Because the window start is part of the key, a new window is a new item: an old item that
 * DynamoDB has not yet deleted is never read as the current one.
 */

export interface CounterWindow {
  scope: string;
  key: string;
  /** Epoch seconds. */
  windowStart: number;
  /** Epoch seconds; the item's TTL. */
  windowEnd: number;
}

export class RateLimitStore {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    dynamo: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.client = DynamoDBDocumentClient.from(dynamo);
  }

  /**
   * Counts one more hit unless the window already holds `max`; returns false (and changes nothing)
   * when it does. The check and the increment are one conditional write.
   */
  async take(window: CounterWindow, max: number): Promise<boolean> {
    return this.call(async () => {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: this.key(window),
            UpdateExpression: 'ADD #hits :one SET #expiresAt = :windowEnd',
            ConditionExpression: 'attribute_not_exists(#hits) OR #hits < :max',
            ExpressionAttributeNames: { '#hits': 'hits', '#expiresAt': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':one': 1, ':max': max, ':windowEnd': window.windowEnd },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    });
  }

  /** Records that a hit taken by `take` was a failure: it keeps its hit, and `failures` says so. */
  async recordFailure(window: CounterWindow): Promise<void> {
    await this.call(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(window),
          UpdateExpression: 'ADD #failures :one SET #expiresAt = :windowEnd',
          ExpressionAttributeNames: { '#failures': 'failures', '#expiresAt': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':one': 1, ':windowEnd': window.windowEnd },
        }),
      ),
    );
  }

  /** Decided failures in the window (hits also count attempts still in progress). */
  async failures(window: CounterWindow): Promise<number> {
    return this.call(async () => {
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: this.key(window), ConsistentRead: true }));
      return Number(Item?.failures ?? 0);
    });
  }

  /** Gives back a hit taken by `take` (the attempt turned out not to count). */
  async giveBack(window: CounterWindow): Promise<void> {
    await this.call(async () => {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: this.key(window),
            UpdateExpression: 'ADD #hits :minusOne',
            ConditionExpression: '#hits > :zero',
            ExpressionAttributeNames: { '#hits': 'hits' },
            ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
          }),
        );
      } catch (error) {
        // Already reset by a successful login: nothing to give back.
        if (!isConditionFailure(error)) throw error;
      }
    });
  }

  /** Forgets the window's hits (a successful login clears its account's failures). */
  async reset(window: CounterWindow): Promise<void> {
    await this.call(() => this.client.send(new DeleteCommand({ TableName: this.tableName, Key: this.key(window) })));
  }

  private key(window: CounterWindow): Record<string, string> {
    return {
      [KEY.partition]: rateLimitPartition(window.scope, window.key),
      [KEY.sort]: rateLimitWindowSortKey(window.windowStart),
    };
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (isUnavailable(error)) throw new StoreUnavailableError();
      throw error;
    }
  }
}
