import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionalUpdate, conditionalWrite, storeCall } from './calls';
import { ATTRIBUTE, type ItemKey, rateCounterKey } from './table';

/**
 * Fixed-window counters for rate limits, one item per (scope, key, window) in the auth table (the
 * limiter estimates a sliding window from the current and the previous one):
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

export interface WindowCounts {
  hits: number;
  failures: number;
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
   * Counts one more hit unless the window already holds `max`; returns null (and changes nothing)
   * when it does, else the window's counts with this hit. The check and the increment are one
   * conditional write, so the limit holds however many attempts run at once; a throttled or failed
   * write is a 503, never a skipped limit.
   */
  async take(window: CounterWindow, max: number): Promise<WindowCounts | null> {
    const answer = await conditionalUpdate(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(window),
          UpdateExpression: 'ADD #hits :one SET #expiresAt = :windowEnd',
          ConditionExpression: 'attribute_not_exists(#hits) OR #hits < :max',
          ExpressionAttributeNames: { '#hits': ATTRIBUTE.hits, '#expiresAt': ATTRIBUTE.expiresAt },
          ExpressionAttributeValues: { ':one': 1, ':max': max, ':windowEnd': window.windowEnd },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (answer === null) return null;
    return {
      hits: Number(answer.Attributes?.[ATTRIBUTE.hits] ?? 0),
      failures: Number(answer.Attributes?.[ATTRIBUTE.failures] ?? 0),
    };
  }

  /** Records that a hit taken by `take` was a failure: it keeps its hit, and `failures` says so. Returns the window's failures now. */
  async recordFailure(window: CounterWindow): Promise<number> {
    return storeCall(async () => {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(window),
          UpdateExpression: 'ADD #failures :one SET #expiresAt = :windowEnd',
          ExpressionAttributeNames: { '#failures': ATTRIBUTE.failures, '#expiresAt': ATTRIBUTE.expiresAt },
          ExpressionAttributeValues: { ':one': 1, ':windowEnd': window.windowEnd },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.[ATTRIBUTE.failures] ?? 0);
    });
  }

  /** The window's hits (attempts holding a slot, decided or in progress) and decided failures. */
  async counts(window: CounterWindow): Promise<WindowCounts> {
    return storeCall(async () => {
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: this.key(window), ConsistentRead: true }),
      );
      return { hits: Number(Item?.[ATTRIBUTE.hits] ?? 0), failures: Number(Item?.[ATTRIBUTE.failures] ?? 0) };
    });
  }

  /** Gives back a hit taken by `take` (the attempt turned out not to count). */
  async giveBack(window: CounterWindow): Promise<void> {
    // A failed condition means a successful login already reset the window: nothing to give back.
    await conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(window),
          UpdateExpression: 'ADD #hits :minusOne',
          ConditionExpression: '#hits > :zero',
          ExpressionAttributeNames: { '#hits': ATTRIBUTE.hits },
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        }),
      ),
    );
  }

  /** Forgets the window's hits (a successful login clears its account's failures). */
  async reset(window: CounterWindow): Promise<void> {
    await storeCall(() => this.client.send(new DeleteCommand({ TableName: this.tableName, Key: this.key(window) })));
  }

  private key(window: CounterWindow): ItemKey {
    return rateCounterKey(window.scope, window.key, window.windowStart);
  }
}
