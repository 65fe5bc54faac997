import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock';
import type { RateRule, SecuritySettings } from '../config-security';
import { AppError, InvalidCredentialsError, TooManyAttemptsError, WrongCodeError, WrongPasswordError } from '../errors';
import type { Logger } from '../logger';
import { remainingMs } from '../store/deadline';
import type { CounterWindow, RateLimitStore, WindowCounts } from '../store/rate-limits';
import type { DeviceCookies } from './device-cookies';
import type { LogPseudonyms } from './log-pseudonyms';
import type { SecurityEventKind, SecurityEvents } from './security-events';
import { usernameKey } from './usernames';

/** How long an attempt waits for a busy window (slots held by attempts in progress) before a 429. */
const BUSY_WAIT_LIMIT_MS = 10_000;
/** Time kept for the rest of the attempt (the password check and its writes) when deciding whether to wait more. */
const BUSY_ANSWER_RESERVE_MS = 1_000;
/** Closed windows' counts kept in memory, so the sliding estimate costs no read per attempt. */
const PREVIOUS_WINDOWS_CACHED = 10_000;

type AttemptKind = 'login' | 'password-confirmation' | 'second-factor';

/** A sign-in's first step that asks for a second factor (see auth.ts) rather than starting a session. */
const awaitsSecondFactor = (result: unknown): boolean => typeof result === 'object' && result !== null && 'mfaRequired' in result;

/** Who is attempting, for the counters and the security log (the request's own logger carries its id). */
export interface Attempt {
  ip: string | undefined;
  log: Logger;
  /** The device cookie the browser sent, if any (checked here against the account). */
  deviceCookie?: string | undefined;
  /** For the lockout notice. */
  userAgent?: string | undefined;
}

/** A counter in use: the current fixed window, and how many slots it may hold now. */
interface Slot {
  window: CounterWindow;
  rule: RateRule;
  /** The previous window's count (failures, or attempts for registrations). */
  previous: number;
  /** `rule.max` less the previous window's count, weighted by how much of it still lies in the sliding window. */
  allowed: number;
  /** What the counter counts. */
  counted: keyof WindowCounts;
}

/**
 * Brute-force limits on logins and registrations, kept in the store so they hold across Lambda
 * instances and restarts.
 *
 * Each counter is a sliding window estimated from two fixed ones (the current window's count plus the
 * previous one's, weighted by the part of it still inside the sliding window), so no burst of twice the
 * limit fits around a window boundary. An attempt takes its slot with one conditional write, whose
 * condition is the allowance computed from that estimate; the previous window is closed, so its count
 * is read once and cached.
 *
 * A login first takes a slot in its client IP's counter and in one of two others, in parallel, before
 * any password is hashed: past the limit even the right password gets 429, and parallel guesses cannot
 * overshoot it. The second counter is the device's own when the browser presents a valid device cookie
 * for this account (OWASP's device-cookie scheme: an attacker's failures lock the attacker's devices,
 * not the owner's), else the account-wide one. A wrong password keeps its slots and is recorded as a
 * failure; a success clears its device or account counter and gives the IP's slot back. Unknown
 * usernames are counted like real ones, so a 429 says nothing about existence.
 *
 * When a counter cannot be written (the store throttles a hot counter item, or is down), the attempt
 * is refused with the store's 503: no password is checked without its slots.
 */
export class AttemptLimiter {
  /** In flight or settled: parallel attempts on one key share a single read. */
  private readonly previousWindows = new Map<string, Promise<WindowCounts>>();

  constructor(
    private readonly store: RateLimitStore,
    private readonly settings: SecuritySettings,
    private readonly clock: Clock,
    private readonly pseudonyms: LogPseudonyms,
    private readonly devices: DeviceCookies,
    private readonly events: SecurityEvents,
  ) {}

  /** A sign-in: `run` throws InvalidCredentialsError when the password is wrong. */
  async login<T>(username: string, attempt: Attempt, run: () => Promise<T>): Promise<T> {
    return this.passwordAttempt('login', username, attempt, run);
  }

