import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

/** Resident memory and CPU time of the processes under test, read from /proc. */

/** Resident memory of another process, in MiB: current and peak (high-water mark). */
export interface MemoryReading {
  rssMiB: number;
  peakMiB: number;
}

const run = promisify(execFile);

/** Reads /proc/<pid>/status on Linux; elsewhere falls back to `ps`, which has no peak (peak = current). */
export async function readMemory(pid: number): Promise<MemoryReading> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  } catch {
    const { stdout } = await run('ps', ['-o', 'rss=', '-p', String(pid)]);
    const rss = Number(stdout.trim()) / 1024;
    return { rssMiB: rss, peakMiB: rss };
  }
}

/** Samples a process's memory every `intervalMs` until stopped. */
export function sampleMemory(pid: number, intervalMs: number): { stop(): Promise<{ atMs: number; rssMiB: number }[]> } {
  const samples: { atMs: number; rssMiB: number }[] = [];
  const started = performance.now();
  const timer = setInterval(() => {
    void readMemory(pid).then(
      (reading) => samples.push({ atMs: performance.now() - started, rssMiB: reading.rssMiB }),
      () => undefined,
    );
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

/** Linux's USER_HZ: /proc reports CPU times in these ticks on every mainstream architecture. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time a process has used so far (user + system), in milliseconds, from /proc/<pid>/stat; NaN where
 * there is no /proc. Differences over a load give CPU per request, which a busy shared machine disturbs
 * far less than throughput.
 */
export async function readCpuMs(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const userTicks = Number(fields[11]);
    const systemTicks = Number(fields[12]);
    return ((userTicks + systemTicks) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/**
 * Waits until a process has (nearly) stopped using CPU: requests a timed load left in flight are done.
 * Gives up after `timeoutMs` and says so.
 */
export async function waitForIdle(pid: number, timeoutMs: number): Promise<boolean> {
  const intervalMs = 200;
  const deadline = Date.now() + timeoutMs;
  let previous = await readCpuMs(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const current = await readCpuMs(pid);
    if (!Number.isFinite(current) || current - previous <= intervalMs * 0.1) return true;
    previous = current;
  }
  return false;
}
