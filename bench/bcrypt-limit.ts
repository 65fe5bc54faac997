import { availableParallelism } from 'node:os';
import { PasswordHasher } from '../src/services/passwords';
import { BENCH_PASSWORD } from './seed';
import { median } from './stats';

/** libuv's default thread-pool size, which is what runs bcrypt in the server unless UV_THREADPOOL_SIZE says otherwise. */
const LIBUV_DEFAULT_THREADS = 4;

export interface BcryptLimit {
  cost: number;
  /** Median time of one password check at `cost`, on one core, over every sample taken. */
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
}

/**
 * Times one check at a time, `samples` times: the same PasswordHasher.verify a login does, so the
 * limit is that time shared by the hashes that can run at once.
 */
export async function timeBcrypt(cost: number, samples: number): Promise<number[]> {
  const hasher = new PasswordHasher(cost);
  const hash = await hasher.hash(BENCH_PASSWORD);
  const times: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    const started = performance.now();
    if (!(await hasher.verify(BENCH_PASSWORD, hash))) throw new Error('bcrypt check failed');
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * Turns timing sessions (taken right before and right after the login load, so that drift on a shared
 * machine shows up in both the figure and its limit) into the limit.
 */
export function bcryptLimit(cost: number, sessions: number[][], serverEnv: NodeJS.ProcessEnv): BcryptLimit {
  const times = sessions.flat();
  const threadPoolSize = Number(serverEnv.UV_THREADPOOL_SIZE ?? LIBUV_DEFAULT_THREADS);
  const cores = availableParallelism();
  const parallelHashes = Math.min(threadPoolSize, cores);
  const hashMs = median(times);
  return {
    cost,
    hashMs,
    samples: times.length,
    sessionMedians: sessions.map(median),
    threadPoolSize,
    availableParallelism: cores,
    parallelHashes,
    perSecond: (parallelHashes * 1000) / hashMs,
  };
}
