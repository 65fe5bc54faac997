import { StoreUnavailableError } from '../errors';

/**
 * How the store modules call DynamoDB: an outage (throttling, 5xx, timeout, no connection) becomes a
 * 503 for the client, and a conditional write whose condition did not hold answers false.
 */

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

function isConditionFailure(error: unknown): boolean {
  return (error as SdkError | undefined)?.name === 'ConditionalCheckFailedException';
}

function isUnavailable(error: unknown): boolean {
  const sdkError = error as SdkError | undefined;
  if (sdkError === undefined || sdkError === null) return false;
  if (UNAVAILABLE_ERROR_NAMES.has(sdkError.name ?? '')) return true;
  const status = sdkError.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500;
  // No HTTP response at all: connection refused, reset, DNS, socket timeout.
  return typeof sdkError.code === 'string' || sdkError.name === 'AbortError';
}

/** Runs one store operation, turning "the store cannot answer" into a 503 for the client. */
export async function storeCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isUnavailable(error)) throw new StoreUnavailableError();
    throw error;
  }
}

/** Sends one conditional write; false when its condition did not hold, so nothing was written. */
export async function conditionalWrite(send: () => Promise<unknown>): Promise<boolean> {
  return (await conditionalUpdate(send)) !== null;
}

/** Sends one conditional write and hands back its answer; null when its condition did not hold. */
export async function conditionalUpdate<T>(send: () => Promise<T>): Promise<T | null> {
  return storeCall(async () => {
    try {
      return await send();
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  });
}
