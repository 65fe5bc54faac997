import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { currentDeadline } from './deadline';

/** Attempts per store call; with the per-attempt timeout this bounds how long a request can wait on the store. */
const MAX_ATTEMPTS = 2;

export interface DynamoClientSettings {
  /** A local store's URL (dynalite); undefined for AWS. */
  endpoint: string | undefined;
  region: string;
  /** Per attempt, connecting and answering alike. */
  timeoutMs: number;
}

type HandleArguments = Parameters<NodeHttpHandler['handle']>;

/** The SDK's HTTP handler, with every request bound to the current request's deadline (store/deadline.ts). */
class DeadlineHttpHandler extends NodeHttpHandler {
  override handle(request: HandleArguments[0], options: HandleArguments[1] = {}): ReturnType<NodeHttpHandler['handle']> {
    const deadline = currentDeadline();
    if (deadline === undefined) return super.handle(request, options);
    if (deadline.signal.aborted) {
      // A retry (or any call) after the deadline is not sent at all.
      return Promise.reject(Object.assign(new Error('request deadline passed'), { name: 'AbortError' }));
    }
    const signals = [deadline.signal, ...(options.abortSignal === undefined ? [] : [options.abortSignal as AbortSignal])];
    return super.handle(request, { ...options, abortSignal: AbortSignal.any(signals) });
  }
}

export function createDynamoClient(settings: DynamoClientSettings): DynamoDBClient {
  return new DynamoDBClient({
    region: settings.region,
    maxAttempts: MAX_ATTEMPTS,
    // Without throwOnRequestTimeout the SDK only logs a warning and a hung store hangs the request.
    requestHandler: new DeadlineHttpHandler({
      connectionTimeout: settings.timeoutMs,
      requestTimeout: settings.timeoutMs,
      throwOnRequestTimeout: true,
    }),
    ...(settings.endpoint === undefined
      ? {}
      : {
          endpoint: settings.endpoint,
          // Local stores accept any credentials; AWS uses the default provider chain.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
  });
}
