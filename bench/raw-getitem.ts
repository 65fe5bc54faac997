import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { percentile } from './stats';

/**
 * The store's limit, as one Node process sees it: the bare SDK doing the same strongly consistent
 * GetItem that AuthStore.getSession does, on the same keys, with as many requests in flight as the
 * HTTP load has connections. Runs as its own process and stays up, so the bench can interleave short
 * runs of it with the verify load: reads its job from the JSON file named in argv[2], then runs once
 * per stdin line `{"durationMs": n}` and answers each with one JSON line; ends when stdin closes.
 */
export interface RawGetItemJob {
  endpoint: string;
  tableName: string;
  keys: { pk: string; sk: string }[];
  concurrency: number;
}

export interface RawGetItemResult {
  operations: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  misses: number;
  errors: number;
  /** CPU this process used per GetItem (user + system), over the measured run. */
  clientCpuMsPerOperation: number;
}

const job = JSON.parse(await readFile(process.argv[2] ?? '', 'utf8')) as RawGetItemJob;
const client = new DynamoDBClient({
  region: 'us-east-1',
  endpoint: job.endpoint,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

async function run(durationMs: number): Promise<RawGetItemResult> {
  const latencies: number[] = [];
  let misses = 0;
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const until = started + durationMs;
  const worker = async () => {
    while (performance.now() < until) {
      const key = job.keys[next++ % job.keys.length];
      if (key === undefined) throw new Error('no keys to read');
      const begin = performance.now();
      try {
        const { Item } = await client.send(
          new GetItemCommand({
            TableName: job.tableName,
            Key: { pk: { S: key.pk }, sk: { S: key.sk } },
            ConsistentRead: true,
          }),
        );
        if (Item === undefined) misses += 1;
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