  /**
   * A signed-in user confirming their password (POST /password, DELETE /account): the same counters as
   * sign-in, so a stolen access token cannot be used to guess the password faster than a login could.
   */
  async confirmPassword<T>(username: string, attempt: Attempt, run: () => Promise<T>): Promise<T> {
    return this.passwordAttempt('password-confirmation', username, attempt, run);
  }

  /**
   * A second-factor code (at sign-in's second step, or in a step-up): `run` throws WrongCodeError when it
   * is wrong. Counted per client IP (with passwords) and per account in a counter of its own
   * (MFA_ACCOUNT_MAX_FAILURES), so a stolen password does not buy unlimited guesses at the code.
   */
  async secondFactor<T>(username: string, attempt: Attempt, run: () => Promise<T>): Promise<T> {
    return this.passwordAttempt('second-factor', username, attempt, run);
  }

  /** A passkey sign-in challenge (each is an item written): counted per client IP, every request. */
  async passkeyChallenge<T>(attempt: Attempt, run: () => Promise<T>): Promise<T> {
    return this.perIp('passkey-options-ip', this.settings.passkeyOptionsPerIp, 'passkey-options', attempt, run);
  }

  private async passwordAttempt<T>(kind: AttemptKind, username: string, attempt: Attempt, run: () => Promise<T>): Promise<T> {
    const ip = attempt.ip ?? 'unknown';
    const userKey = usernameKey(username);
    const deviceId = kind === 'login' ? this.devices.deviceOf(attempt.deviceCookie, userKey) : null;
    // A signed-in user's own name may be logged; a name typed at sign-in only once it names an account.
    const named = { username: userKey, ip, ...(deviceId === null ? {} : { knownDevice: true }) };
    const unnamed = { usernameHash: this.pseudonyms.of(userKey), ip, ...(deviceId === null ? {} : { knownDevice: true }) };
    const unverified = kind === 'login' ? unnamed : named;

    const [ipSlot, ownSlot] = await Promise.all([
      this.slot('login-ip', ip, this.settings.loginPerIp, 'failures'),
      kind === 'second-factor'
        ? this.slot('mfa-account', userKey, this.settings.secondFactorPerAccount, 'failures')
        : deviceId === null
          ? this.slot('login-account', userKey, this.settings.loginPerAccount, 'failures')
          : this.slot('login-device', deviceId, this.settings.loginPerDevice, 'failures'),
    ]);
    const ownScope = deviceId === null ? 'account' : 'device';

    // Both slots are taken at once; a slot taken for an attempt that is refused anyway is given back.
    const [ipResult, ownResult] = await Promise.allSettled([this.acquire(ipSlot), this.acquire(ownSlot)]);
    const ipTaken = ipResult.status === 'fulfilled' && typeof ipResult.value !== 'number';
    const ownTaken = ownResult.status === 'fulfilled' && typeof ownResult.value !== 'number';
    if (!ipTaken || !ownTaken) {
      if (ipTaken) await this.quietly(attempt, () => this.store.giveBack(ipSlot.window));
      if (ownTaken) await this.quietly(attempt, () => this.store.giveBack(ownSlot.window));
      const failed = [ipResult, ownResult].find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
      const scope = ipTaken ? ownScope : 'ip';
      attempt.log.warn(
        { event: `${kind}.locked`, scope, ...unverified },
        `${kind} refused: too many failures for this ${scope === 'ip' ? 'IP' : scope}`,
      );
      if (kind === 'login') void this.events.record('login.refused', null);
      const retryAfter = [ipResult, ownResult].map((result) =>
        result.status === 'fulfilled' && typeof result.value === 'number' ? result.value : 0,
      );
      throw new TooManyAttemptsError(Math.max(...retryAfter));
    }

    let result: T;
    try {
      result = await run();
    } catch (error) {
      if (error instanceof InvalidCredentialsError || error instanceof WrongPasswordError || error instanceof WrongCodeError) {
        const accountExists = !(error instanceof InvalidCredentialsError) || error.accountExists;
        // The window's failures before this one, as taking the slot read them: a lock starts when this one uses up the budget.
        const locks = (taken: PromiseSettledResult<number | WindowCounts>, slot: Slot) =>
          taken.status === 'fulfilled' && typeof taken.value !== 'number' && taken.value.failures + 1 >= slot.allowed;
        if (kind === 'login' && locks(ipResult, ipSlot)) void this.events.record('login.locked', null);
        // The event is written beside the failure counts, so it costs the answer no round trip of its own.
        const ownLocks = locks(ownResult, ownSlot);
        await Promise.all([
          this.store.recordFailure(ipSlot.window),
          this.store.recordFailure(ownSlot.window),
          this.failureEvent(
            kind,
            accountExists ? userKey : null,
            ownLocks,
            ownScope,
            ownLocks ? this.retryAfter(ownSlot, ownSlot.rule.max) : 0,
          ),
        ]);
        const what = error instanceof WrongCodeError ? 'wrong code' : 'wrong password';
        attempt.log.warn({ event: `${kind}.failure`, ...(accountExists ? named : unverified) }, `${kind} failed: ${what}`);
      } else {
        // The attempt never got an answer (store down, a bug): it is not a failure of the password.
        await this.quietly(attempt, () => Promise.all([this.store.giveBack(ipSlot.window), this.store.giveBack(ownSlot.window)]));
      }
      throw error;
    }
    // The login has succeeded: a store hiccup now must not turn it into an error. Its event is written beside these writes.
    await Promise.all([
      this.quietly(attempt, () => Promise.all([this.reset(ownSlot), this.store.giveBack(ipSlot.window)])),
      kind === 'login'
        ? this.events.record(awaitsSecondFactor(result) ? 'login.mfa_required' : 'login.success', userKey, {
            method: 'password',
            // A browser without this account's device cookie: the new-device notice goes out from this event.
            knownDevice: deviceId !== null,
          })
        : undefined,
    ]);
    attempt.log.info({ event: `${kind}.success`, ...named }, `${kind} succeeded`);
    return result;
  }

