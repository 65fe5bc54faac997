import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { httpApiEvent } from '../harness/api-gateway-events';
import { invokeCold, measureColdStart, writeVerifyEvent } from './cold-start';
import { type BenchEnvironment, startEnvironment } from './environment';
import type { WarmInvokeJob, WarmInvokeResult } from './lambda/warm-invoke';
import { type LaidOutHandler, lambdaEnvironment, prepareLambdaLayout, serviceWithShortLines } from './lambda-layout';
import { problemsOf, runLoad } from './load';
import { startOpenLoadGenerator } from './open-load';
import { firstJsonLine, spawnNode, stopAll } from './processes';
import { formatSummary, loadSourceMaps, summarizeProfileFile, summarizeProfileFiles } from './profile-summary';
import { BENCH_PASSWORD } from './seed';
import { round } from './stats';

/**
 * Where the CPU goes: `npm run bench:profile -- verify|login|cold-start [seconds | runs]`.
 * - verify, login: the same environment as the bench with the server under `node --cpu-prof`; the load
 *   runs after a warm-up, then the server stops (which writes the profile).
 * - cold-start: the built AuthFunction against the minimal bare-SDK handler, `runs` cold starts each
 *   (taking turns, as the bench does), then as many cold starts of AuthFunction under --cpu-prof, their
 *   samples added up and mapped through the bundle's source map to the packages and files they run.
 * - warm-invoke: `thousands` of warm verify invokes (HTTP API events, one at a time after 500 to warm up),
 *   in a process under --cpu-prof, for the built AuthFunction and for the minimal bare-SDK handler: where
 *   each one's CPU per invoke goes, side by side.
 * - login-probe: verify p99 at a light fixed rate (open model) alone and while logins saturate the hashing
 *   threads, `seconds` each, for the server with HASHING_THREAD_NICE=0 and with its default, taking turns
 *   (`rounds` of each: `npm run bench:profile -- login-probe 6 [rounds]`).
 * Prints a summary by package and function, also written to bench/results/profile-<mode>.txt.
 */
const mode = process.argv[2] ?? 'verify';
const amount = Number(process.argv[3] ?? 10);
if (
  !['verify', 'login', 'cold-start', 'warm-invoke', 'login-probe'].includes(mode) ||
  !Number.isInteger(amount) ||
  amount <= 0 ||
  amount > 120
) {
  throw new Error(
    'usage: bench/profile.ts verify|login|login-probe [seconds ≤ 120] | cold-start [runs ≤ 120] | warm-invoke [thousands ≤ 120]',
  );
}
const log = (message: string) => process.stderr.write(`bench:profile: ${message}\n`);
const BCRYPT_COST = 10;

async function profileLoad(profileDir: string): Promise<{ text: string; problems: string[] }> {
  const environment = await startEnvironment({
    bcryptCost: BCRYPT_COST,
    logLevel: 'warn',
    serverNodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir],
    log,
  });
  let load: Awaited<ReturnType<typeof runLoad>>;
  try {
    const usernames = await environment.seeder.createUsers(100, 'profile-user');
    const sessions = await environment.seeder.createSessions(usernames, 100);
    const body =
      mode === 'verify'
        ? (n: number) => ({ token: sessions[n % sessions.length]?.token })
        : (n: number) => ({ username: usernames[n % usernames.length], password: BENCH_PASSWORD });
    const connections = mode === 'verify' ? 16 : 8;
    await runLoad({ url: environment.url, path: `/${mode}`, connections, durationSeconds: 2, body });
    log(`${mode}: ${connections} connections, ${amount} s, server under --cpu-prof`);
    load = await runLoad({ url: environment.url, path: `/${mode}`, connections, durationSeconds: amount, body });
  } finally {
    await environment.stop();
  }
  const file = (await readdir(profileDir)).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error('the server wrote no CPU profile');
  const summary = formatSummary(await summarizeProfileFile(join(profileDir, file), 25));
  const header = `POST /${mode}: ${load.throughput.toFixed(0)} req/s, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms (bcrypt cost ${BCRYPT_COST}; the profile covers the server's whole life, warm-up included)`;
  return { text: `${header}\n${summary}\n`, problems: problemsOf(mode, load).problems };
}

