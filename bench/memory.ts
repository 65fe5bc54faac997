import { readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

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
