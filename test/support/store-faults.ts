import type { BatchGetItemCommandOutput, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Faults injected into one DynamoDB client, per call: a middleware on the client's stack (which the
 * document clients built on it share) counts every call the store makes, can fail the Nth one as an
 * outage would (a 503 from DynamoDB, after the SDK's retries), and can answer BatchGetItem calls with
 * every key left unprocessed. Unlike a network proxy it fails exactly one chosen store step.
 */
export interface StoreFaults {
  /** The calls seen since the last `reset()`, as SDK command names (`BatchGetItemCommand`, ...). */
  readonly calls: string[];
  /** Fails the nth call from now on (1-based). */
  failCall(n: number): void;
  /** Leaves every key of the next `times` BatchGetItem calls unprocessed. */
  leaveUnprocessed(times: number): void;
  /** Forgets the calls seen and every fault still pending. */
  reset(): void;
}

export function injectStoreFaults(client: DynamoDBClient): StoreFaults {
  const calls: string[] = [];
  let failAt = 0;
  let unprocessed = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName ?? 'unknown');
      if (calls.length === failAt) {
        throw Object.assign(new Error(`injected outage at store call ${failAt} (${context.commandName})`), {
          name: 'ServiceUnavailable',
          $metadata: { httpStatusCode: 503 },
        });
      }
      const result = await next(args);
      if (context.commandName === 'BatchGetItemCommand' && unprocessed > 0) {
        unprocessed -= 1;
        const output = result.output as BatchGetItemCommandOutput;
        const unprocessedKeys = Object.fromEntries(
          Object.entries(output.Responses ?? {}).map(([table, items]) => [
            table,
            { Keys: items.map(({ pk, sk }) => ({ pk: pk!, sk: sk! })) },
          ]),
        );
        const answer: BatchGetItemCommandOutput = { ...output, Responses: {}, UnprocessedKeys: unprocessedKeys };
        return { ...result, output: answer };
      }
      return result;
    },
    // Below the document client's (un)marshalling and above the SDK's retries: one injected failure is one failed call.
    { step: 'build', name: 'testStoreFaults' },
  );
  return {
    calls,
    failCall(n) {
      failAt = calls.length + n;
    },
    leaveUnprocessed(times) {
      unprocessed = times;
    },
    reset() {
      calls.length = 0;
      failAt = 0;
      unprocessed = 0;
    },
  };
}
