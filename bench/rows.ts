import type { SecuritySettings } from '../src/config-security';
import type { BcryptLimit } from './bcrypt-limit';
import type { ColdStartResult } from './cold-start';
import type { LoadResult } from './load';
import type { OpenLoadResult } from './open-load';
import type { Row } from './report';
import { round } from './stats';
import type { WarmInvokeComparison, WarmInvokeSide } from './warm-invoke';

/** The rows of the results table, each figure beside the limit it is bound by, from what the steps measured. */

export const GOALS = {
  verifyShare: 0.7,
  loginShare: 0.85,
  verifyLatencyFactor: 3,
  coldStartFactor: 1.3,
  lambdaVerifyCpuFactor: 1.5,
  authorizerCpuFactor: 1.2,
  memoryGrowthPercent: 10,
  idleRssMiB: 90,
} as const;

/** A load with the CPU each process spent per answer (server, store, and the bench's own load generator). */
export type MeasuredLoad = LoadResult & { cpuMsPerRequest: { server: number; store: number; loadGenerator: number } };

/** The bare SDK's session read (session + account, one consistent BatchGetItem) from one process: the store's limit. */
export interface StoreLimit {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  clientCpuMs: number;
  storeCpuMs: number;
  sliceRates: number[];
}

/** Verify at full load, over the slices interleaved with the store limit's. */
export interface VerifyAtFullLoad {
  throughput: number;
  latencyMs: { p50: number; p99: number };
  cpuMsPerRequest: MeasuredLoad['cpuMsPerRequest'];
  sliceRates: number[];
  requests: number;
}

export interface MemorySoak {
  idleMiB: number;
  peakMiB: number;
  soakStartMiB: number;
  soakEndMiB: number;
  growthPercent: number;
}

export interface Measured {
  raw: StoreLimit;
  verify: VerifyAtFullLoad;
  login: MeasuredLoad;
  bcrypt: BcryptLimit;
  probe: { probeRate: number; verifyAlone: MeasuredLoad; verifyUnderLogin: OpenLoadResult; loginDuringProbe: LoadResult };
  register: MeasuredLoad;
  registerLimit: BcryptLimit;
  logout: MeasuredLoad;
  mail: {
    forgotAccount: MeasuredLoad;
    forgotNone: MeasuredLoad;
    /** PASSWORD_FORGOT_ANSWER_MS: no forgot-password answer comes sooner. */
    answerMs: number;
    forgotConnections: number;
    /** Mails the SMTP server accepted during the forgot load with accounts. */
    mailed: number;
    reset: MeasuredLoad;
    resetLimit: BcryptLimit;
  };
  /** The sign-ins that hash no password, and the limits that bound one client's. */
  secondFactor: { mfaLogin: MeasuredLoad; passkeyLogin: MeasuredLoad | null; security: SecuritySettings };
  memory: MemorySoak;
  coldStart: ColdStartResult;
  /** null when there is no sam build output (the cold start says why). */
  warm: WarmInvokeComparison | null;
  loginConnections: number;
  soakSeconds: number;
  soakWindowSeconds: number;
}

