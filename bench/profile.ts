import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEnvironment } from './environment';
import { problemsOf, runLoad, type LoadResult } from './load';
import { stopAll } from './processes';
import { formatSummary, summarizeProfileFile } from './profile-summary';
import { BENCH_PASSWORD } from './seed';

/**
 * Where the server's CPU goes under one kind of load: `npm run bench:profile -- verify|login [seconds]`.
 * Starts the same environment as the bench with the server under `node --cpu-prof`, runs the load
 * after a warm-up, stops the server (which writes the profile) and prints a summary by package and
 * function; the summary is also written to bench/results/profile-<endpoint>.txt.
 */
const endpointName = process.argv[2] ?? 'verify';
const seconds = Number(process.argv[3] ?? 10);
if (!['verify', 'login'].includes(endpointName) || !Number.isFinite(seconds) || seconds <= 0 || seconds > 120) {
  throw new Error('usage: bench/profile.ts verify|login [seconds ≤ 120]');
}
const log = (message: string) => process.stderr.write(`bench:profile: ${message}\n`);

async function main(): Promise<void> {
  const profileDir = await mkdtemp(join(tmpdir(), 'auth-bench-profile-'));
  const bcryptCost = 10;
  const environment = await startEnvironment({
    bcryptCost,
    logLevel: 'warn',
    serverNodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir],
    log,
  });
  let result: LoadResult;
  try {
    const usernames = await environment.seeder.createUsers(100, 'profile-user');
    const sessions = await environment.seeder.createSessions(usernames, 100);
    const body =
      endpointName === 'verify'
        ? (n: number) => ({ token: sessions[n % sessions.length]?.token })
        : (n: number) => ({ username: usernames[n % usernames.length], password: BENCH_PASSWORD });
    const connections = endpointName === 'verify' ? 16 : 8;
    await runLoad({ url: environment.url, path: `/${endpointName}`, connections, durationSeconds: 2, body });
    log(`${endpointName}: ${connections} connections, ${seconds} s, server under --cpu-prof`);
    result = await runLoad({ url: environment.url, path: `/${endpointName}`, connections, durationSeconds: seconds, body });
  } finally {
    await environment.stop();
  }
  const { problems } = problemsOf(endpointName, result);
  const file = (await readdir(profileDir)).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error('the server wrote no CPU profile');
  const summary = formatSummary(await summarizeProfileFile(join(profileDir, file), 25));
  const header = `POST /${endpointName}: ${result.throughput.toFixed(0)} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms (bcrypt cost ${bcryptCost}; the profile covers the server's whole life, warm-up included)`;
  const text = `${header}\n${summary}\n`;
  console.log(text);
  const out = resolve(`bench/results/profile-${endpointName}.txt`);
  await writeFile(out, text);
  await rm(profileDir, { recursive: true, force: true });
  console.log(`Written: ${out}`);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
  }
}

main()
  .catch((error: unknown) => {
    console.error('bench:profile failed:', error);
    process.exitCode = 1;
  })
  .finally(() => {
    stopAll();
    process.exit();
  });
