import { availableParallelism } from 'node:os';
import { PasswordHasher } from '../src/services/passwords';
import { BENCH_PASSWORD } from './seed';
import { median } from './stats';

/** libuv's default thread-pool size, which is what runs bcrypt in the server unless UV_THREADPOOL_SIZE says otherwise. */
const LIBUV_DEFAULT_THREADS = 4;

export interface BcryptLimit {
  cost: number;
  /** Median time of one password check at `cost` while `parallelHashes` run at once, over every sample. */
  hashMs: number;
  samples: number;
  /** The medians of each measuring session (before and after a load), to show the machine's drift. */
  sessionMedians: number[];
  threadPoolSize: number;
  availableParallelism: number;
  /** Hashes that can run at once: the smaller of the thread pool and the cores. */
  parallelHashes: number;
  /** parallelHashes / hashMs, per second: no server can check passwords faster on this machine. */
  perSecond: number;
  /** CPU time of one check. */
  cpuMsPerCheck: number;
}

/** Hashes that can run at once in the server: the smaller of its libuv thread pool and the cores. */
export function parallelHashes(serverEnv: NodeJS.ProcessEnv): number {
  return Math.min(Number(serverEnv.UV_THREADPOOL_SIZE ?? LIBUV_DEFAULT_THREADS), availableParallelism());
}

/**
 * Times password checks (the same PasswordHasher.verify a login does), `parallel` at a time so that
 * every core hashes as it does under login load, `rounds` times; returns the time of each check.
 * On a quiet machine this equals the time of one check alone; on a shared one it is what each core
 * really gives while all of them hash.
 */
export interface BcryptTiming {
  times: number[];
  /** CPU this process used per check (all threads), which contention on a shared machine hardly moves. */
  cpuMsPerCheck: number;
}

export async function timeBcrypt(cost: number, rounds: number, parallel: number): Promise<BcryptTiming> {
  const hasher = new PasswordHasher(cost);
  const hash = await hasher.hash(BENCH_PASSWORD);
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let index = 0; index < rounds; index += 1) {
        const started = performance.now();
        if (!(await hasher.verify(BENCH_PASSWORD, hash))) throw new Error('bcrypt check failed');
        times.push(performance.now() - started);
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return { times, cpuMsPerCheck: (cpu.user + cpu.system) / 1000 / times.length };
}

/**
 * Turns timing sessions (taken right before and right after the login load, so that drift on a shared
 * machine shows up in both the figure and its limit) into the limit.
 */
export function bcryptLimit(cost: number, timings: BcryptTiming[], serverEnv: NodeJS.ProcessEnv): BcryptLimit {
  const sessions = timings.map((timing) => timing.times);
  const times = sessions.flat();
  const hashMs = median(times);
  const parallel = parallelHashes(serverEnv);
  return {
    cost,
    hashMs,
    samples: times.length,
    sessionMedians: sessions.map(median),
    threadPoolSize: Number(serverEnv.UV_THREADPOOL_SIZE ?? LIBUV_DEFAULT_THREADS),
    availableParallelism: availableParallelism(),
    parallelHashes: parallel,
    perSecond: (parallel * 1000) / hashMs,
    cpuMsPerCheck: median(timings.map((timing) => timing.cpuMsPerCheck)),
  };
}
