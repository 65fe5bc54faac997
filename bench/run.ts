import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SESSION_CHECK_ATTRIBUTES } from '../src/store/records';
import { type BcryptLimit, bcryptLimit, parallelHashes, timeBcrypt } from './bcrypt-limit';
import { type CurvePoint, latencyChart } from './chart';
import { type ColdStartResult, measureColdStart } from './cold-start';
import { type BenchEnvironment, startEnvironment } from './environment';
import { lambdaEnvironment, prepareLambdaLayout } from './lambda-layout';
import { answeredByPath, type LoadOptions, type LoadResult, problemsOf, runLoad } from './load';
import { readCpuMs, readMemory, sampleMemory, waitForIdle } from './memory';
import { type OpenLoadGenerator, type OpenLoadResult, type OpenStream, startOpenLoadGenerator } from './open-load';
import { jsonConversation, spawnNode, stopAll } from './processes';
import type { RawSessionReadJob, RawSessionReadResult } from './raw-session-read';
import { type BenchResults, formatRatio, terminalTable, writeResults } from './report';
import { benchRows, type MeasuredLoad, type MemorySoak, type StoreLimit, type VerifyAtFullLoad } from './rows';
import { BENCH_PASSWORD, type Session, totpCodeNow } from './seed';
import { median, round } from './stats';
import { measureWarmInvokes, type WarmInvokeComparison } from './warm-invoke';

/**
 * `npm run bench` (full, a few minutes) and `npm run bench:quick` (under a minute, run by CI).
 * Every figure is compared with the limit it is bound by, measured in this same run on this machine.
 * Exits non-zero only when the run itself is broken (a failed request, a non-2xx answer, a crash),
 * never because a goal was missed: shared machines are noisy.
 */

const mode = process.argv.includes('--quick') ? 'quick' : 'full';

const PROFILES = {
  quick: {
    bcryptCost: 10,
    bcryptSamples: 6,
    users: 100,
    logoutTokens: 1500,
    mailUsers: 50,
    resetTokens: 24,
    forgotSeconds: 4,
    mfaLogins: 150,
    passkeyUsers: 20,
    passkeyLogins: 300,
    warmupSeconds: 1,
    measureSeconds: 2,
    slices: 2,
    sliceSeconds: 1,
    loginSeconds: 3,
    sweepSeconds: 2,
    sweepFractions: [0.25, 1],
    soakSeconds: 4,
    soakWindowSeconds: 1,
    coldStartRuns: 3,
    warmInvokes: { rounds: 2, warmup: 150, measured: 300 },
  },
  full: {
    bcryptCost: 12,
    bcryptSamples: 8,
    users: 500,
    logoutTokens: 8000,
    mailUsers: 200,
    resetTokens: 120,
    forgotSeconds: 12,
    mfaLogins: 1000,
    passkeyUsers: 50,
    passkeyLogins: 1500,
    warmupSeconds: 3,
    measureSeconds: 10,
    slices: 5,
    sliceSeconds: 2,
    loginSeconds: 15,
    sweepSeconds: 6,
    sweepFractions: [0.1, 0.25, 0.5, 0.75, 0.9, 1, 1.2],
    soakSeconds: 180,
    soakWindowSeconds: 30,
    coldStartRuns: 10,
    warmInvokes: { rounds: 6, warmup: 500, measured: 1500 },
  },
} as const;
type Profile = (typeof PROFILES)[keyof typeof PROFILES];
const profile: Profile = PROFILES[mode];

/** Connections per closed load; fixed so runs compare. The raw session read keeps as many requests in flight as verify has connections. */
const CONNECTIONS = {
  verify: 16,
  login: 8,
  register: 8,
  logout: 16,
  forgot: 32,
  reset: 8,
  mfaLogin: 16,
  passkeyLogin: 16,
} as const;
/** The reset load's new password (the policy applies to it as to any). */
const RESET_PASSWORD = 'a brand new bench passphrase';
/** The verify rate used to compare latency with and without login load: light enough not to queue by itself. */
const PROBE_RATE_CAP = 100;
const LOG_LEVEL = 'warn' as const;
const RESULTS_DIR = resolve('bench/results');

