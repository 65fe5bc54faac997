import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Config } from '../config';

/** Attempts per store call; with the per-attempt timeout this bounds how long a request can wait on the store. */
const MAX_ATTEMPTS = 2;

export function createDynamoClient(store: Config['store']): DynamoDBClient {
  return new DynamoDBClient({
    region: store.region,
    maxAttempts: MAX_ATTEMPTS,
    // Without throwOnRequestTimeout the SDK only logs a warning and a hung store hangs the request.
    requestHandler: { connectionTimeout: store.timeoutMs, requestTimeout: store.timeoutMs, throwOnRequestTimeout: true },
    ...(store.endpoint === undefined
      ? {}
      : {
          endpoint: store.endpoint,
          // Local stores accept any credentials; AWS uses the default provider chain.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
  });
}
