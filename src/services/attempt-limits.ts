import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock';
import { toEpochSeconds } from '../clock';
import type { RateRule, SecuritySettings } from '../config-security';
import { AppError, InvalidCredentialsError, TooManyAttemptsError, WrongPasswordError } from '../errors';
import type { Logger } from '../logger';
import type { CounterWindow, RateLimitStore } from '../store/rate-limits';
import type { LogPseudonyms } from './log-pseudonyms';
import { usernameKey } from './usernames';

/** How long an attempt waits for a busy window (slots held by attempts in progress) before a 429. */
const BUSY_WAIT_LIMIT_MS = 10_000;

/** Who is attempting, for the counters and the security log (the request's own logger carries its id). */
export interface Attempt {
  ip: string | undefined;
  log: Logger;
}

/**
 * Brute-force limits on logins and registrations, kept in the store so they hold across Lambda
 * instances and restarts.
 *
 * A login first takes a slot in its client IP's and its account's failure windows (one atomic
 * conditional write each, in parallel), before any password is hashed: past the limit even the right password
 * gets 429, and parallel guesses cannot overshoot it. A wrong password keeps its slots and is recorded
 * as a failure; a success clears the account's window and gives the IP's slot back. Unknown usernames
 * are counted like real ones, so a 429 says nothing about existence.
 */
export class AttemptLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly settings: SecuritySettings,
    private readonly clock: Clock,
    private readonly pseudonyms: LogPseudonyms,
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

  private async passwordAttempt<T>(
    kind: 'login' | 'password-confirmation',
    username: string,
    attempt: Attempt,
    run: () => Promise<T>,
  ): Promise<T> {
    const ip = attempt.ip ?? 'unknown';
    const userKey = usernameKey(username);
    // A signed-in user's own name may be logged; a name typed at sign-in only once it names an account.
    const named = { username: userKey, ip };
    const unnamed = { usernameHash: this.pseudonyms.of(userKey), ip };
    const unverified = kind === 'password-confirmation' ? named : unnamed;
    const ipWindow = this.window('login-ip', ip, this.settings.loginPerIp);
    const accountWindow = this.window('login-account', userKey, this.settings.loginPerAccount);

    // Both slots are taken at once; a slot taken for an attempt that is refused anyway is given back.
    const [ipResult, accountResult] = await Promise.allSettled([
      this.acquire(ipWindow, this.settings.loginPerIp),
      this.acquire(accountWindow, this.settings.loginPerAccount),
    ]);
    const ipTaken = ipResult.status === 'fulfilled' && ipResult.value === null;
    const accountTaken = accountResult.status === 'fulfilled' && accountResult.value === null;
    if (!ipTaken || !accountTaken) {
      if (ipTaken) await this.quietly(attempt, () => this.store.giveBack(ipWindow));
      if (accountTaken) await this.quietly(attempt, () => this.store.giveBack(accountWindow));
      const failed = [ipResult, accountResult].find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
      const scope = ipTaken ? 'account' : 'ip';
      attempt.log.warn({ event: `${kind}.locked`, scope, ...unverified }, `${kind} refused: too many failures for this ${scope === 'ip' ? 'IP' : 'account'}`);
      const retryAfter = [ipResult, accountResult].map((result) => (result.status === 'fulfilled' ? (result.value ?? 0) : 0));
      throw new TooManyAttemptsError(Math.max(...retryAfter));
    }

    let result: T;
    try {
      result = await run();
    } catch (error) {
      if (error instanceof InvalidCredentialsError || error instanceof WrongPasswordError) {
        await Promise.all([this.store.recordFailure(ipWindow), this.store.recordFailure(accountWindow)]);
        const accountExists = error instanceof WrongPasswordError || error.accountExists;
        attempt.log.warn({ event: `${kind}.failure`, ...(accountExists ? named : unverified) }, `${kind} failed: wrong password`);
      } else {
        // The attempt never got an answer (store down, a bug): it is not a failure of the password.
        await this.quietly(attempt, () => Promise.all([this.store.giveBack(ipWindow), this.store.giveBack(accountWindow)]));
      }
      throw error;
    }
    // The login has succeeded: a store hiccup now must not turn it into an error.
    await this.quietly(attempt, () => Promise.all([this.store.reset(accountWindow), this.store.giveBack(ipWindow)]));
    attempt.log.info({ event: `${kind}.success`, ...named }, `${kind} succeeded`);
    return result;
  }

  /** Every registration attempt that passed validation counts, taken or not (409 probes included). */
  async register<T>(username: string, attempt: Attempt, run: () => Promise<T>): Promise<T> {
    const ip = attempt.ip ?? 'unknown';
    const window = this.window('register-ip', ip, this.settings.registerPerIp);
    if (!(await this.store.take(window, this.settings.registerPerIp.max))) {
      attempt.log.warn({ event: 'register.limited', username, ip }, 'registration refused: too many from this IP');
      throw new TooManyAttemptsError(this.retryAfter(window));
    }
    try {
      const result = await run();
      attempt.log.info({ event: 'register.success', username, ip }, 'user registered');
      return result;
    } catch (error) {
      if (!(error instanceof AppError && error.status < 500)) {
        await this.quietly(attempt, () => this.store.giveBack(window));
      }
      throw error;
    }
  }

  /**
   * Takes a slot in the window; null when taken, else the seconds to wait. A full window whose slots
   * are held by attempts still in progress (not by failures) is busy, not locked: wait briefly and try
   * again, so parallel logins of one account succeed while parallel guesses stay within the limit.
   */
  private async acquire(window: CounterWindow, rule: RateRule): Promise<number | null> {
    const started = Date.now();
    for (let round = 0; ; round += 1) {
      if (await this.store.take(window, rule.max)) return null;
      if ((await this.store.failures(window)) >= rule.max) return this.retryAfter(window);
      if (Date.now() - started > BUSY_WAIT_LIMIT_MS) return 1;
      await sleep(Math.min(10 * 2 ** round, 100) * (0.5 + Math.random()));
    }
  }

  private window(scope: string, key: string, rule: RateRule): CounterWindow {
    const now = toEpochSeconds(this.clock.now());
    const windowStart = now - (now % rule.windowSeconds);
    return { scope, key, windowStart, windowEnd: windowStart + rule.windowSeconds };
  }

  private retryAfter(window: CounterWindow): number {
    return Math.max(1, window.windowEnd - toEpochSeconds(this.clock.now()));
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
