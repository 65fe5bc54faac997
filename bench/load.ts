import autocannon from 'autocannon';

/** One closed HTTP load with autocannon: a fixed connection count, each sending as soon as its last answer came, for a fixed time or request count. */
export interface LoadOptions {
  url: string;
  path: string;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  durationSeconds?: number;
  /** Stop after this many requests instead of after a duration. */
  amount?: number;
  /** The JSON body of the n-th request. */
  body: (n: number) => unknown;
}

export interface LoadResult {
  /** Successful (2xx) answers per second, between the first answer and the last. */
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
  /** The distinct codes of requests that failed outright, where the generator reports them. */
  errorCodes?: string[];
}

/** 2xx answers per path over the whole run: an endpoint that never answered is a broken run. */
export const answeredByPath = new Map<string, number>();

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let counter = 0;
  let firstAnswerAt: number | undefined;
  let lastAnswerAt = 0;
  let answersInWindow = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${options.url}${options.path}`,
        connections: options.connections,
        ...(options.amount === undefined ? { duration: options.durationSeconds ?? 10 } : { amount: options.amount }),
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        // Generous: at bcrypt cost 12 on a busy machine a queued login or register can take several seconds.
        timeout: 30,
        requests: [
          {
            setupRequest: (request) => ({ ...request, body: JSON.stringify(options.body(counter++)) }),
          },
        ],
      },
      (error: Error | null, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    // The steady rate: answers between the first and the last, so that the pipeline filling at the start
    // (a login answers only after a hash or two) and the requests cut off at the end do not count.
    instance.on('response', (_client, statusCode) => {
      if (statusCode < 200 || statusCode >= 300) return;
      const now = performance.now();
      firstAnswerAt ??= now;
      lastAnswerAt = now;
      answersInWindow += 1;
    });
  });
  const steadySeconds = firstAnswerAt === undefined ? 0 : (lastAnswerAt - firstAnswerAt) / 1000;
  answeredByPath.set(options.path, (answeredByPath.get(options.path) ?? 0) + result['2xx']);
  return {
    throughput:
      answersInWindow >= 3 && steadySeconds > 0 ? (answersInWindow - 1) / steadySeconds : result['2xx'] / result.duration,
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
 * A load is broken when anything but 2xx came back, or a request failed outright (30 s without an
 * answer counts). A short load may end before its first answer when bcrypt is slow on a busy machine:
 * that is a warning, and only an endpoint that never answered in the whole run breaks it.
 */
export function problemsOf(name: string, result: LoadResult): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  if (result.non2xx > 0) problems.push(`${name}: ${result.non2xx} non-2xx responses`);
  if (result.errors > 0) {
    const codes = result.errorCodes === undefined || result.errorCodes.length === 0 ? '' : `: ${result.errorCodes.join(', ')}`;
    problems.push(`${name}: ${result.errors} request errors (${result.timeouts} timeouts)${codes}`);
  }
  const warnings = result.requests === 0 ? [`${name}: no answer before the load ended`] : [];
  return { problems, warnings };
}
