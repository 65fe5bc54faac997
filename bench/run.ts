import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bcryptLimit, parallelHashes, timeBcrypt } from './bcrypt-limit';
import { latencyChart, type CurvePoint } from './chart';
import { measureColdStart } from './cold-start';
import { answeredByPath, problemsOf, runLoad, type LoadOptions, type LoadResult } from './load';
import { readCpuMs, readMemory, sampleMemory, waitForIdle } from './memory';
import { startEnvironment } from './environment';
import { jsonConversation, spawnNode, stopAll } from './processes';
import type { RawGetItemJob, RawGetItemResult } from './raw-getitem';
import { formatRatio, terminalTable, writeResults, type BenchResults, type Row } from './report';
import { BENCH_PASSWORD } from './seed';
import { median, round } from './stats';

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
  },
  full: {
    bcryptCost: 12,
    bcryptSamples: 8,
    users: 500,
    logoutTokens: 8000,
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
  },
} as const;
const profile = PROFILES[mode];

/** Connections per load; fixed so runs compare. The raw GetItem run keeps as many requests in flight as verify has connections. */
const CONNECTIONS = { verify: 16, login: 8, register: 8, logout: 16, probe: 4 } as const;
/** The verify rate used to compare latency with and without login load: light enough not to queue by itself. */
const PROBE_RATE_CAP = 100;
const LOG_LEVEL = 'warn' as const;
const RESULTS_DIR = resolve('bench/results');

const GOALS = {
  verifyShare: 0.7,
  loginShare: 0.85,
  verifyLatencyFactor: 3,
  coldStartFactor: 1.3,
  memoryGrowthPercent: 10,
} as const;

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

/** A load with the CPU each process spent per answer (server, store, and the bench's own load generator). */
type MeasuredLoad = LoadResult & { cpuMsPerRequest: { server: number; store: number; loadGenerator: number } };

