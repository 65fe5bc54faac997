import { AppError, WrongCodeError } from '../errors';
import type { AccountRecord } from '../store/records';
import type { Attempt, AttemptLimiter } from './attempt-limits';
import type { AuthService } from './auth';
import type { FactorProof, SecondFactorService } from './second-factors';
import type { VerifiedSession } from './sessions';

/**
 * "Prove it's you": the one place that decides what a signed-in user must show before a sensitive
 * change (a new password, deleting the account, changing the email, turning a second factor off or
 * replacing it, new recovery codes, removing a passkey). A session alone is not enough, since an access
 * token can be stolen: the password, and the second factor too when one is on, each counted by the
 * attempt limiter as a sign-in would be (so a stolen token guesses no faster than a login could).
 *
 * Every account has a password (registration sets one), so there is no passkey-only account: a user
 * signed in with a passkey proves it the same way. See docs/mfa.md.
 */

/** The fresh proof a sensitive change carries. */
export interface StepUpProof extends FactorProof {
  password: string;
}

export class StepUpService {
  constructor(
    private readonly auth: AuthService,
    private readonly factors: SecondFactorService,
    private readonly limiter: AttemptLimiter,
  ) {}

  /**
   * The account, read under the proof: 403 WRONG_PASSWORD, then 403 SECOND_FACTOR_REQUIRED (no code
   * given) or WRONG_SECOND_FACTOR, and 429 past the limits. A code is used up even if the change then fails.
   */
  async prove(session: VerifiedSession, proof: StepUpProof, attempt: Attempt): Promise<AccountRecord> {
    const account = await this.limiter.confirmPassword(session.username, attempt, () =>
      this.auth.confirmPassword(session.userKey, proof.password),
    );
    if ((await this.factors.methods(account)).length === 0) return account;
    if (proof.code === undefined && proof.recoveryCode === undefined) throw new AppError('SECOND_FACTOR_REQUIRED');
    await this.limiter.secondFactor(session.username, attempt, async () => {
      const checked = await this.factors.check(account.userKey, proof);
      if (!checked.accepted) {
        attempt.log.info(
          { event: 'step_up.code_refused', reason: checked.reason, username: session.userKey },
          'step-up code refused',
        );
        throw new WrongCodeError('WRONG_SECOND_FACTOR');
      }
    });
    return account;
  }
}