const clockStart = performance.now();
const log = (message: string) =>
  process.stderr.write(`bench: [${((performance.now() - clockStart) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);

/**
 * A load to measure: closed (autocannon, a fixed number of connections each sending as soon as its last
 * answer came) or open (a fixed offered rate on an even schedule, from the open-model generator).
 */
type LoadSpec = { closed: Omit<LoadOptions, 'url'> } | { open: OpenStream; durationSeconds: number };

/** What every step shares: the environment, the seeded data, the request bodies, and where problems go. */
interface Run {
  environment: BenchEnvironment;
  /** Fixed-rate loads, sent from their own process. */
  openLoad: OpenLoadGenerator;
  /** One fixed-rate load of one stream from `openLoad`. */
  runOpen(stream: OpenStream, durationSeconds: number): Promise<OpenLoadResult>;
  verifySessions: Session[];
  logoutSessions: Session[];
  /** Accounts with a verified address, asked a reset link for; and unused reset tokens, one per account. */
  mailUsers: string[];
  resetTokens: string[];
  runId: string;
  verifyBody(n: number): unknown;
  loginBody(n: number): unknown;
  registerBody(n: number): unknown;
  /** A load's failures become problems (a broken run), its empty answers warnings. */
  check(name: string, result: LoadResult): LoadResult;
  /** A load (after a warm-up unless told otherwise) with the CPU each process spent per request. */
  measure(name: string, load: LoadSpec, warmup?: boolean): Promise<MeasuredLoad>;
  problems: string[];
  warnings: string[];
  details: Record<string, unknown>;
}

async function prepare(): Promise<Run> {
  const problems: string[] = [];
  const warnings: string[] = [];
  const check = (name: string, result: LoadResult) => {
    const found = problemsOf(name, result);
    problems.push(...found.problems);
    warnings.push(...found.warnings);
    return result;
  };

  const environment = await startEnvironment({ bcryptCost: profile.bcryptCost, logLevel: LOG_LEVEL, log });
  const { url, seeder, server, storePid, baseEnv } = environment;
  const openLoad = startOpenLoadGenerator(baseEnv);
  const runOpen = async (stream: OpenStream, durationSeconds: number) => {
    const [result] = (await openLoad.run({ url, durationSeconds, streams: [stream] })).streams;
    if (result === undefined) throw new Error('the open-model generator answered no stream');
    return result;
  };
  log(`seeding ${profile.users} users and ${profile.users + profile.logoutTokens} sessions`);
  const usernames = await seeder.createUsers(profile.users, 'bench-user');
  const verifySessions = await seeder.createSessions(usernames, profile.users);
  const logoutSessions = await seeder.createSessions(usernames, profile.logoutTokens);
  if (verifySessions.length === 0) throw new Error('no session seeded');
  log(`seeding ${profile.mailUsers} users with a verified address and ${profile.resetTokens} reset tokens`);
  const mailUsers = await seeder.createUsers(profile.mailUsers, 'bench-mail', { verifiedEmail: true });
  const resetTokens = await seeder.createResetTokens(
    await seeder.createUsers(profile.resetTokens, 'bench-reset', { verifiedEmail: true }),
  );

  let registered = 0;
  const runId = randomBytes(3).toString('hex');

  /** Runs a load (for `durationSeconds` instead of its own length when given), with the CPU its generator used. */
  const generate = async (load: LoadSpec, durationSeconds?: number): Promise<{ result: LoadResult; generatorCpuMs: number }> => {
    if ('open' in load) {
      const { streams, generatorCpuMs } = await openLoad.run({
        url,
        durationSeconds: durationSeconds ?? load.durationSeconds,
        streams: [load.open],
      });
      const [result] = streams;
      if (result === undefined) throw new Error('the open-model generator answered no stream');
      return { result, generatorCpuMs };
    }
    const cpuBefore = process.cpuUsage();
    const options = durationSeconds === undefined ? load.closed : { ...load.closed, amount: undefined, durationSeconds };
    const result = await runLoad({ ...options, url });
    const cpu = process.cpuUsage(cpuBefore);
    return { result, generatorCpuMs: (cpu.user + cpu.system) / 1000 };
  };
  const describe = (load: LoadSpec) =>
    'open' in load
      ? `${load.open.ratePerSecond}/s offered on an even schedule (open model), ${load.durationSeconds} s`
      : `${load.closed.connections} connections, ${load.closed.amount === undefined ? `${load.closed.durationSeconds} s` : `${load.closed.amount} requests`}`;

  const measure = async (name: string, load: LoadSpec, warmup = true): Promise<MeasuredLoad> => {
    if (warmup) check(`${name} (warm-up)`, (await generate(load, profile.warmupSeconds)).result);
    log(`${name}: ${describe(load)}`);
    // CPU per request counts every request the server worked on: leftovers of the warm-up finish first,
    // and the requests still in flight when the load stops are waited for and counted as sent.
    await waitForIdle(server.pid, 30_000);
    const before = { server: await readCpuMs(server.pid), store: await readCpuMs(storePid) };
    const { result, generatorCpuMs } = await generate(load);
    check(name, result);
    await waitForIdle(server.pid, 30_000);
    const sent = Math.max(1, result.sent);
    return {
      ...result,
      cpuMsPerRequest: {
        server: ((await readCpuMs(server.pid)) - before.server) / sent,
        store: ((await readCpuMs(storePid)) - before.store) / sent,
        loadGenerator: generatorCpuMs / sent,
      },
    };
  };

  return {
    environment,
    openLoad,
    runOpen,
    verifySessions,
    logoutSessions,
    mailUsers,
    resetTokens,
    runId,
    verifyBody: (n) => ({ token: verifySessions[n % verifySessions.length]?.token }),
    loginBody: (n) => ({ username: usernames[n % usernames.length], password: BENCH_PASSWORD }),
    registerBody: () => ({ name: 'Bench User', username: `reg-${runId}-${registered++}`, password: BENCH_PASSWORD }),
    check,
    measure,
    problems,
    warnings,
    details: {},
  };
}

const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
const weighted = <T>(items: T[], value: (item: T) => number, weight: (item: T) => number) =>
  total(items.map((item) => value(item) * weight(item))) / Math.max(1, total(items.map(weight)));

/**
 * Step 1. Verify against the store's limit (the bare SDK's rate of the same session read, from one process), in interleaved
 * slices of equal length, so that bursts from other jobs on a shared machine hit both alike.
 */
async function verifyAgainstStore(run: Run): Promise<{ raw: StoreLimit; verify: VerifyAtFullLoad }> {
  const { endpoint, baseEnv, config, storePid } = run.environment;
  const jobDir = await mkdtemp(join(os.tmpdir(), 'auth-bench-'));
  const jobFile = join(jobDir, 'raw-session-read.json');
  const job: RawSessionReadJob = {
    endpoint,
    tableName: config.store.tableName,
    keys: run.verifySessions.map((session) => session.keys),
    attributes: SESSION_CHECK_ATTRIBUTES,
    concurrency: CONNECTIONS.verify,
  };
  await writeFile(jobFile, JSON.stringify(job));
  const rawProcess = spawnNode(['--import', 'tsx', 'bench/raw-session-read.ts', jobFile], baseEnv, { stdin: true });
  const rawWorker = jsonConversation(rawProcess);
  const rawSlice = async (seconds: number) => {
    const storeBefore = await readCpuMs(storePid);
    const result = await rawWorker.ask<RawSessionReadResult>({ durationMs: seconds * 1000 }, 120_000 + seconds * 1000);
    if (result.errors > 0 || result.misses > 0)
      run.problems.push(`raw session read: ${result.errors} errors, ${result.misses} missing items`);
    return { ...result, storeCpuMsPerOperation: ((await readCpuMs(storePid)) - storeBefore) / Math.max(1, result.operations) };
  };
  const verifyLoad: LoadSpec = {
    closed: { path: '/verify', connections: CONNECTIONS.verify, durationSeconds: profile.sliceSeconds, body: run.verifyBody },
  };
  log(
    `verify and raw session read (bare SDK, ${CONNECTIONS.verify} in flight): warm-up, then ${profile.slices} interleaved slices of ${profile.sliceSeconds} s each`,
  );
  await rawSlice(profile.warmupSeconds);
  const rawSlices: Awaited<ReturnType<typeof rawSlice>>[] = [];
  const verifySlices: MeasuredLoad[] = [];
  for (let slice = 0; slice < profile.slices; slice += 1) {
    rawSlices.push(await rawSlice(profile.sliceSeconds));
    verifySlices.push(await run.measure(`verify (slice ${slice + 1})`, verifyLoad, slice === 0));
  }
  rawProcess.child.stdin?.end();
  await rawProcess.stop();
  await rm(jobDir, { recursive: true, force: true });

  const raw: StoreLimit = {
    perSecond: total(rawSlices.map((slice) => slice.perSecond)) / rawSlices.length,
    p50Ms: median(rawSlices.map((slice) => slice.p50Ms)),
    p99Ms: median(rawSlices.map((slice) => slice.p99Ms)),
    clientCpuMs: weighted(
      rawSlices,
      (slice) => slice.clientCpuMsPerOperation,
      (slice) => slice.operations,
    ),
    storeCpuMs: weighted(
      rawSlices,
      (slice) => slice.storeCpuMsPerOperation,
      (slice) => slice.operations,
    ),
    sliceRates: rawSlices.map((slice) => round(slice.perSecond, 0)),
  };
  const verify: VerifyAtFullLoad = {
    throughput: total(verifySlices.map((slice) => slice.throughput)) / verifySlices.length,
    latencyMs: {
      p50: median(verifySlices.map((slice) => slice.latencyMs.p50)),
      p99: median(verifySlices.map((slice) => slice.latencyMs.p99)),
    },
    cpuMsPerRequest: {
      server: weighted(
        verifySlices,
        (slice) => slice.cpuMsPerRequest.server,
        (slice) => slice.sent,
      ),
      store: weighted(
        verifySlices,
        (slice) => slice.cpuMsPerRequest.store,
        (slice) => slice.sent,
      ),
      loadGenerator: weighted(
        verifySlices,
        (slice) => slice.cpuMsPerRequest.loadGenerator,
        (slice) => slice.sent,
      ),
    },
    sliceRates: verifySlices.map((slice) => round(slice.throughput, 0)),
    requests: total(verifySlices.map((slice) => slice.sent)),
  };
  run.details.rawSessionRead = { mean: raw, slices: rawSlices, operations: total(rawSlices.map((slice) => slice.operations)) };
  return { raw, verify };
}

/** Step 2. Login at full speed, between two timings of one bcrypt check (the limit). */
async function loginAgainstBcrypt(run: Run) {
  log(`timing one bcrypt check at cost ${profile.bcryptCost}`);
  const hashesAtOnce = parallelHashes(run.environment.serverEnv);
  const timeChecks = () => timeBcrypt(profile.bcryptCost, Math.ceil(profile.bcryptSamples / 2), hashesAtOnce);
  const bcryptBefore = await timeChecks();
  const login = await run.measure('login', {
    closed: { path: '/login', connections: CONNECTIONS.login, durationSeconds: profile.loginSeconds, body: run.loginBody },
  });
  const bcryptAfter = await timeChecks();
  const bcrypt = bcryptLimit(profile.bcryptCost, [bcryptBefore, bcryptAfter], run.environment.serverEnv);
  run.details.bcrypt = bcrypt;
  return { login, bcrypt, bcryptAfter, timeChecks };
}

/**
 * Step 3. Verify latency at a light rate, alone and while logins keep every hashing thread busy. The probe
 * is an open model: it sends on schedule however slow the answers, and counts latency from the schedule.
 */
async function verifyUnderLoginLoad(run: Run, verifyThroughput: number) {
  const url = run.environment.url;
  const probeRate = Math.max(10, Math.min(PROBE_RATE_CAP, Math.round(verifyThroughput * 0.25)));
  const probe: OpenStream = { path: '/verify', ratePerSecond: probeRate, body: run.verifyBody };
  const verifyAlone = await run.measure('verify alone (probe)', { open: probe, durationSeconds: profile.measureSeconds });
  log(`verify (probe) while login saturates bcrypt with ${CONNECTIONS.login} connections`);
  const background = runLoad({
    url,
    path: '/login',
    connections: CONNECTIONS.login,
    durationSeconds: profile.measureSeconds + 2,
    body: run.loginBody,
  });
  await sleep(1000);
  const verifyUnderLogin = run.check(
    'verify under login load',
    await run.runOpen(probe, profile.measureSeconds),
  ) as OpenLoadResult;
  const loginDuringProbe = run.check('login during verify probe', await background);
  return { probeRate, verifyAlone, verifyUnderLogin, loginDuringProbe };
}

/** Step 4. Register (its bcrypt limit bracketed by timings right before and after it) and logout. */
async function registerAndLogout(
  run: Run,
  bcryptBeforeRegister: Awaited<ReturnType<typeof timeBcrypt>>,
  timeChecks: () => ReturnType<typeof timeBcrypt>,
) {
  const register = await run.measure('register', {
    closed: {
      path: '/register',
      connections: CONNECTIONS.register,
      durationSeconds: profile.measureSeconds,
      body: run.registerBody,
    },
  });
  const registerLimit = bcryptLimit(profile.bcryptCost, [bcryptBeforeRegister, await timeChecks()], run.environment.serverEnv);
  run.details.registerBcryptLimit = registerLimit;
  const logoutBody = (n: number) => ({ token: run.logoutSessions[n]?.token });
  const logout = await run.measure(
    'logout',
    { closed: { path: '/logout', connections: CONNECTIONS.logout, amount: run.logoutSessions.length, body: logoutBody } },
    false,
  );
  return { register, registerLimit, logout };
}

/**
 * Step 4b. Forgot password for accounts with a verified address (a token written and a mail sent over
 * SMTP) and for no account, both against what bounds them: each answer waits for PASSWORD_FORGOT_ANSWER_MS,
 * so a connection gets at most one answer per that time. Then reset, which hashes the new password once:
 * bound by bcrypt like register.
 */
async function forgotAndReset(run: Run, timeChecks: () => ReturnType<typeof timeBcrypt>) {
  const { mailSink, config, serverEnv } = run.environment;
  // Every answer of a connection comes one answer time after the last, in waves: the rate is what was
  // answered over the whole load (the steady-rate estimate between first and last answer assumes a smooth
  // flow), and no warm-up (one would end before its first answer).
  const forgot = async (name: string, body: (n: number) => unknown): Promise<MeasuredLoad> => {
    const load = await run.measure(
      name,
      { closed: { path: '/password/forgot', connections: CONNECTIONS.forgot, durationSeconds: profile.forgotSeconds, body } },
      false,
    );
    return { ...load, throughput: load.requests / load.durationSeconds };
  };
  const mailedBefore = mailSink.accepted();
  const forgotAccount = await forgot('forgot password (account with a verified address)', (n) => ({
    username: run.mailUsers[n % run.mailUsers.length],
  }));
  const mailed = mailSink.accepted() - mailedBefore;
  const forgotNone = await forgot('forgot password (no account)', (n) => ({ username: `nobody-${run.runId}-${n}` }));
  const bcryptBeforeReset = await timeChecks();
  const resetBody = (n: number) => ({ token: run.resetTokens[n], newPassword: RESET_PASSWORD });
  const reset = await run.measure(
    'reset password',
    { closed: { path: '/password/reset', connections: CONNECTIONS.reset, amount: run.resetTokens.length, body: resetBody } },
    false,
  );
  const resetLimit = bcryptLimit(profile.bcryptCost, [bcryptBeforeReset, await timeChecks()], serverEnv);
  run.details.forgot = { answerMs: config.email.forgotAnswerMs, mailed };
  run.details.resetBcryptLimit = resetLimit;
  return { forgotAccount, forgotNone, answerMs: config.email.forgotAnswerMs, mailed, reset, resetLimit };
}

/** Step 5. Latency against offered load (open model: past the limit the queue grows, as it would for real clients), for the chart. */
async function latencyCurves(run: Run, storePerSecond: number, bcrypt: BcryptLimit) {
  const sweep = async (name: string, path: string, limit: number, body: (n: number) => unknown) => {
    const points: CurvePoint[] = [];
    for (const fraction of profile.sweepFractions) {
      const rate = Math.max(1, Math.round(limit * fraction));
      const result = run.check(
        `${name} at ${rate}/s`,
        await run.runOpen({ path, ratePerSecond: rate, body }, profile.sweepSeconds),
      );
      points.push({ offeredPerSecond: rate, achievedPerSecond: result.throughput, ...result.latencyMs });
    }
    return points;
  };
  log(`sweeping offered load (${profile.sweepFractions.length} rates each, ${profile.sweepSeconds} s per rate, open model)`);
  const verify = await sweep('verify', '/verify', storePerSecond, run.verifyBody);
  const login = await sweep('login', '/login', bcrypt.perSecond, run.loginBody);
  run.details.curves = { verify, login };
  return { verify, login };
}

/**
 * Step 6. Memory under a steady mix of verify, login and register. Closed loads: a soak measures memory,
 * not latency, and a fixed rate above what the machine gives under the mix would queue without bound.
 */
async function memorySoak(run: Run, idleMiB: number) {
  const { url, server } = run.environment;
  log(`memory soak: ${profile.soakSeconds} s of mixed verify + login + register`);
  const soakSampler = sampleMemory(server.pid, mode === 'quick' ? 200 : 1000);
  const soakLoads = await Promise.all([
    runLoad({ url, path: '/verify', connections: 2, durationSeconds: profile.soakSeconds, body: run.verifyBody }),
    runLoad({ url, path: '/login', connections: 4, durationSeconds: profile.soakSeconds, body: run.loginBody }),
    runLoad({ url, path: '/register', connections: 1, durationSeconds: profile.soakSeconds, body: run.registerBody }),
  ]);
  for (const [index, result] of soakLoads.entries()) run.check(`soak ${['verify', 'login', 'register'][index]}`, result);
  const soakSamples = await soakSampler.stop();
  const windowMs = profile.soakWindowSeconds * 1000;
  const firstAt = soakSamples[0]?.atMs ?? 0;
  const lastAt = soakSamples.at(-1)?.atMs ?? 0;
  if (soakSamples.length < 4) run.problems.push(`memory soak: only ${soakSamples.length} RSS samples`);
  const soakStartMiB = median(soakSamples.filter((sample) => sample.atMs <= firstAt + windowMs).map((sample) => sample.rssMiB));
  const soakEndMiB = median(soakSamples.filter((sample) => sample.atMs >= lastAt - windowMs).map((sample) => sample.rssMiB));
  const memory: MemorySoak = {
    idleMiB,
    peakMiB: (await readMemory(server.pid)).peakMiB,
    soakStartMiB,
    soakEndMiB,
    growthPercent: ((soakEndMiB - soakStartMiB) / soakStartMiB) * 100,
  };
  run.details.memory = { ...memory, soakSamples };
  return { memory, soakLoads };
}

/**
 * Step 7. The built Lambda functions against the minimal bare-SDK handlers (needs `npm run build:lambda`):
 * cold starts, then the CPU of warm invokes, of AuthFunction's verify and of the authorizer.
 */
async function lambdaFunctions(run: Run): Promise<{ coldStart: ColdStartResult; warm: WarmInvokeComparison | null }> {
  const layout = await prepareLambdaLayout(lambdaEnvironment(run.environment.serverEnv));
  if ('unavailable' in layout) {
    run.details.coldStart = { available: false, reason: layout.unavailable };
    return { coldStart: { available: false, reason: layout.unavailable }, warm: null };
  }
  try {
    log('cold starts: sam build artifact vs minimal bare-SDK handler');
    const coldStart = await measureColdStart(layout, { runs: profile.coldStartRuns, token: run.verifySessions[0]?.token ?? '' });
    run.problems.push(...coldStart.problems);
    if (coldStart.staleBuild !== null) run.warnings.push(`cold start: ${coldStart.staleBuild}`);
    const { rounds, warmup, measured } = profile.warmInvokes;
    log(
      `warm invokes: AuthFunction verify and the authorizer vs minimal bare-SDK handlers, ${rounds} rounds of ${warmup} + ${measured} invokes each`,
    );
    const warm = await measureWarmInvokes(layout, {
      tokens: run.verifySessions.slice(0, 100).map((session) => session.token),
      ...profile.warmInvokes,
    });
    run.problems.push(...warm.problems);
    run.details.coldStart = coldStart;
    run.details.warmInvokes = warm;
    return { coldStart, warm };
  } finally {
    await layout.remove();
  }
}

/**
 * Step 5b. The sign-ins that hash no password: the second step with TOTP on (each request a distinct
 * account's mfaToken and the code its app shows now, made as it is sent), and a passkey sign-in (each an
 * assertion over a challenge of its own). Seeded right before they run (an mfaToken lasts 5 minutes).
 * Neither is warmed up: every body works once.
 */
async function secondFactorLogins(run: Run) {
  const { seeder } = run.environment;
  log(`seeding ${profile.mfaLogins} users with TOTP on, each with a sign-in waiting for its second step`);
  const mfaPending = await seeder.createMfaLogins(await seeder.createUsers(profile.mfaLogins, `bench-mfa-${run.runId}`));
  const mfaBody = (n: number) => {
    const pending = mfaPending[n];
    return pending === undefined ? {} : { mfaToken: pending.mfaToken, code: totpCodeNow(pending.secret) };
  };
  const mfaLogin = await run.measure(
    'second sign-in step (TOTP)',
    { closed: { path: '/login/mfa', connections: CONNECTIONS.mfaLogin, amount: mfaPending.length, body: mfaBody } },
    false,
  );
  log(`seeding ${profile.passkeyUsers} users with a synced passkey and ${profile.passkeyLogins} assertions`);
  const passkeyBodies = await seeder.createPasskeyLogins(
    await seeder.createUsers(profile.passkeyUsers, `bench-passkey-${run.runId}`),
    profile.passkeyLogins,
  );
  const passkeyLogin =
    passkeyBodies === null
      ? null
      : await run.measure(
          'passkey sign-in',
          {
            closed: {
              path: '/passkeys/login',
              connections: CONNECTIONS.passkeyLogin,
              amount: passkeyBodies.length,
              body: (n) => passkeyBodies[n] ?? {},
            },
          },
          false,
        );
  return { mfaLogin, passkeyLogin };
}

/** Every endpoint must have answered 2xx at least once over the whole run. */
function checkEveryEndpointAnswered(run: Run): void {
  for (const path of [
    '/verify',
    '/login',
    '/register',
    '/logout',
    '/password/forgot',
    '/password/reset',
    '/login/mfa',
    '/passkeys/login',
  ]) {
    if ((answeredByPath.get(path) ?? 0) === 0) run.problems.push(`${path}: no 2xx answer in the whole run`);
  }
}

function machine(): BenchResults['machine'] {
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    availableParallelism: os.availableParallelism(),
    totalMemoryGiB: round(os.totalmem() / 2 ** 30),
  };
}

function settings(bcrypt: BcryptLimit, raw: StoreLimit, verify: VerifyAtFullLoad): BenchResults['settings'] {
  return {
    'bcrypt cost': profile.bcryptCost,
    'bcrypt hashes at once (min of libuv thread pool and available cores)': `${bcrypt.parallelHashes} (thread pool ${bcrypt.threadPoolSize}, cores ${bcrypt.availableParallelism})`,
    'one bcrypt check': `${round(bcrypt.hashMs)} ms (median of ${bcrypt.samples}, ${bcrypt.parallelHashes} at a time so every core hashes, timed right before and after the login load: ${bcrypt.sessionMedians.map((value) => round(value)).join(' ms, ')} ms)`,
    server: `src/server.ts built to JavaScript by esbuild (bench/.server-build/server.mjs, dependencies from node_modules) and run by plain node, Node ${process.version}, NODE_ENV=production, LOG_LEVEL=${LOG_LEVEL} (request logs off: writing one line per request to a pipe would measure the pipe)`,
    store: 'dynalite in memory, in its own process',
    'store limit': `bare-SDK session read (the session and its account in one BatchGetItem, ConsistentRead, the service's projection, as getSessionWithAccount) from one Node process, ${CONNECTIONS.verify} in flight`,
    'verify and store limit': `${profile.slices} interleaved slices of ${profile.sliceSeconds} s each; reads/s per slice ${raw.sliceRates.join(', ')}; verify/s per slice ${verify.sliceRates.join(', ')}`,
    'load generators':
      'closed loads (a fixed number of connections, as fast as answers come): autocannon, in the bench process; fixed-rate loads (the verify probe, the latency curves): an open model in its own process, sending on an even schedule whether or not answers came back, latency counted from the scheduled send time; all on 127.0.0.1',
    connections: Object.entries(CONNECTIONS)
      .map(([name, count]) => `${name} ${count}`)
      .join(', '),
    'warm-up before each load': `${profile.warmupSeconds} s`,
    'duration of each load': `${profile.measureSeconds} s (login ${profile.loginSeconds} s; logout: ${profile.logoutTokens} requests)`,
    'seeded users': `${profile.users} (and ${profile.mailUsers} with a verified address for forgot password, ${profile.resetTokens} with a reset token)`,
    mail: 'EMAIL_TRANSPORT=smtp to an SMTP server (smtp-server) in the bench process on 127.0.0.1; MAIL_IP_MAX and MAIL_ACCOUNT_MAX raised, since every request comes from one IP',
  };
}

