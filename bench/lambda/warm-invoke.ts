import { readFileSync } from 'node:fs';
import { lambdaContext, readEventResponse } from '../../harness/api-gateway-events';
import { percentile } from '../stats';
import { loadHandlerModule } from './load-handler';

/**
 * Warm invokes, in a fresh process: load a built handler module, answer `warmup` events (the cold start
 * and the JIT's warm-up), then `measured` more one after another, as one Lambda sandbox takes them, and
 * print the CPU and wall time they took as one JSON line. Bundled to plain CommonJS by the bench, like
 * cold-invoke.ts. argv: <handler.js> <job.json>
 */
export interface WarmInvokeJob {
  /** HTTP API events answer 200; authorizer events are allowed. Cycled through. */
  kind: 'http' | 'authorizer';
  events: unknown[];
  warmup: number;
  measured: number;
}

export interface WarmInvokeResult {
  invokes: number;
  /** Invokes that did not answer 200 (or were not allowed): a broken run. */
  failures: number;
  /** User + system CPU of the whole process (every thread) per measured invoke. */
  cpuMsPerInvoke: number;
  wallMs: { p50: number; p99: number; mean: number };
  rssMiB: number;
}

const [handlerPath, jobPath] = process.argv.slice(2);
if (handlerPath === undefined || jobPath === undefined) throw new Error('usage: warm-invoke <handler.js> <job.json>');
const job = JSON.parse(readFileSync(jobPath, 'utf8')) as WarmInvokeJob;

const succeeded = (kind: WarmInvokeJob['kind'], raw: unknown) =>
  kind === 'http' ? readEventResponse(raw).statusCode === 200 : (raw as { isAuthorized?: unknown }).isAuthorized === true;

async function main(): Promise<void> {
  const built = await loadHandlerModule(handlerPath as string);
  const context = lambdaContext();
  let failures = 0;
  const invoke = async (index: number) => {
    const raw = await built.handler(job.events[index % job.events.length], context);
    if (!succeeded(job.kind, raw)) failures += 1;
  };
  for (let index = 0; index < job.warmup; index += 1) await invoke(index);
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let index = 0; index < job.measured; index += 1) {
    const started = performance.now();
    await invoke(job.warmup + index);
    times.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuBefore);
  times.sort((a, b) => a - b);
  const result: WarmInvokeResult = {
    invokes: job.measured,
    failures,
    cpuMsPerInvoke: (cpu.user + cpu.system) / 1000 / job.measured,
    wallMs: {
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      mean: times.reduce((sum, time) => sum + time, 0) / times.length,
    },
    rssMiB: process.memoryUsage.rss() / 2 ** 20,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

void main();