export function benchRows(measured: Measured): Row[] {
  const { raw, verify, login, bcrypt, register, registerLimit, logout, coldStart, soakSeconds, soakWindowSeconds } = measured;
  const { probeRate, verifyAlone, verifyUnderLogin, loginDuringProbe } = measured.probe;
  const { idleMiB, peakMiB, soakStartMiB, soakEndMiB, growthPercent } = measured.memory;
  return [
    {
      id: 'verify-throughput',
      measure: 'Verify throughput',
      figure: verify.throughput,
      unit: 'req/s',
      reference: { label: 'raw session read, bare SDK', value: raw.perSecond, unit: 'op/s' },
      ratio: verify.throughput / raw.perSecond,
      ratioAs: 'percent',
      goal: { text: `≥ ${GOALS.verifyShare * 100}%`, met: verify.throughput / raw.perSecond >= GOALS.verifyShare },
    },
    {
      id: 'verify-p50',
      measure: 'Verify p50 at full load',
      figure: verify.latencyMs.p50,
      unit: 'ms',
      reference: { label: 'raw session read p50', value: raw.p50Ms, unit: 'ms' },
      ratio: verify.latencyMs.p50 / raw.p50Ms,
      ratioAs: 'factor',
    },
    {
      id: 'verify-p99',
      measure: 'Verify p99 at full load',
      figure: verify.latencyMs.p99,
      unit: 'ms',
      reference: { label: 'raw session read p99', value: raw.p99Ms, unit: 'ms' },
      ratio: verify.latencyMs.p99 / raw.p99Ms,
      ratioAs: 'factor',
    },
    {
      id: 'verify-server-cpu',
      measure: 'Server CPU per verify',
      figure: verify.cpuMsPerRequest.server,
      unit: 'ms',
      reference: { label: 'bare-SDK client CPU per session read', value: raw.clientCpuMs, unit: 'ms' },
      ratio: verify.cpuMsPerRequest.server / raw.clientCpuMs,
      ratioAs: 'factor',
      note: `user + system CPU per request, which a busy machine disturbs far less than throughput; per verify the store used ${round(verify.cpuMsPerRequest.store, 2)} ms (${round(raw.storeCpuMs, 2)} ms per raw session read) and the load generator ${round(verify.cpuMsPerRequest.loadGenerator, 2)} ms`,
    },
    {
      id: 'login-throughput',
      measure: `Login throughput (bcrypt cost ${bcrypt.cost})`,
      figure: login.throughput,
      unit: 'req/s',
      reference: {
        label: `bcrypt limit: ${bcrypt.parallelHashes} × 1/${round(bcrypt.hashMs)} ms`,
        value: bcrypt.perSecond,
        unit: '/s',
      },
      ratio: login.throughput / bcrypt.perSecond,
      ratioAs: 'percent',
      goal: { text: `≥ ${GOALS.loginShare * 100}%`, met: login.throughput / bcrypt.perSecond >= GOALS.loginShare },
      note: `p50 ${login.latencyMs.p50} ms, p99 ${login.latencyMs.p99} ms with ${measured.loginConnections} connections`,
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
      goal: {
        text: `≤ ${GOALS.verifyLatencyFactor}×`,
        met: verifyUnderLogin.latencyMs.p99 / verifyAlone.latencyMs.p99 <= GOALS.verifyLatencyFactor,
      },
      note: `logins ran at ${round(loginDuringProbe.throughput)}/s meanwhile (${round((loginDuringProbe.throughput / bcrypt.perSecond) * 100, 0)}% of the bcrypt limit); p50 ${verifyUnderLogin.latencyMs.p50} ms vs ${verifyAlone.latencyMs.p50} ms alone; open model (sent on an even schedule from its own process, latency from the scheduled send; the generator sent ${verifyUnderLogin.sendLagMs.p99} ms late at p99, counted in the figure; up to ${verifyUnderLogin.maxInFlight} requests in flight)`,
    },
    againstBcrypt(
      'register-throughput',
      `Register throughput (bcrypt cost ${bcrypt.cost})`,
      register,
      registerLimit,
      'register hashes once (the same work as a login check), then writes one item',
    ),
    {
      id: 'logout-throughput',
      measure: 'Logout throughput',
      figure: logout.throughput,
      unit: 'req/s',
      reference: { label: 'raw session read (logout is a conditional delete)', value: raw.perSecond, unit: 'op/s' },
      ratio: logout.throughput / raw.perSecond,
      ratioAs: 'percent',
      note: `${logout.requests} distinct sessions revoked; p99 ${logout.latencyMs.p99} ms`,
    },
    ...forgotRows(measured.mail),
    againstBcrypt(
      'reset-throughput',
      `Password reset throughput (bcrypt cost ${bcrypt.cost})`,
      measured.mail.reset,
      measured.mail.resetLimit,
      `reset reads its token and account, hashes the new password once (the limit) and sets it in one conditional write; ${measured.mail.reset.requests} distinct tokens used; p99 ${measured.mail.reset.latencyMs.p99} ms`,
    ),
    ...secondFactorRows(raw, measured.secondFactor),
    ...coldStartRows(coldStart),
    ...warmInvokeRows(measured.warm, coldStart.available ? '' : coldStart.reason),
    idleRssRow(measured),
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
      measure: `RSS growth over ${soakSeconds} s mixed load`,
      figure: growthPercent,
      unit: '%',
      reference: {
        label: `median RSS, first ${soakWindowSeconds} s → last ${soakWindowSeconds} s`,
        value: soakStartMiB,
        unit: `→ ${round(soakEndMiB)} MiB`,
      },
      goal: { text: `< ${GOALS.memoryGrowthPercent}%`, met: growthPercent < GOALS.memoryGrowthPercent },
    },
  ];
}

