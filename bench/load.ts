import autocannon from 'autocannon';

/** One HTTP load with autocannon: a fixed connection count, for a fixed time or request count. */
export interface LoadOptions {
  url: string;
  path: string;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  durationSeconds?: number;
  /** Stop after this many requests instead of after a duration. */
  amount?: number;
  /** Offered load in requests per second over all connections; unset means as fast as answers come. */
  overallRate?: number;
  /** The JSON body of the n-th request. */
  body: (n: number) => unknown;
}

export interface LoadResult {
  /** Successful (2xx) answers per second. */
  throughput: number;
  /** Answers received, whatever their status. */
  requests: number;
  /** Requests sent, answered or not: at the end of a timed load some are still in the server. */
  sent: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let counter = 0;
  const result = await autocannon({
    url: `${options.url}${options.path}`,
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.durationSeconds ?? 10 } : { amount: options.amount }),
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    // Generous: at bcrypt cost 12 on a busy machine a queued login or register can take several seconds.
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: JSON.stringify(options.body(counter++)) }),
      },
    ],
  });
  return {
    throughput: result['2xx'] / result.duration,
    requests: result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'],
    sent: result.requests.sent,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.average,
    },
  };
}

/**
 * A load is broken when anything but 2xx came back, or a request failed outright. A warm-up may end
 * before its first answer (slow bcrypt on a busy machine) without that being a fault.
 */
export function problemsOf(name: string, result: LoadResult, options: { mayBeEmpty?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (result.non2xx > 0) problems.push(`${name}: ${result.non2xx} non-2xx responses`);
  if (result.errors > 0) problems.push(`${name}: ${result.errors} request errors (${result.timeouts} timeouts)`);
  if (result.requests === 0 && options.mayBeEmpty !== true) problems.push(`${name}: no response at all`);
  return problems;
}