  /** Every registration attempt that passed validation counts, taken or not (409 probes included). */
  async register<T>(username: string, attempt: Attempt, run: () => Promise<T>): Promise<T> {
    const result = await this.perIp('register-ip', this.settings.registerPerIp, 'register', attempt, run, { username });
    attempt.log.info({ event: 'register.success', username, ip: attempt.ip ?? 'unknown' }, 'user registered');
    await this.events.record('register', usernameKey(username));
    return result;
  }

  /** Every request counts against the client IP's window; one that never got an answer (a 5xx) is given back. */
  private async perIp<T>(
    scope: string,
    rule: RateRule,
    event: string,
    attempt: Attempt,
    run: () => Promise<T>,
    detail: object = {},
  ): Promise<T> {
    const ip = attempt.ip ?? 'unknown';
    const slot = await this.slot(scope, ip, rule, 'hits');
    if (slot.allowed <= 0 || (await this.store.take(slot.window, slot.allowed)) === null) {
      attempt.log.warn({ event: `${event}.limited`, ...detail, ip }, `${event} refused: too many from this IP`);
      throw new TooManyAttemptsError(this.retryAfter(slot, slot.rule.max));
    }
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof AppError && error.status < 500)) {
        await this.quietly(attempt, () => this.store.giveBack(slot.window));
      }
      throw error;
    }
  }

  /**
   * A request that mails a link (forgot password, resend, change of address): one slot in the
   * account's counter (`limitKey`, counted alike whether or not the account exists) and one in the
   * client IP's, so the service cannot be used to flood a mailbox. Every attempt that passed
   * validation counts; one that failed on the service's side (5xx) is given back.
   */
  async mail<T>(limitKey: string, attempt: Attempt, run: () => Promise<T>): Promise<T> {
    const ip = attempt.ip ?? 'unknown';
    const [accountSlot, ipSlot] = await Promise.all([
      this.slot('mail-account', limitKey, this.settings.mailPerAccount, 'hits'),
      this.slot('mail-ip', ip, this.settings.mailPerIp, 'hits'),
    ]);
    const take = async (slot: Slot) => slot.allowed > 0 && (await this.store.take(slot.window, slot.allowed)) !== null;
    const [accountResult, ipResult] = await Promise.allSettled([take(accountSlot), take(ipSlot)]);
    const accountTaken = accountResult.status === 'fulfilled' && accountResult.value;
    const ipTaken = ipResult.status === 'fulfilled' && ipResult.value;
    if (!accountTaken || !ipTaken) {
      if (accountTaken) await this.quietly(attempt, () => this.store.giveBack(accountSlot.window));
      if (ipTaken) await this.quietly(attempt, () => this.store.giveBack(ipSlot.window));
      const failed = [accountResult, ipResult].find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
      const scope = accountTaken ? 'ip' : 'account';
      attempt.log.warn(
        { event: 'mail.limited', scope, usernameHash: this.pseudonyms.of(limitKey), ip },
        `mail refused: too many for this ${scope}`,
      );
      const full = accountTaken ? ipSlot : accountSlot;
      throw new TooManyAttemptsError(this.retryAfter(full, full.rule.max));
    }
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof AppError && error.status < 500)) {
        await this.quietly(attempt, () =>
          Promise.all([this.store.giveBack(accountSlot.window), this.store.giveBack(ipSlot.window)]),
        );
      }
      throw error;
    }
  }

  /**
   * The event of a wrong password or code: for an existing account (`userKey` not null) a failure, or
   * the lock it starts when it uses up the account's (or device's) budget; for an unknown name it is
   * only counted.
   */
  private failureEvent(
    kind: AttemptKind,
    userKey: string | null,
    locks: boolean,
    scope: string,
    lockedForSeconds: number,
  ): Promise<void> {
    const kinds: Record<AttemptKind, SecurityEventKind> = {
      login: 'login.failure',
      'password-confirmation': 'password.confirm_failure',
      'second-factor': 'mfa.failure',
    };
    if (kind !== 'login' || !locks) return this.events.record(kinds[kind], userKey);
    void this.events.record('login.failure', null);
    return this.events.record('login.locked', userKey, { scope, lockedForSeconds });
  }

  /**
   * Clears an account's account-wide failure counter, in both windows the estimate reads (an operator's
   * unlock). The counters of devices and IP addresses are left: they belong to whoever failed there.
   */
  async unlock(username: string): Promise<void> {
    const userKey = usernameKey(username);
    const rule = this.settings.loginPerAccount;
    const windowStart = Math.floor(this.clock.now() / 1000 / rule.windowSeconds) * rule.windowSeconds;
    const current = { scope: 'login-account', key: userKey, windowStart, windowEnd: windowStart + rule.windowSeconds };
    const previous = { ...current, windowStart: windowStart - rule.windowSeconds, windowEnd: windowStart };
    this.previousWindows.set(this.cacheKeyOf(previous), Promise.resolve({ hits: 0, failures: 0 }));
    await Promise.all([this.store.reset(current), this.store.reset(previous)]);
  }

  /**
   * Takes a slot: the window's counts with it when taken, else the seconds to wait. A full window whose slots are held by
   * attempts still in progress (not by failures) is busy, not locked: wait briefly and try again, so
   * parallel logins of one account succeed while parallel guesses stay within the limit.
   *
   * Before refusing on account of a previous window's count, that count is read again once: it is cached,
   * and an operator's unlock (from another process) may have cleared it since.
   */
  private async acquire(first: Slot): Promise<number | WindowCounts> {
    const started = Date.now();
    let slot = first;
    let rechecked = false;
    const recheck = async (): Promise<boolean> => {
      if (rechecked || slot.previous === 0) return false;
      rechecked = true;
      const previous = {
        ...slot.window,
        windowStart: slot.window.windowStart - slot.rule.windowSeconds,
        windowEnd: slot.window.windowStart,
      };
      this.previousWindows.delete(this.cacheKeyOf(previous));
      slot = await this.slot(slot.window.scope, slot.window.key, slot.rule, slot.counted);
      return true;
    };
    for (let round = 0; ; round += 1) {
      if (slot.allowed <= 0) {
        if (await recheck()) continue;
        return this.retryAfter(slot, 0);
      }
      const taken = await this.store.take(slot.window, slot.allowed);
      if (taken !== null) return taken;
      const { failures } = await this.store.counts(slot.window);
      if (failures >= slot.allowed) {
        if (await recheck()) continue;
        return this.retryAfter(slot, failures);
      }
      const pause = Math.min(10 * 2 ** round, 100) * (0.5 + Math.random());
      // Waiting never outlasts the request's deadline: a 429 "busy" answer beats a 503 for running out of time.
      if (Date.now() - started > BUSY_WAIT_LIMIT_MS || remainingMs() < pause + BUSY_ANSWER_RESERVE_MS) return 1;
      await sleep(pause);
    }
  }

  /** The current window of a counter and its allowance under the sliding estimate. */
  private async slot(scope: string, key: string, rule: RateRule, counted: keyof WindowCounts): Promise<Slot> {
    const nowSeconds = this.clock.now() / 1000;
    const windowStart = Math.floor(nowSeconds / rule.windowSeconds) * rule.windowSeconds;
    const window = { scope, key, windowStart, windowEnd: windowStart + rule.windowSeconds };
    const previous = (
      await this.previousCounts({ ...window, windowStart: windowStart - rule.windowSeconds, windowEnd: windowStart })
    )[counted];
    const stillInside = 1 - (nowSeconds - windowStart) / rule.windowSeconds;
    // Rounded up, so the estimate never lets more than `max` into any window's length.
    return { window, rule, previous, allowed: rule.max - Math.ceil(previous * stillInside), counted };
  }

  private cacheKeyOf(window: CounterWindow): string {
    return `${window.scope}\u0000${window.key}\u0000${window.windowStart}`;
  }

  /** A closed window's counts, read once and then kept. */
  private async previousCounts(window: CounterWindow): Promise<WindowCounts> {
    const cacheKey = this.cacheKeyOf(window);
    const cached = this.previousWindows.get(cacheKey);
    if (cached !== undefined) return cached;
    if (this.previousWindows.size >= PREVIOUS_WINDOWS_CACHED) {
      const oldest = this.previousWindows.keys().next().value;
      if (oldest !== undefined) this.previousWindows.delete(oldest);
    }
    const counts = this.store.counts(window);
    this.previousWindows.set(cacheKey, counts);
    // A failed read is not kept: the next attempt reads again.
    counts.catch(() => this.previousWindows.delete(cacheKey));
    return counts;
  }

  /** Forgets a counter's failures, in both windows the estimate reads. */
  private async reset(slot: Slot): Promise<void> {
    const previous = {
      ...slot.window,
      windowStart: slot.window.windowStart - slot.rule.windowSeconds,
      windowEnd: slot.window.windowStart,
    };
    this.previousWindows.set(this.cacheKeyOf(previous), Promise.resolve({ hits: 0, failures: 0 }));
    await Promise.all([this.store.reset(slot.window), slot.previous > 0 ? this.store.reset(previous) : undefined]);
  }

  /**
   * Seconds until the estimate lets one more attempt in, if none comes meanwhile: later in this window
   * as the previous one's weight fades, or in the next, once this one's `current` fades enough.
   */
  private retryAfter(slot: Slot, current: number): number {
    const { rule, window, previous } = slot;
    const now = this.clock.now() / 1000;
    const untilWindowEnd = window.windowEnd - now;
    // One more fits once ceil(count * (1 - elapsed / W)) <= room - 1, i.e. elapsed >= W * (1 - (room - 1) / count).
    const elapsedNeeded = (count: number, room: number) =>
      count <= room - 1 ? 0 : rule.windowSeconds * (1 - (room - 1) / count);
    if (current < rule.max) {
      const wait = elapsedNeeded(previous, rule.max - current) - (now - window.windowStart);
      if (wait < untilWindowEnd) return Math.max(1, Math.ceil(wait));
      return Math.max(1, Math.ceil(untilWindowEnd));
    }
    return Math.max(1, Math.ceil(untilWindowEnd + elapsedNeeded(current, rule.max)));
  }

  /** Bookkeeping after the outcome is known: a failure is logged, never shown to the client. */
  private async quietly(attempt: Attempt, operation: () => Promise<unknown>): Promise<void> {
    try {
      await operation();
    } catch (error) {
      // An outage is expected here and needs no stack; anything else does.
      const detail = error instanceof AppError ? { code: error.code } : { err: error };
      attempt.log.warn(detail, 'rate-limit bookkeeping failed');
    }
  }
}