/**
 * The second sign-in step (TOTP) and a passkey sign-in: no password hash, so each is bound by the store
 * (a few conditional single-item writes) and compared with the raw session read; for one client the
 * brute-force limits bound them far lower, and the note says which (the bench raises none of them).
 */
function secondFactorRows(raw: StoreLimit, { mfaLogin, passkeyLogin, security }: Measured['secondFactor']): Row[] {
  const perWindow = (rule: SecuritySettings['loginPerIp']) => `${rule.max} per ${rule.windowSeconds} s`;
  const row = (id: string, measure: string, load: MeasuredLoad, note: string): Row => ({
    id,
    measure,
    figure: load.throughput,
    unit: 'req/s',
    reference: { label: 'raw session read, bare SDK', value: raw.perSecond, unit: 'op/s' },
    ratio: load.throughput / raw.perSecond,
    ratioAs: 'percent',
    note: `${note}; ${load.requests} distinct sign-ins, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms; server CPU ${round(load.cpuMsPerRequest.server, 2)} ms per request`,
  });
  return [
    row(
      'mfa-login-throughput',
      'Second sign-in step (POST /login/mfa, TOTP code)',
      mfaLogin,
      `no bcrypt: the token read, its try taken and its deletion (conditional writes), the account and TOTP reads (AES-GCM open, HMAC-SHA1), the step's conditional write and the session write; wrong codes are bounded per mfaToken (5 tries) and per account (MFA_ACCOUNT_MAX_FAILURES: ${perWindow(security.secondFactorPerAccount)}), so a guesser gets 10 codes in a million per window`,
    ),
    ...(passkeyLogin === null
      ? []
      : [
          row(
            'passkey-login-throughput',
            'Passkey sign-in (POST /passkeys/login)',
            passkeyLogin,
            `an ECDSA P-256 signature check, the challenge's conditional delete, the handle and passkey reads, the counter's conditional write and the session write; one client's challenges (POST /passkeys/login/options) are limited to PASSKEY_OPTIONS_IP_MAX: ${perWindow(security.passkeyOptionsPerIp)} per IP, so one IP signs in at most that often (challenges were made in advance here)`,
          ),
        ]),
  ];
}

/** A load bound by bcrypt (one hash per request), against the limit timed around it. */
function againstBcrypt(id: string, measure: string, load: MeasuredLoad, limit: BcryptLimit, note: string): Row {
  return {
    id,
    measure,
    figure: load.throughput,
    unit: 'req/s',
    reference: {
      label: `bcrypt limit: ${limit.parallelHashes} × 1/${round(limit.hashMs)} ms`,
      value: limit.perSecond,
      unit: '/s',
    },
    ratio: load.throughput / limit.perSecond,
    ratioAs: 'percent',
    note,
  };
}

/**
 * Forgot password with and without an account: the same answer time is what keeps them apart from
 * telling anything, so each is compared with the rate that answer time allows its connections.
 */
function forgotRows(mail: Measured['mail']): Row[] {
  const limit = (mail.forgotConnections * 1000) / Math.max(1, mail.answerMs);
  const row = (id: string, measure: string, load: MeasuredLoad, what: string): Row => ({
    id,
    measure,
    figure: load.throughput,
    unit: 'req/s',
    reference: { label: `answer-time limit: ${mail.forgotConnections} × 1/${mail.answerMs} ms`, value: limit, unit: '/s' },
    ratio: load.throughput / limit,
    ratioAs: 'percent',
    note: `${what}; answered requests over the whole load (the last wave is cut off, so a little under the limit is the limit); p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms (PASSWORD_FORGOT_ANSWER_MS=${mail.answerMs}; the same for both is the point); server CPU ${round(load.cpuMsPerRequest.server, 2)} ms per request; the mail limits (MAIL_IP_MAX, 50 an hour by default) bound one client far lower and were raised for the bench`,
  });
  return [
    row(
      'forgot-account-throughput',
      'Forgot password, account with a verified address',
      mail.forgotAccount,
      `a token written and a reset mail sent over SMTP for each (${mail.mailed} mails accepted)`,
    ),
    row('forgot-no-account-throughput', 'Forgot password, no such account', mail.forgotNone, 'nothing written, nothing sent'),
  ];
}

