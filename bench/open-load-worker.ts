import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import type { OpenLoadJob, OpenStreamResult } from './open-load';
import { percentile } from './stats';

/**
 * The open-model load generator, in its own process so that nothing else the bench does delays a send.
 * Each stream sends its requests on an even schedule (request i at start + i / rate), whether or not
 * earlier answers came back: a slow answer opens another connection instead of holding the next
 * request back. Latency counts from the scheduled send time, so any delay in sending, the generator's
 * own included, is counted against the answer rather than hidden (no coordinated omission). Past
 * MAX_SOCKETS connections a request waits in the client for a free one, still timed from its schedule.
 * Reads one job per stdin line and answers each with one JSON line; ends when stdin closes.
 */

/**
 * Connections are opened as needed up to this many, kept alive as a real client would. It stays below the
 * server's connection cap (HTTP_MAX_CONNECTIONS, 512 by default), which would refuse the rest: an overload
 * then shows as a queue, counted in the latency, rather than as refused connections.
 */
const MAX_SOCKETS = 256;
const agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: MAX_SOCKETS });
const REQUEST_TIMEOUT_MS = 30_000;

interface Outcome {
  latencyMs: number;
  sendLagMs: number;
  status: number | 'error' | 'timeout';
  answeredAt: number;
  /** The error's code, for a request that failed outright. */
  errorCode?: string;
}

function send(url: URL, body: string, scheduledAt: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const sentAt = performance.now();
    const finish = (status: Outcome['status'], error?: NodeJS.ErrnoException) => {
      const now = performance.now();
      resolve({
        latencyMs: now - scheduledAt,
        sendLagMs: sentAt - scheduledAt,
        status,
        answeredAt: now,
        ...(error === undefined ? {} : { errorCode: error.code ?? error.message }),
      });
    };
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        response.resume();
        response.once('end', () => finish(response.statusCode ?? 0));
        response.once('error', (error) => finish('error', error));
      },
    );
    outgoing.once('timeout', () => {
      outgoing.destroy();
      finish('timeout');
    });
    outgoing.once('error', (error) => finish('error', error));
    outgoing.end(body);
  });
}

async function runStream(
  baseUrl: string,
  stream: OpenLoadJob['streams'][number],
  startAt: number,
  durationMs: number,
): Promise<OpenStreamResult> {
  const url = new URL(stream.path, baseUrl);
  const intervalMs = 1000 / stream.ratePerSecond;
  const count = Math.max(1, Math.floor(durationMs / intervalMs));
  const pending: Promise<Outcome>[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      // Every request whose time has come goes now, each with its own scheduled time.
      while (pending.length < count && startAt + pending.length * intervalMs <= now) {
        const index = pending.length;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        pending.push(
          send(url, stream.bodies[index % stream.bodies.length] ?? '{}', startAt + index * intervalMs).finally(() => {
            inFlight -= 1;
          }),
        );
      }
      if (pending.length >= count) return done();
      setTimeout(tick, Math.max(0, startAt + pending.length * intervalMs - performance.now()));
    };
    tick();
  });
  const outcomes = await Promise.all(pending);
  const ok = outcomes.filter((outcome) => typeof outcome.status === 'number' && outcome.status >= 200 && outcome.status < 300);
  const latencies = outcomes
    .filter((outcome) => typeof outcome.status === 'number')
    .map((outcome) => outcome.latencyMs)
    .sort((a, b) => a - b);
  const lags = outcomes.map((outcome) => outcome.sendLagMs).sort((a, b) => a - b);
  const lastAnswerAt = ok.reduce((latest, outcome) => Math.max(latest, outcome.answeredAt), startAt);
  const round2 = (value: number) => Math.round(value * 100) / 100;
  return {
    sent: outcomes.length,
    answered: latencies.length,
    ok: ok.length,
    non2xx: latencies.length - ok.length,
    errors: outcomes.filter((outcome) => outcome.status === 'error').length,
    timeouts: outcomes.filter((outcome) => outcome.status === 'timeout').length,
    offeredPerSecond: stream.ratePerSecond,
    throughput: ok.length / Math.max(0.001, (lastAnswerAt - startAt) / 1000),
    durationSeconds: (lastAnswerAt - startAt) / 1000,
    maxInFlight,
    latencyMs: {
      p50: round2(percentile(latencies, 0.5)),
      p90: round2(percentile(latencies, 0.9)),
      p99: round2(percentile(latencies, 0.99)),
      max: round2(latencies.at(-1) ?? Number.NaN),
      mean: round2(latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length)),
    },
    sendLagMs: {
      p50: round2(percentile(lags, 0.5)),
      p99: round2(percentile(lags, 0.99)),
      max: round2(lags.at(-1) ?? Number.NaN),
    },
    errorCodes: [...new Set(outcomes.flatMap((outcome) => (outcome.errorCode === undefined ? [] : [outcome.errorCode])))],
  };
}

for await (const line of createInterface({ input: process.stdin })) {
  const job = JSON.parse(line) as OpenLoadJob;
  const cpuBefore = process.cpuUsage();
  // A short lead so every stream's first send is on schedule.
  const startAt = performance.now() + 20;
  const streams = await Promise.all(job.streams.map((stream) => runStream(job.url, stream, startAt, job.durationSeconds * 1000)));
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  process.stdout.write(`${JSON.stringify({ streams, generatorCpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
}
