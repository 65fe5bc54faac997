import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Attempts per store call; with the per-attempt timeout this bounds how long a request can wait on the store. */
const MAX_ATTEMPTS = 2;

export interface DynamoClientSettings {
  /** A local store's URL (dynalite); undefined for AWS. */
  endpoint: string | undefined;
  region: string;
  /** Per attempt, connecting and answering alike. */
  timeoutMs: number;
}

export function createDynamoClient(settings: DynamoClientSettings): DynamoDBClient {
  return new DynamoDBClient({
    region: settings.region,
    maxAttempts: MAX_ATTEMPTS,
    // Without throwOnRequestTimeout the SDK only logs a warning and a hung store hangs the request.
    requestHandler: { connectionTimeout: settings.timeoutMs, requestTimeout: settings.timeoutMs, throwOnRequestTimeout: true },
    ...(settings.endpoint === undefined
      ? {}
      : {
          endpoint: settings.endpoint,
          // Local stores accept any credentials; AWS uses the default provider chain.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
  });
}