function coldStartRows(coldStart: ColdStartResult): Row[] {
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
      measure: 'Bundle size loaded at start (lambda.mjs and the chunks it imports)',
      figure: service.bundleBytes / 1024,
      unit: 'KiB',
      reference: { label: 'minimal handler bundle', value: minimal.bundleBytes / 1024, unit: 'KiB' },
      ratio: service.bundleBytes / minimal.bundleBytes,
      ratioAs: 'factor',
    },
  ];
}

function warmInvokeRows(warm: WarmInvokeComparison | null, unavailable: string): Row[] {
  const row = (
    id: string,
    measure: string,
    goalFactor: number,
    pick: (warm: WarmInvokeComparison) => [WarmInvokeSide, WarmInvokeSide],
    referenceLabel: string,
    what: string,
  ): Row => {
    const goalText = `≤ ${goalFactor}×`;
    if (warm === null)
      return { id, measure, figure: Number.NaN, unit: 'ms', goal: { text: goalText, met: null }, note: unavailable };
    const [side, reference] = pick(warm);
    const ratio = side.cpuMsPerInvoke / reference.cpuMsPerInvoke;
    return {
      id,
      measure,
      figure: side.cpuMsPerInvoke,
      unit: 'ms',
      reference: { label: referenceLabel, value: reference.cpuMsPerInvoke, unit: 'ms' },
      ratio,
      ratioAs: 'factor',
      goal: { text: goalText, met: ratio <= goalFactor },
      note: `${what}; user + system CPU of the handler's process per invoke, one invoke at a time as a sandbox takes them, median of ${side.rounds.length} rounds of ${warm.invokesPerRound} after ${warm.warmupPerRound} warm-up invokes; wall p50 ${round(side.wallMsP50, 2)} ms vs ${round(reference.wallMsP50, 2)} ms, RSS ${round(side.rssMiB)} MiB vs ${round(reference.rssMiB)} MiB`,
    };
  };
  return [
    row(
      'lambda-verify-cpu',
      'Lambda CPU per warm verify invoke',
      GOALS.lambdaVerifyCpuFactor,
      (w) => [w.service, w.minimal],
      'minimal bare-SDK handler',
      'the built AuthFunction, an HTTP API (payload 2.0) verify event through serverless-express',
    ),
    row(
      'authorizer-cpu',
      'Authorizer CPU per warm invoke',
      GOALS.authorizerCpuFactor,
      (w) => [w.authorizer, w.minimalAuthorizer],
      'minimal bare-SDK authorizer',
      'the built AuthorizerFunction, an HTTP API authorizer (payload 2.0) event with a bearer token',
    ),
  ];
}

function idleRssRow(measured: Measured): Row {
  const { idleMiB } = measured.memory;
  const floor = measured.coldStart.available ? measured.coldStart.minimal : undefined;
  return {
    id: 'idle-rss',
    measure: 'Server idle RSS (built JavaScript)',
    figure: idleMiB,
    unit: 'MiB',
    ...(floor === undefined
      ? {}
      : {
          reference: { label: 'minimal bare-SDK handler process after its first answer', value: floor.rssMiB, unit: 'MiB' },
          ratio: idleMiB / floor.rssMiB,
          ratioAs: 'factor' as const,
        }),
    goal: { text: `≤ ${GOALS.idleRssMiB} MiB`, met: idleMiB <= GOALS.idleRssMiB },
    note: 'the server as production runs it (built JavaScript on plain node, no tsx), started and listening, before its first request; the reference is a Node process that loaded only the bare SDK and answered one verify (the minimal handler of the cold starts)',
  };
}