/** The table, each goal met or missed, where the files went, and what broke the run if anything did. */
function printSummary(results: BenchResults, files: string[]): void {
  const { rows, warnings, problems } = results;
  console.log(`\n${terminalTable(rows)}\n`);
  const goals = rows.filter((row) => row.goal !== undefined);
  for (const row of goals) {
    const state = row.goal?.met === null ? 'NOT RUN' : row.goal?.met ? 'met   ' : 'MISSED';
    const value = row.ratio === undefined ? `${round(row.figure, 2)} ${row.unit}` : formatRatio(row);
    console.log(
      `  [${state}] ${row.measure}: ${value} (goal ${row.goal?.text})${row.note === undefined || row.goal?.met !== null ? '' : ` — ${row.note}`}`,
    );
  }
  console.log(
    `\n${goals.filter((row) => row.goal?.met === true).length} of ${goals.length} goals met. bcrypt cost ${profile.bcryptCost}. Took ${Math.round(results.durationSeconds)} s.`,
  );
  console.log(`Written: ${files.map((file) => file.replace(`${process.cwd()}/`, '')).join(', ')}`);
  if (warnings.length > 0) console.log(`\nWarnings (not failures):\n${warnings.map((warning) => `  - ${warning}`).join('\n')}`);
  if (problems.length > 0) {
    console.error(`\nThe run is broken:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  log(`${mode} run`);
  const run = await prepare();
  const idleMiB = (await readMemory(run.environment.server.pid)).rssMiB;

  const { raw, verify } = await verifyAgainstStore(run);
  const { login, bcrypt, bcryptAfter, timeChecks } = await loginAgainstBcrypt(run);
  const probe = await verifyUnderLoginLoad(run, verify.throughput);
  const { register, registerLimit, logout } = await registerAndLogout(run, bcryptAfter, timeChecks);
  const mail = await forgotAndReset(run, timeChecks);
  const secondFactor = await secondFactorLogins(run);
  const curves = await latencyCurves(run, raw.perSecond, bcrypt);
  const { memory, soakLoads } = await memorySoak(run, idleMiB);
  const { coldStart, warm } = await lambdaFunctions(run);
  await run.openLoad.stop();
  await run.environment.stop();
  checkEveryEndpointAnswered(run);
  run.details.loads = { verify, login, ...probe, register, logout, ...mail, ...secondFactor, soakLoads };

  const rows = benchRows({
    raw,
    verify,
    login,
    bcrypt,
    probe,
    register,
    registerLimit,
    logout,
    mail: { ...mail, forgotConnections: CONNECTIONS.forgot },
    secondFactor: { ...secondFactor, security: run.environment.config.security },
    memory,
    coldStart,
    warm,
    loginConnections: CONNECTIONS.login,
    soakSeconds: profile.soakSeconds,
    soakWindowSeconds: profile.soakWindowSeconds,
  });
  const results: BenchResults = {
    mode,
    startedAt: startedAt.toISOString(),
    durationSeconds: (performance.now() - clockStart) / 1000,
    machine: machine(),
    settings: settings(bcrypt, raw, verify),
    rows,
    details: run.details,
    problems: run.problems,
    warnings: run.warnings,
  };
  const svg = latencyChart(
    [
      { title: 'POST /verify', limit: { label: 'raw session read limit', perSecond: raw.perSecond }, points: curves.verify },
      {
        title: `POST /login (bcrypt cost ${bcrypt.cost})`,
        limit: { label: 'bcrypt limit', perSecond: bcrypt.perSecond },
        points: curves.login,
      },
    ],
    `${mode} run ${startedAt.toISOString().slice(0, 16)}Z, ${os.availableParallelism()} cores, ${profile.sweepSeconds} s per rate`,
  );
  const files = await writeResults(RESULTS_DIR, mode === 'full' ? 'latest' : 'quick', results, svg);
  printSummary(results, files);
}

main()
  .catch((error: unknown) => {
    console.error('bench failed:', error);
    process.exitCode = 1;
  })
  .finally(() => {
    stopAll();
    // Keep-alive sockets of the load generator must not hold the process open once the results are out.
    process.exit();
  });
