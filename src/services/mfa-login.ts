import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { toEpochSeconds } from '../clock';
import { AppError, WrongCodeError } from '../errors';
import type { MfaStore } from '../store/mfa';
import type { AccountRecord } from '../store/records';
import type { AuthStore } from '../store/store';
import type { Attempt, AttemptLimiter } from './attempt-limits';
import type { DeviceCookies } from './device-cookies';
import type { FactorProof, SecondFactorMethod, SecondFactorService } from './second-factors';
import type { SecurityEvents } from './security-events';
import { AMR, type ClientInfo, type LoginResult, type SessionService } from './sessions';

/**
 * Sign-in in two steps, for an account with a second factor. POST /login with the right password
 * answers an mfaToken instead of a session; POST /login/mfa with that token and a code starts the
 * session. The token is random (256 bits) and only its SHA-256 is stored, in an item of its own that
 * records whose sign-in it is and the account's security stamp when the password was checked.
 *
 * Every rule is the condition of one single-item write (no transactions, no TTL needed):
 * - a try is taken (`tries + 1`, while live and under 5) before the code is checked, so no more than
 *   5 codes are ever checked against one token, however many requests race;
 * - the sign-in completes by deleting the item while it is live: of two requests with right codes,
 *   exactly one starts a session;
 * - expired means absent: every read and condition compares `expiresAt` with now.
 * A password change or deletion since the first step ends the sign-in (the stamps differ).
 */

export const MFA_TOKEN_TTL_SECONDS = 5 * 60;
export const MFA_TOKEN_MAX_TRIES = 5;

/** The first step's answer for an account with a second factor: no session yet. */
export interface MfaChallenge {
  mfaRequired: true;
  mfaToken: string;
  methods: SecondFactorMethod[];
  /** Epoch seconds: the second step must come by then. */
  expiresAt: number;
}

export interface MfaLoginProof extends FactorProof {
  mfaToken: string;
}

const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64url');

export class MfaLoginService {
  constructor(
    private readonly store: MfaStore,
    private readonly accounts: AuthStore,
    private readonly factors: SecondFactorService,
    private readonly sessions: SessionService,
    private readonly limiter: AttemptLimiter,
    private readonly clock: Clock,
    private readonly events: SecurityEvents,
    /** Whether the browser signing in has this account's device cookie, for the new-device notice. */
    private readonly devices?: DeviceCookies,
  ) {}

  /** Starts the second step for an account whose password was just checked (under `account.securityStamp`). */
  async begin(account: AccountRecord, methods: SecondFactorMethod[]): Promise<MfaChallenge> {
    const mfaToken = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = toEpochSeconds(now) + MFA_TOKEN_TTL_SECONDS;
    await this.store.putMfaLogin(hashToken(mfaToken), {
      userKey: account.userKey,
      username: account.username,
      securityStamp: account.securityStamp,
      tries: 0,
      createdAt: now,
      expiresAt,
    });
    return { mfaRequired: true, mfaToken, methods, expiresAt };
  }

  /**
   * The second step: the code is checked against the account's factor, counted per token (5 tries)
   * and by the attempt limiter (per account and per IP: 429 past them), and the session starts with
   * amr `["pwd","otp"]` or `["pwd","rcode"]`.
   */
  async complete(proof: MfaLoginProof, client: ClientInfo, attempt: Attempt): Promise<LoginResult> {
    const tokenHash = hashToken(proof.mfaToken);
    const pending = await this.store.getMfaLogin(tokenHash, this.nowSeconds(), MFA_TOKEN_MAX_TRIES);
    if (pending === null) throw new AppError('MFA_TOKEN_INVALID');
    return this.limiter.secondFactor(pending.username, attempt, async () => {
      const [tryTaken, account] = await Promise.all([
        this.store.takeMfaLoginTry(tokenHash, this.nowSeconds(), MFA_TOKEN_MAX_TRIES),
        this.accounts.getAccount(pending.userKey),
      ]);
      if (!tryTaken || account === null || account.securityStamp !== pending.securityStamp)
        throw new AppError('MFA_TOKEN_INVALID');
      const checked = await this.factors.check(account.userKey, proof);
      if (!checked.accepted) {
        attempt.log.info(
          { event: 'login.mfa_code_refused', reason: checked.reason, username: account.userKey },
          'second-factor code refused',
        );
        throw new WrongCodeError('MFA_CODE_INVALID');
      }
      if (!(await this.store.completeMfaLogin(tokenHash, this.nowSeconds()))) throw new AppError('MFA_TOKEN_INVALID');
      // The event is written beside the session, so the sign-in waits for no round trip of its own.
      const [session] = await Promise.all([
        this.sessions.start(account, [AMR.password, checked.amr], client),
        this.events.record('login.success', account.userKey, {
          method: `password+${checked.amr}`,
          ...(this.devices === undefined
            ? {}
            : { knownDevice: this.devices.deviceOf(attempt.deviceCookie, account.userKey) !== null }),
        }),
      ]);
      return { ...session, profile: { username: account.username, name: account.name } };
    });
  }

  private nowSeconds(): number {
    return toEpochSeconds(this.clock.now());
  }
}
