import type { Logger } from '../logger';
import type { MfaStore } from '../store/mfa';
import type { AccountRecord } from '../store/records';
import { AMR } from './sessions';
import type { CodeRejection, TotpService } from './totp';

/**
 * Which second factors an account has on, and checking one presented: a TOTP code or a recovery code.
 * Sign-in's second step (mfa-login.ts) and the step-up (step-up.ts) both ask here. Passkeys are not a
 * second factor after a password: a passkey sign-in stands on its own (see docs/mfa.md).
 */

/** The ways the second step can be completed, as the first step's answer lists them. */
export type SecondFactorMethod = 'totp' | 'recovery_code';

/** What the user typed: a TOTP code or a recovery code (the body schemas allow one of the two). */
export interface FactorProof {
  code?: string | undefined;
  recoveryCode?: string | undefined;
}

export type FactorCheck =
  | { accepted: true; amr: typeof AMR.otp | typeof AMR.recoveryCode }
  | { accepted: false; reason: CodeRejection | 'no-code' };

export class SecondFactorService {
  constructor(
    private readonly totp: TotpService,
    private readonly store: MfaStore,
    private readonly logger: Logger,
  ) {}

  /** The account's second factors; none for no account. */
  async methods(account: Pick<AccountRecord, 'userKey' | 'createdAt'> | null): Promise<SecondFactorMethod[]> {
    if (account === null) return [];
    const status = await this.totp.status(account.userKey, account.createdAt);
    if (!status.enabled) return [];
    return status.recoveryCodesLeft > 0 ? ['totp', 'recovery_code'] : ['totp'];
  }

  /** Checks and uses up the code presented (a TOTP step, or one recovery code): each works once, even when raced. */
  async check(userKey: string, proof: FactorProof): Promise<FactorCheck> {
    if (proof.code !== undefined) {
      const checked = await this.totp.checkCode(userKey, proof.code);
      return checked.accepted ? { accepted: true, amr: AMR.otp } : checked;
    }
    if (proof.recoveryCode !== undefined) {
      return (await this.totp.useRecoveryCode(userKey, proof.recoveryCode))
        ? { accepted: true, amr: AMR.recoveryCode }
        : { accepted: false, reason: 'wrong' };
    }
    return { accepted: false, reason: 'no-code' };
  }

  /** Cleanup after an account is deleted; a failure is logged (a factor older than the account is ignored anyway). */
  async removeAll(userKey: string): Promise<void> {
    try {
      await Promise.all([this.totp.disable(userKey), this.store.deletePendingTotp(userKey)]);
    } catch (error) {
      this.logger.warn(
        { err: error, event: 'mfa.cleanup_failed', userKey },
        'removing a deleted account’s second factor failed; it stays ignored',
      );
    }
  }
}
