import { readdir, readFile, stat } from 'node:fs/promises';
import { setPriority } from 'node:os';

/**
 * bcrypt hashes on libuv's thread pool (4 threads by default), so while logins arrive faster than the cores
 * hash, those threads and the event loop share the cores: each wake-up of the loop waits behind the hashes
 * for a time slice, and verifies queue behind logins. Giving the pool's threads a higher nice value lets the
 * scheduler run the loop first whenever it has work; the hashes take every cycle the loop leaves, so login
 * throughput is unchanged while the loop is idle.
 *
 * Linux sets a nice value per thread (setpriority on a thread id); libuv names its threads "libuv-worker" and
 * starts them all on the pool's first use. Elsewhere, or when /proc is not readable, nothing changes.
 * Returns how many threads were lowered.
 */
export async function lowerThreadPoolPriority(nice: number): Promise<number> {
  if (nice === 0 || process.platform !== 'linux') return 0;
  // A first task on the pool starts its threads (the local server may not have used it yet).
  await stat(process.execPath);
  let lowered = 0;
  let tasks: string[];
  try {
    tasks = await readdir('/proc/self/task');
  } catch {
    return 0;
  }
  for (const task of tasks) {
    try {
      if ((await readFile(`/proc/self/task/${task}/comm`, 'utf8')).trim() !== 'libuv-worker') continue;
      setPriority(Number(task), nice);
      lowered += 1;
    } catch {
      // A thread that ended, or a system that refuses: the server runs as before.
    }
  }
  return lowered;
}
