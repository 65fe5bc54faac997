import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient, type DynamoClientSettings } from '../store/client';
import type { RateLimitStore } from '../store/rate-limits';
import { AuthStore } from '../store/store';

/**
 * The DynamoDB client and the stores on it, built the same way for the local server, Lambda, the
 * authorizer and the tests. (src/dependencies/ is where every entry point gets its parts.)
 */

export interface StoreSettings extends DynamoClientSettings {
  tableName: string;
}

export interface StoreConnection {
  dynamo: DynamoDBClient;
  store: AuthStore;
  /** The rate-limit counters, in the same table. */
  rateLimits: RateLimitStore;
}

export function connectStore(settings: StoreSettings): StoreConnection {
  const dynamo = createDynamoClient(settings);
  const store = new AuthStore(dynamo, settings.tableName);
  return { dynamo, store, rateLimits: store.rateLimits() };
}
