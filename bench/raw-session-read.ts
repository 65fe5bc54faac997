import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { bareSessionRead, type SessionReadKeys } from './bare-session-read';
import { percentile } from './stats';

/**
 * The store's limit, as one Node process sees it: the bare SDK doing the read a verify does (the session
 * and its account in one consistent BatchGetItem, see bare-session-read.ts), on the same keys, with as
 * many requests in flight as the HTTP load has connections. Runs as its own process and stays up, so the
 * bench can interleave short runs of it with the verify load: reads its job from the JSON file named in
 * argv[2], then runs once per stdin line `{"durationMs": n}` and answers each with one JSON line; ends
 * when stdin closes.
 */
export interface RawSessionReadJob {
  endpoint: string;
  tableName: string;
  keys: SessionReadKeys[];
  /** The attributes the service's session check reads (its projection). */
  attributes: string[];
  concurrency: number;
}

export interface RawSessionReadResult {
  operations: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  misses: number;
  errors: number;
  /** CPU this process used per read (user + system), over the measured run. */
  clientCpuMsPerOperation: number;
}

const job = JSON.parse(await readFile(process.argv[2] ?? '', 'utf8')) as RawSessionReadJob;
const client = new DynamoDBClient({
  region: 'us-east-1',
  endpoint: job.endpoint,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const readSession = bareSessionRead(client, job.tableName, job.attributes);

async function run(durationMs: number): Promise<RawSessionReadResult> {
  const latencies: number[] = [];
  let misses = 0;
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const until = started + durationMs;
  const worker = async () => {
    while (performance.now() < until) {
      const keys = job.keys[next++ % job.keys.length];
      if (keys === undefined) throw new Error('no keys to read');
      const begin = performance.now();
      try {
        const found = await readSession(keys);
        if (!found.session || !found.account) misses += 1;
        latencies.push(performance.now() - begin);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const elapsedSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    operations: latencies.length,
    perSecond: latencies.length / elapsedSeconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    misses,
    errors,
    clientCpuMsPerOperation: (cpu.user + cpu.system) / 1000 / latencies.length,
  };
}

for await (const line of createInterface({ input: process.stdin })) {
  const { durationMs } = JSON.parse(line) as { durationMs: number };
  process.stdout.write(`${JSON.stringify(await run(durationMs))}\n`);
}
client.destroy();