/** Every file of a built handler (a split bundle is several) that has a source map, with its map. */
async function handlerSourceMaps(handler: string) {
  const dir = dirname(handler);
  const files = (await readdir(dir)).filter((name) => /\.[cm]?js$/.test(name)).map((name) => join(dir, name));
  return loadSourceMaps(files.filter((file) => existsSync(`${file}.map`)));
}

async function profileColdStart(
  environment: BenchEnvironment,
  profileDir: string,
): Promise<{ text: string; problems: string[] }> {
  const [username] = await environment.seeder.createUsers(1, 'profile-user');
  const [session] = await environment.seeder.createSessions([username ?? ''], 1);
  const layout = await prepareLambdaLayout(lambdaEnvironment(environment.serverEnv));
  if ('unavailable' in layout) throw new Error(layout.unavailable);
  try {
    log(`cold starts: AuthFunction vs the minimal bare-SDK handler, ${amount} each`);
    const compared = await measureColdStart(layout, { runs: amount, token: session?.token ?? '' });
    log(`${amount} more cold starts of AuthFunction (rebuilt with short lines) under --cpu-prof`);
    const eventFile = await writeVerifyEvent(layout, session?.token ?? '');
    const profiled = await serviceWithShortLines(layout);
    for (let run = 0; run < amount; run += 1) {
      await invokeCold(layout, profiled, eventFile, ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-interval', '100']);
    }
    const files = (await readdir(profileDir))
      .filter((name) => name.endsWith('.cpuprofile'))
      .map((name) => join(profileDir, name));
    const summary = formatSummary(await summarizeProfileFiles(files, 40, await handlerSourceMaps(profiled.handler)));
    const { service, minimal } = compared;
    const header = [
      `Lambda cold start (load + first verify), median of ${amount}: AuthFunction ${round(service.coldStartMs)} ms (load ${round(service.loadMs)} + first invoke ${round(service.firstInvokeMs)}) vs minimal ${round(minimal.coldStartMs)} ms (${round(minimal.loadMs)} + ${round(minimal.firstInvokeMs)}): ${(service.coldStartMs / minimal.coldStartMs).toFixed(2)}×`,
      `Bundle loaded at start (${basename(layout.service.handler)} and the chunks it imports): ${round(service.bundleBytes / 1024, 0)} KiB, minimal ${round(minimal.bundleBytes / 1024, 0)} KiB. Profile: ${files.length} cold starts of AuthFunction added up (whole processes, Node's boot included), mapped through the source map of the same bundle with short lines`,
    ].join('\n');
    return { text: `${header}\n${summary}\n`, problems: compared.problems };
  } finally {
    await layout.remove();
  }
}

async function profileWarmInvokes(
  environment: BenchEnvironment,
  profileDir: string,
): Promise<{ text: string; problems: string[] }> {
  const usernames = await environment.seeder.createUsers(50, 'profile-user');
  const sessions = await environment.seeder.createSessions(usernames, 50);
  const layout = await prepareLambdaLayout(lambdaEnvironment(environment.serverEnv));
  if ('unavailable' in layout) throw new Error(layout.unavailable);
  try {
    const job: WarmInvokeJob = {
      kind: 'http',
      events: sessions.map(({ token }) => httpApiEvent({ method: 'POST', path: '/verify', body: { token } })),
      warmup: 500,
      measured: amount * 1000,
    };
    const jobFile = join(layout.work, 'warm-profile.json');
    await writeFile(jobFile, JSON.stringify(job));
    const sides: [string, LaidOutHandler][] = [
      ['AuthFunction (bundle rebuilt with short lines)', await serviceWithShortLines(layout)],
      ['Minimal bare-SDK handler', layout.minimal],
    ];
    const sections: string[] = [];
    const problems: string[] = [];
    for (const [name, side] of sides) {
      log(`${name}: ${job.measured} warm verify invokes under --cpu-prof`);
      const sideDir = await mkdtemp(join(profileDir, 'warm-'));
      const child = spawnNode(['--cpu-prof', '--cpu-prof-dir', sideDir, layout.runners.warm, side.handler, jobFile], side.env);
      let result: WarmInvokeResult;
      try {
        result = await firstJsonLine<WarmInvokeResult>(child, 600_000);
        // The runner exits by itself once it answered; letting it do so is what writes the profile.
        await child.exited(30_000);
      } finally {
        await child.stop();
      }
      if (result.failures > 0) problems.push(`${name}: ${result.failures} invokes failed`);
      const files = (await readdir(sideDir)).map((file) => join(sideDir, file));
      const summary = formatSummary(await summarizeProfileFiles(files, 30, await handlerSourceMaps(side.handler)));
      sections.push(
        `${name}: ${round(result.cpuMsPerInvoke, 3)} ms CPU per invoke under the profiler (whole process, ${result.invokes} invokes after ${job.warmup} to warm up; the profile covers the process's whole life)\n${summary}`,
      );
    }
    return { text: `${sections.join('\n\n')}\n`, problems };
  } finally {
    await layout.remove();
  }
}

const PROBE_RATE = 50;

/** Verify p99 alone and under login load, for each HASHING_THREAD_NICE, taking turns. */
async function profileLoginProbe(): Promise<{ text: string; problems: string[] }> {
  const rounds = Number(process.argv[4] ?? 2);
  const settings = [{ HASHING_THREAD_NICE: '0' }, {}];
  const lines: string[] = [];
  const problems: string[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const serverSettings of settings) {
      const label =
        serverSettings.HASHING_THREAD_NICE === undefined
          ? 'HASHING_THREAD_NICE default'
          : `HASHING_THREAD_NICE=${serverSettings.HASHING_THREAD_NICE}`;
      const environment = await startEnvironment({ bcryptCost: BCRYPT_COST, logLevel: 'warn', log, serverSettings });
      const generator = startOpenLoadGenerator(environment.baseEnv);
      try {
        const usernames = await environment.seeder.createUsers(50, 'probe-user');
        const sessions = await environment.seeder.createSessions(usernames, 50);
        const probe = {
          path: '/verify',
          ratePerSecond: PROBE_RATE,
          body: (n: number) => ({ token: sessions[n % sessions.length]?.token }),
        };
        const runProbe = async () => {
          const [result] = (await generator.run({ url: environment.url, durationSeconds: amount, streams: [probe] })).streams;
          if (result === undefined) throw new Error('the open-model generator answered no stream');
          problems.push(...problemsOf('verify probe', result).problems);
          return result;
        };
        await runProbe();
        const alone = await runProbe();
        const loginBody = (n: number) => ({ username: usernames[n % usernames.length], password: BENCH_PASSWORD });
        const background = runLoad({
          url: environment.url,
          path: '/login',
          connections: 8,
          durationSeconds: amount + 2,
          body: loginBody,
        });
        await new Promise((done) => setTimeout(done, 1000));
        const underLogin = await runProbe();
        const login = await background;
        problems.push(...problemsOf('login', login).problems);
        const line = `${label}: verify at ${PROBE_RATE}/s p50/p99 alone ${alone.latencyMs.p50}/${alone.latencyMs.p99} ms, under login load ${underLogin.latencyMs.p50}/${underLogin.latencyMs.p99} ms (p99 ${(underLogin.latencyMs.p99 / alone.latencyMs.p99).toFixed(2)}×); logins ${login.throughput.toFixed(1)}/s; probe send lag p99 ${underLogin.sendLagMs.p99} ms`;
        log(line);
        lines.push(line);
      } finally {
        await generator.stop();
        await environment.stop();
      }
    }
  }
  return {
    text: `Verify probe (open model, ${PROBE_RATE}/s, ${amount} s) alone and under 8 login connections, bcrypt cost ${BCRYPT_COST}\n${lines.join('\n')}\n`,
    problems,
  };
}

async function main(): Promise<void> {
  const profileDir = await mkdtemp(join(tmpdir(), 'auth-bench-profile-'));
  try {
    let result: { text: string; problems: string[] };
    if (mode === 'cold-start' || mode === 'warm-invoke') {
      const environment = await startEnvironment({ bcryptCost: BCRYPT_COST, logLevel: 'warn', log });
      try {
        result = await (mode === 'cold-start' ? profileColdStart : profileWarmInvokes)(environment, profileDir);
      } finally {
        await environment.stop();
      }
    } else if (mode === 'login-probe') {
      result = await profileLoginProbe();
    } else {
      result = await profileLoad(profileDir);
    }
    console.log(result.text);
    const out = resolve(`bench/results/profile-${mode}.txt`);
    await writeFile(out, result.text);
    console.log(`Written: ${out}`);
    if (result.problems.length > 0) {
      console.error(result.problems.join('\n'));
      process.exitCode = 1;
    }
  } finally {
    await rm(profileDir, { recursive: true, force: true });
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
