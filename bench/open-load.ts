import { answeredByPath, type LoadResult } from './load';
import { jsonConversation, spawnNode } from './processes';

/**
 * Loads at a fixed offered rate, as an open model (bench/open-load-worker.ts does the sending, in its own
 * process). Autocannon's `overallRate` is not one: it sends each connection's budget for a second in one
 * burst and then backfills latency in 1 ms steps, which lowers p99 and halves p50; no well-kept npm load
 * tool sends on a constant schedule and counts from the scheduled time (wrk2's model), so this does.
 * Autocannon stays for the closed loads that run as fast as answers come.
 */
export interface OpenStream {
  path: string;
  ratePerSecond: number;
  /** The JSON body of the n-th request; bodies repeat after MAX_DISTINCT_BODIES. */
  body: (n: number) => unknown;
}

/** What goes to the worker: the bodies as JSON text, made here because the body functions live here. */
export interface OpenLoadJob {
  url: string;
  durationSeconds: number;
  streams: { path: string; ratePerSecond: number; bodies: string[] }[];
}

export interface OpenStreamResult {
  sent: number;
  answered: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  offeredPerSecond: number;
  throughput: number;
  durationSeconds: number;
  /** The most requests outstanding at once: connections the server had to hold. */
  maxInFlight: number;
  latencyMs: LoadResult['latencyMs'];
  /** How late the generator sent, against the schedule (already inside latencyMs). */
  sendLagMs: { p50: number; p99: number; max: number };
  /** The distinct codes of requests that failed outright. */
  errorCodes: string[];
}

export type OpenLoadResult = LoadResult & Pick<OpenStreamResult, 'offeredPerSecond' | 'maxInFlight' | 'sendLagMs'>;

export interface OpenLoadGenerator {
  run(options: {
    url: string;
    durationSeconds: number;
    streams: OpenStream[];
  }): Promise<{ streams: OpenLoadResult[]; generatorCpuMs: number }>;
  stop(): Promise<void>;
}

/** Enough distinct bodies for every load the bench runs at a fixed rate (registrations must not repeat). */
const MAX_DISTINCT_BODIES = 5000;

export function startOpenLoadGenerator(env: NodeJS.ProcessEnv): OpenLoadGenerator {
  const worker = spawnNode(['--import', 'tsx', 'bench/open-load-worker.ts'], env, { stdin: true });
  const conversation = jsonConversation(worker);
  return {
    async run({ url, durationSeconds, streams }) {
      const job: OpenLoadJob = {
        url,
        durationSeconds,
        streams: streams.map((stream) => ({
          path: stream.path,
          ratePerSecond: stream.ratePerSecond,
          bodies: Array.from(
            { length: Math.min(MAX_DISTINCT_BODIES, Math.max(1, Math.floor(durationSeconds * stream.ratePerSecond))) },
            (_, n) => JSON.stringify(stream.body(n)),
          ),
        })),
      };
      const answer = await conversation.ask<{ streams: OpenStreamResult[]; generatorCpuMs: number }>(
        job,
        (durationSeconds + 90) * 1000,
      );
      return {
        generatorCpuMs: answer.generatorCpuMs,
        streams: answer.streams.map((result, index) => {
          const path = streams[index]?.path ?? '';
          answeredByPath.set(path, (answeredByPath.get(path) ?? 0) + result.ok);
          return {
            throughput: result.throughput,
            requests: result.answered,
            sent: result.sent,
            non2xx: result.non2xx,
            errors: result.errors + result.timeouts,
            timeouts: result.timeouts,
            durationSeconds: result.durationSeconds,
            latencyMs: result.latencyMs,
            offeredPerSecond: result.offeredPerSecond,
            maxInFlight: result.maxInFlight,
            sendLagMs: result.sendLagMs,
            errorCodes: result.errorCodes,
          };
        }),
      };
    },
    async stop() {
      worker.child.stdin?.end();
      await worker.stop();
    },
  };
}