async function main(): Promise<void> {
  const startedAt = new Date();
  const clockStart = performance.now();
  const problems: string[] = [];
  const details: Record<string, unknown> = {};
  const warnings: string[] = [];
  const check = (name: string, result: LoadResult) => {
    const found = problemsOf(name, result);
    problems.push(...found.problems);
    warnings.push(...found.warnings);
    return result;
  };

  log(`${mode} run`);
  const environment = await startEnvironment({ bcryptCost: profile.bcryptCost, logLevel: LOG_LEVEL, log });
  const { endpoint, url, baseEnv, serverEnv, config, seeder, server } = environment;

  log(`seeding ${profile.users} users and ${profile.users + profile.logoutTokens} sessions`);
  const usernames = await seeder.createUsers(profile.users, 'bench-user');
  const verifySessions = await seeder.createSessions(usernames, profile.users);
  const logoutSessions = await seeder.createSessions(usernames, profile.logoutTokens);
  const firstSession = verifySessions[0];
  if (firstSession === undefined) throw new Error('no session seeded');

  const idleMiB = (await readMemory(server.pid)).rssMiB;

  const verifyBody = (n: number) => ({ token: verifySessions[n % verifySessions.length]?.token });
  const loginBody = (n: number) => ({ username: usernames[n % usernames.length], password: BENCH_PASSWORD });
  let registered = 0;
  const runId = randomBytes(3).toString('hex');
  const registerBody = () => ({ name: 'Bench User', username: `reg-${runId}-${registered++}`, password: BENCH_PASSWORD });

  const storePid = environment.storePid;
  const measure = async (name: string, options: Omit<LoadOptions, 'url'>, warmup = true): Promise<MeasuredLoad> => {
    if (warmup) check(`${name} (warm-up)`, await runLoad({ ...options, url, amount: undefined, durationSeconds: profile.warmupSeconds }));
    log(`${name}: ${options.connections} connections, ${options.amount === undefined ? `${options.durationSeconds} s` : `${options.amount} requests`}${options.overallRate === undefined ? '' : ` at ${options.overallRate}/s`}`);
    // CPU per request counts every request the server worked on: leftovers of the warm-up finish first,
    // and the requests still in flight when the load stops are waited for and counted as sent.
    await waitForIdle(server.pid, 30_000);
    const before = { server: await readCpuMs(server.pid), store: await readCpuMs(storePid), bench: process.cpuUsage() };
    const result = check(name, await runLoad({ ...options, url }));
    const bench = process.cpuUsage(before.bench);
    await waitForIdle(server.pid, 30_000);
    const sent = Math.max(1, result.sent);
    return {
      ...result,
      cpuMsPerRequest: {
        server: ((await readCpuMs(server.pid)) - before.server) / sent,
        store: ((await readCpuMs(storePid)) - before.store) / sent,
        loadGenerator: (bench.user + bench.system) / 1000 / sent,
      },
    };
  };

  // 1. Verify against the store's limit (the bare SDK's GetItem rate from one process), in interleaved
  // slices of equal length, so that bursts from other jobs on a shared machine hit both alike.
  const jobDir = await mkdtemp(join(os.tmpdir(), 'auth-bench-'));
  const jobFile = join(jobDir, 'raw-getitem.json');
  const job: RawGetItemJob = {
    endpoint,
    tableName: config.store.tableName,
    keys: verifySessions.map((session) => session.key),
    concurrency: CONNECTIONS.verify,
  };
  await writeFile(jobFile, JSON.stringify(job));
  const rawProcess = spawnNode(['--import', 'tsx', 'bench/raw-getitem.ts', jobFile], baseEnv, { stdin: true });
  const rawWorker = jsonConversation(rawProcess);
  const rawSlice = async (seconds: number) => {
    const storeBefore = await readCpuMs(storePid);
    const result = await rawWorker.ask<RawGetItemResult>({ durationMs: seconds * 1000 }, 120_000 + seconds * 1000);
    if (result.errors > 0 || result.misses > 0) problems.push(`raw GetItem: ${result.errors} errors, ${result.misses} missing items`);
    return { ...result, storeCpuMsPerOperation: ((await readCpuMs(storePid)) - storeBefore) / Math.max(1, result.operations) };
  };
  const verifyOptions = { path: '/verify', connections: CONNECTIONS.verify, durationSeconds: profile.sliceSeconds, body: verifyBody };
  log(`verify and raw GetItem (bare SDK, ${CONNECTIONS.verify} in flight): warm-up, then ${profile.slices} interleaved slices of ${profile.sliceSeconds} s each`);
  await rawSlice(profile.warmupSeconds);
  const rawSlices: Awaited<ReturnType<typeof rawSlice>>[] = [];
  const verifySlices: MeasuredLoad[] = [];
  for (let slice = 0; slice < profile.slices; slice += 1) {
    rawSlices.push(await rawSlice(profile.sliceSeconds));
    verifySlices.push(await measure(`verify (slice ${slice + 1})`, verifyOptions, slice === 0));
  }
  rawProcess.child.stdin?.end();
  await rawProcess.stop();
  await rm(jobDir, { recursive: true, force: true });

  const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
  const rawOperations = total(rawSlices.map((slice) => slice.operations));
  const verifySent = total(verifySlices.map((slice) => slice.sent));
  const weighted = <T>(items: T[], value: (item: T) => number, weight: (item: T) => number) =>
    total(items.map((item) => value(item) * weight(item))) / Math.max(1, total(items.map(weight)));
  const raw = {
    perSecond: total(rawSlices.map((slice) => slice.perSecond)) / rawSlices.length,
    p50Ms: median(rawSlices.map((slice) => slice.p50Ms)),
    p99Ms: median(rawSlices.map((slice) => slice.p99Ms)),
    clientCpuMs: weighted(rawSlices, (slice) => slice.clientCpuMsPerOperation, (slice) => slice.operations),
    storeCpuMs: weighted(rawSlices, (slice) => slice.storeCpuMsPerOperation, (slice) => slice.operations),
    sliceRates: rawSlices.map((slice) => round(slice.perSecond, 0)),
  };
  const verify = {
    throughput: total(verifySlices.map((slice) => slice.throughput)) / verifySlices.length,
    latencyMs: {
      p50: median(verifySlices.map((slice) => slice.latencyMs.p50)),
      p99: median(verifySlices.map((slice) => slice.latencyMs.p99)),
    },
    cpuMsPerRequest: {
      server: weighted(verifySlices, (slice) => slice.cpuMsPerRequest.server, (slice) => slice.sent),
      store: weighted(verifySlices, (slice) => slice.cpuMsPerRequest.store, (slice) => slice.sent),
      loadGenerator: weighted(verifySlices, (slice) => slice.cpuMsPerRequest.loadGenerator, (slice) => slice.sent),
    },
    sliceRates: verifySlices.map((slice) => round(slice.throughput, 0)),
    requests: verifySent,
  };
  details.rawGetItem = { mean: raw, slices: rawSlices, operations: rawOperations };

  // 2. Login at full speed, between two timings of one bcrypt check (the limit).
  log(`timing one bcrypt check at cost ${profile.bcryptCost}`);
  const hashesAtOnce = parallelHashes(serverEnv);
  const bcryptBefore = await timeBcrypt(profile.bcryptCost, Math.ceil(profile.bcryptSamples / 2), hashesAtOnce);
  const login = await measure('login', { path: '/login', connections: CONNECTIONS.login, durationSeconds: profile.loginSeconds, body: loginBody });
  const bcryptAfter = await timeBcrypt(profile.bcryptCost, Math.ceil(profile.bcryptSamples / 2), hashesAtOnce);
  const bcrypt = bcryptLimit(profile.bcryptCost, [bcryptBefore, bcryptAfter], serverEnv);
  details.bcrypt = bcrypt;

  // 3. Verify latency at a light rate, alone and while logins keep every hashing thread busy.
  const probeRate = Math.max(10, Math.min(PROBE_RATE_CAP, Math.round(verify.throughput * 0.25)));
  const probe = { path: '/verify', connections: CONNECTIONS.probe, overallRate: probeRate, durationSeconds: profile.measureSeconds, body: verifyBody };
  const verifyAlone = await measure('verify alone (probe)', probe);
  log(`verify (probe) while login saturates bcrypt with ${CONNECTIONS.login} connections`);
  const background = runLoad({ url, path: '/login', connections: CONNECTIONS.login, durationSeconds: profile.measureSeconds + 2, body: loginBody });
  await sleep(1000);
  const verifyUnderLogin = check('verify under login load', await runLoad({ ...probe, url }));
  const loginDuringProbe = check('login during verify probe', await background);

  // 4. Register and logout.
  const register = await measure('register', { path: '/register', connections: CONNECTIONS.register, durationSeconds: profile.measureSeconds, body: registerBody });
  // Register hashes too: its limit is bracketed by the timings right before (after login) and right after it.
  const bcryptAfterRegister = await timeBcrypt(profile.bcryptCost, Math.ceil(profile.bcryptSamples / 2), hashesAtOnce);
  const registerLimit = bcryptLimit(profile.bcryptCost, [bcryptAfter, bcryptAfterRegister], serverEnv);
  details.registerBcryptLimit = registerLimit;
  const logoutBody = (n: number) => ({ token: logoutSessions[n]?.token });
  const logout = await measure('logout', { path: '/logout', connections: CONNECTIONS.logout, amount: logoutSessions.length, body: logoutBody }, false);

  // Latency against offered load, for the chart.
  const sweep = async (name: string, path: string, limit: number, connections: number, body: (n: number) => unknown) => {
    const points: CurvePoint[] = [];
    for (const fraction of profile.sweepFractions) {
      const rate = Math.max(1, Math.round(limit * fraction));
      const result = check(`${name} at ${rate}/s`, await runLoad({ url, path, connections, overallRate: rate, durationSeconds: profile.sweepSeconds, body }));
      points.push({ offeredPerSecond: rate, achievedPerSecond: result.throughput, ...result.latencyMs });
    }
    return points;
  };
  log(`sweeping offered load (${profile.sweepFractions.length} rates each, ${profile.sweepSeconds} s per rate)`);
  const verifyCurve = await sweep('verify', '/verify', raw.perSecond, CONNECTIONS.verify, verifyBody);
  const loginCurve = await sweep('login', '/login', bcrypt.perSecond, CONNECTIONS.login * 2, loginBody);

  // 6. Memory under a steady mix of verify, login and register.
  log(`memory soak: ${profile.soakSeconds} s of mixed verify + login + register`);
  const soakSampler = sampleMemory(server.pid, mode === 'quick' ? 200 : 1000);
  const soakLoads = await Promise.all([
    runLoad({ url, path: '/verify', connections: 8, overallRate: Math.max(10, Math.round(verify.throughput * 0.5)), durationSeconds: profile.soakSeconds, body: verifyBody }),
    runLoad({ url, path: '/login', connections: 4, durationSeconds: profile.soakSeconds, body: loginBody }),
    runLoad({ url, path: '/register', connections: 1, overallRate: 2, durationSeconds: profile.soakSeconds, body: registerBody }),
  ]);
  soakLoads.forEach((result, index) => check(`soak ${['verify', 'login', 'register'][index]}`, result));
  const soakSamples = await soakSampler.stop();
  const windowMs = profile.soakWindowSeconds * 1000;
  const firstAt = soakSamples[0]?.atMs ?? 0;
  const lastAt = soakSamples.at(-1)?.atMs ?? 0;
  if (soakSamples.length < 4) problems.push(`memory soak: only ${soakSamples.length} RSS samples`);
  const soakStartMiB = median(soakSamples.filter((sample) => sample.atMs <= firstAt + windowMs).map((sample) => sample.rssMiB));
  const soakEndMiB = median(soakSamples.filter((sample) => sample.atMs >= lastAt - windowMs).map((sample) => sample.rssMiB));
  const growthPercent = ((soakEndMiB - soakStartMiB) / soakStartMiB) * 100;
  const peakMiB = (await readMemory(server.pid)).peakMiB;
  details.memory = { idleMiB, peakMiB, soakStartMiB, soakEndMiB, growthPercent, soakSamples };

  // 5. Lambda cold start (needs `npm run build:lambda`).
  log('cold starts: sam build artifact vs minimal bare-SDK handler');
  const coldStart = await measureColdStart({
    runs: profile.coldStartRuns,
    token: firstSession.token,
    env: {
      ...baseEnv,
      NODE_ENV: 'production',
      JWT_SECRET: serverEnv.JWT_SECRET,
      LOG_LEVEL,
      BCRYPT_COST: String(profile.bcryptCost),
      DYNAMODB_ENDPOINT: endpoint,
      TABLE_NAME: config.store.tableName,
      AWS_REGION: 'us-east-1',
    },
  });
  if (coldStart.available) {
    problems.push(...coldStart.problems);
    if (coldStart.staleBuild !== null) warnings.push(`cold start: ${coldStart.staleBuild}`);
  }
  details.coldStart = coldStart;

  await environment.stop();
  for (const path of ['/verify', '/login', '/register', '/logout']) {
    if ((answeredByPath.get(path) ?? 0) === 0) problems.push(`${path}: no 2xx answer in the whole run`);
  }

  details.loads = { verify, login, verifyAlone, verifyUnderLogin, loginDuringProbe, register, logout, soakLoads };
  details.curves = { verify: verifyCurve, login: loginCurve };

  const rows: Row[] = [
    {
      id: 'verify-throughput',
      measure: 'Verify throughput',
      figure: verify.throughput,
      unit: 'req/s',
      reference: { label: 'raw GetItem, bare SDK', value: raw.perSecond, unit: 'op/s' },
      ratio: verify.throughput / raw.perSecond,
      ratioAs: 'percent',
      goal: { text: `≥ ${GOALS.verifyShare * 100}%`, met: verify.throughput / raw.perSecond >= GOALS.verifyShare },
    },
    {
      id: 'verify-p50',
      measure: 'Verify p50 at full load',
      figure: verify.latencyMs.p50,
      unit: 'ms',
      reference: { label: 'raw GetItem p50', value: raw.p50Ms, unit: 'ms' },
      ratio: verify.latencyMs.p50 / raw.p50Ms,
      ratioAs: 'factor',
    },
    {
      id: 'verify-p99',
      measure: 'Verify p99 at full load',
      figure: verify.latencyMs.p99,
      unit: 'ms',
      reference: { label: 'raw GetItem p99', value: raw.p99Ms, unit: 'ms' },
      ratio: verify.latencyMs.p99 / raw.p99Ms,
      ratioAs: 'factor',
    },
    {
      id: 'verify-server-cpu',
      measure: 'Server CPU per verify',
      figure: verify.cpuMsPerRequest.server,
      unit: 'ms',
      reference: { label: 'bare-SDK client CPU per GetItem', value: raw.clientCpuMs, unit: 'ms' },
      ratio: verify.cpuMsPerRequest.server / raw.clientCpuMs,
      ratioAs: 'factor',
      note: `user + system CPU per request, which a busy machine disturbs far less than throughput; per verify the store used ${round(verify.cpuMsPerRequest.store, 2)} ms (${round(raw.storeCpuMs, 2)} ms per raw GetItem) and the load generator ${round(verify.cpuMsPerRequest.loadGenerator, 2)} ms`,
    },
    {
      id: 'login-throughput',
      measure: `Login throughput (bcrypt cost ${bcrypt.cost})`,
      figure: login.throughput,
      unit: 'req/s',
      reference: { label: `bcrypt limit: ${bcrypt.parallelHashes} × 1/${round(bcrypt.hashMs)} ms`, value: bcrypt.perSecond, unit: '/s' },
      ratio: login.throughput / bcrypt.perSecond,
      ratioAs: 'percent',
      goal: { text: `≥ ${GOALS.loginShare * 100}%`, met: login.throughput / bcrypt.perSecond >= GOALS.loginShare },
      note: `p50 ${login.latencyMs.p50} ms, p99 ${login.latencyMs.p99} ms with ${CONNECTIONS.login} connections`,
    },
    {
      id: 'login-server-cpu',
      measure: 'Server CPU per login',
      figure: login.cpuMsPerRequest.server,
      unit: 'ms',
      reference: { label: 'CPU of one bcrypt check', value: bcrypt.cpuMsPerCheck, unit: 'ms' },
      ratio: login.cpuMsPerRequest.server / bcrypt.cpuMsPerCheck,
      ratioAs: 'factor',
      note: 'all server threads (event loop and hashing pool); near 1× means a login costs its hash and little else, so a throughput short of the limit is CPU the machine did not give',
    },
    {
      id: 'verify-under-login',
      measure: `Verify p99 at ${probeRate}/s under login load`,
      figure: verifyUnderLogin.latencyMs.p99,
      unit: 'ms',
      reference: { label: `verify p99 at ${probeRate}/s alone`, value: verifyAlone.latencyMs.p99, unit: 'ms' },
      ratio: verifyUnderLogin.latencyMs.p99 / verifyAlone.latencyMs.p99,
      ratioAs: 'factor',
      goal: { text: `≤ ${GOALS.verifyLatencyFactor}×`, met: verifyUnderLogin.latencyMs.p99 / verifyAlone.latencyMs.p99 <= GOALS.verifyLatencyFactor },
      note: `logins ran at ${round(loginDuringProbe.throughput)}/s meanwhile (${round((loginDuringProbe.throughput / bcrypt.perSecond) * 100, 0)}% of the bcrypt limit); p50 ${verifyUnderLogin.latencyMs.p50} ms vs ${verifyAlone.latencyMs.p50} ms alone`,
    },
    {
      id: 'register-throughput',
      measure: `Register throughput (bcrypt cost ${bcrypt.cost})`,
      figure: register.throughput,
      unit: 'req/s',
      reference: { label: `bcrypt limit: ${registerLimit.parallelHashes} × 1/${round(registerLimit.hashMs)} ms`, value: registerLimit.perSecond, unit: '/s' },
      ratio: register.throughput / registerLimit.perSecond,
      ratioAs: 'percent',
      note: 'register hashes once (the same work as a login check), then writes one item',
    },
    {
      id: 'logout-throughput',
      measure: 'Logout throughput',
      figure: logout.throughput,
      unit: 'req/s',
      reference: { label: 'raw GetItem (a read; logout is a conditional delete)', value: raw.perSecond, unit: 'op/s' },
      ratio: logout.throughput / raw.perSecond,
      ratioAs: 'percent',
      note: `${logout.requests} distinct sessions revoked; p99 ${logout.latencyMs.p99} ms`,
    },
    ...coldStartRows(coldStart),
    {
      id: 'peak-rss',
      measure: 'Server peak RSS',
      figure: peakMiB,
      unit: 'MiB',
      reference: { label: 'RSS of the idle server at start', value: idleMiB, unit: 'MiB' },
      ratio: peakMiB / idleMiB,
      ratioAs: 'factor',
      note: 'high-water mark of the server process over the whole run',
    },
    {
      id: 'rss-growth',
      measure: `RSS growth over ${profile.soakSeconds} s mixed load`,
      figure: growthPercent,
      unit: '%',
      reference: { label: `median RSS, first ${profile.soakWindowSeconds} s → last ${profile.soakWindowSeconds} s`, value: soakStartMiB, unit: `→ ${round(soakEndMiB)} MiB` },
      goal: { text: `< ${GOALS.memoryGrowthPercent}%`, met: growthPercent < GOALS.memoryGrowthPercent },
    },
  ];

  const results: BenchResults = {
    mode,
    startedAt: startedAt.toISOString(),
    durationSeconds: (performance.now() - clockStart) / 1000,
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
      availableParallelism: os.availableParallelism(),
      totalMemoryGiB: round(os.totalmem() / 2 ** 30),
    },
    settings: {
      'bcrypt cost': profile.bcryptCost,
      'bcrypt hashes at once (min of libuv thread pool and available cores)': `${bcrypt.parallelHashes} (thread pool ${bcrypt.threadPoolSize}, cores ${bcrypt.availableParallelism})`,
      'one bcrypt check': `${round(bcrypt.hashMs)} ms (median of ${bcrypt.samples}, ${bcrypt.parallelHashes} at a time so every core hashes, timed right before and after the login load: ${bcrypt.sessionMedians.map((value) => round(value)).join(' ms, ')} ms)`,
      'server': `src/server.ts, Node ${process.version}, NODE_ENV=production, LOG_LEVEL=${LOG_LEVEL} (request logs off: writing one line per request to a pipe would measure the pipe)`,
      'store': 'dynalite in memory, in its own process',
      'store limit': `bare-SDK GetItem (ConsistentRead, as getSession) from one Node process, ${CONNECTIONS.verify} in flight`,
      'verify and store limit': `${profile.slices} interleaved slices of ${profile.sliceSeconds} s each; GetItem/s per slice ${raw.sliceRates.join(', ')}; verify/s per slice ${verify.sliceRates.join(', ')}`,
      'load generator': 'autocannon, in the bench process, 127.0.0.1',
      'connections': Object.entries(CONNECTIONS).map(([name, count]) => `${name} ${count}`).join(', '),
      'warm-up before each load': `${profile.warmupSeconds} s`,
      'duration of each load': `${profile.measureSeconds} s (login ${profile.loginSeconds} s; logout: ${profile.logoutTokens} requests)`,
      'seeded users': profile.users,
    },
    rows,
    details,
    problems,
    warnings,
  };

  const svg = latencyChart(
    [
      { title: 'POST /verify', limit: { label: 'raw GetItem limit', perSecond: raw.perSecond }, points: verifyCurve },
      { title: `POST /login (bcrypt cost ${bcrypt.cost})`, limit: { label: 'bcrypt limit', perSecond: bcrypt.perSecond }, points: loginCurve },
    ],
    `${mode} run ${startedAt.toISOString().slice(0, 16)}Z, ${os.availableParallelism()} cores, ${profile.sweepSeconds} s per rate`,
  );
  const files = await writeResults(RESULTS_DIR, mode === 'full' ? 'latest' : 'quick', results, svg);

  console.log(`\n${terminalTable(rows)}\n`);
  const goals = rows.filter((row) => row.goal !== undefined);
  for (const row of goals) {
    const state = row.goal?.met === null ? 'NOT RUN' : row.goal?.met ? 'met   ' : 'MISSED';
    const value = row.ratio === undefined ? `${round(row.figure, 2)} ${row.unit}` : formatRatio(row);
    console.log(`  [${state}] ${row.measure}: ${value} (goal ${row.goal?.text})${row.note === undefined || row.goal?.met !== null ? '' : ` — ${row.note}`}`);
  }
  console.log(`\n${goals.filter((row) => row.goal?.met === true).length} of ${goals.length} goals met. bcrypt cost ${profile.bcryptCost}. Took ${Math.round(results.durationSeconds)} s.`);
  console.log(`Written: ${files.map((file) => file.replace(`${process.cwd()}/`, '')).join(', ')}`);
  if (warnings.length > 0) console.log(`\nWarnings (not failures):\n${warnings.map((warning) => `  - ${warning}`).join('\n')}`);
  if (problems.length > 0) {
    console.error(`\nThe run is broken:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exitCode = 1;
  }
}

function coldStartRows(coldStart: Awaited<ReturnType<typeof measureColdStart>>): Row[] {
  if (!coldStart.available) {
    return [
      {
        id: 'cold-start',
        measure: 'Lambda cold start (load + first verify)',
        figure: Number.NaN,
        unit: 'ms',
        goal: { text: `≤ ${GOALS.coldStartFactor}×`, met: null },
        note: coldStart.reason,
      },
    ];
  }
  const { service, minimal } = coldStart;
  return [
    {
      id: 'cold-start',
      measure: 'Lambda cold start (load + first verify)',
      figure: service.coldStartMs,
      unit: 'ms',
      reference: { label: 'minimal bare-SDK handler', value: minimal.coldStartMs, unit: 'ms' },
      ratio: service.coldStartMs / minimal.coldStartMs,
      ratioAs: 'factor',
      goal: { text: `≤ ${GOALS.coldStartFactor}×`, met: service.coldStartMs / minimal.coldStartMs <= GOALS.coldStartFactor },
      note: `as template.yaml runs it (NODE_OPTIONS=${coldStart.nodeOptions ?? ''}), JWT_SECRET set (no Secrets Manager read), bcrypt from the layer; median of ${service.runs.length}; load ${round(service.loadMs)} ms + first invoke ${round(service.firstInvokeMs)} ms (minimal: ${round(minimal.loadMs)} + ${round(minimal.firstInvokeMs)} ms)`,
    },
    {
      id: 'cold-start-process',
      measure: 'Cold start, process spawn → answer',
      figure: service.processToAnswerMs,
      unit: 'ms',
      reference: { label: 'minimal handler', value: minimal.processToAnswerMs, unit: 'ms' },
      ratio: service.processToAnswerMs / minimal.processToAnswerMs,
      ratioAs: 'factor',
    },
    ...(coldStart.serviceWithoutNodeOptions === null
      ? []
      : [
          {
            id: 'cold-start-without-node-options',
            measure: `Cold start without NODE_OPTIONS=${coldStart.nodeOptions ?? ''}`,
            figure: coldStart.serviceWithoutNodeOptions.coldStartMs,
            unit: 'ms',
            reference: { label: 'minimal bare-SDK handler', value: minimal.coldStartMs, unit: 'ms' },
            ratio: coldStart.serviceWithoutNodeOptions.coldStartMs / minimal.coldStartMs,
            ratioAs: 'factor',
            note: `what the template's NODE_OPTIONS cost: load ${round(coldStart.serviceWithoutNodeOptions.loadMs)} ms + first invoke ${round(coldStart.serviceWithoutNodeOptions.firstInvokeMs)} ms without them`,
          } satisfies Row,
        ]),
    {
      id: 'bundle-size',
      measure: 'Bundle size (lambda.js)',
      figure: service.bundleBytes / 1024,
      unit: 'KiB',
      reference: { label: 'minimal handler bundle', value: minimal.bundleBytes / 1024, unit: 'KiB' },
      ratio: service.bundleBytes / minimal.bundleBytes,
      ratioAs: 'factor',
    },
  ];
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
