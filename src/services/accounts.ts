import { ConflictError, UnauthenticatedError } from '../errors';
import type { Logger } from '../logger';
import type { AccountRecord } from '../store/records';
import type { AuthStore } from '../store/store';
import type { AuthService } from './auth';
import type { PasskeyService } from './passkeys';
import type { PasswordHasher } from './passwords';
import { newSecurityStamp, type SessionService, type VerifiedSession } from './sessions';

export interface AccountProfile {
  username: string;
  name: string;
  createdAt: string;
  email: string | null;
  emailVerified: boolean;
  pendingEmail: string | null;
}

/**
 * Changes to the signed-in user's own account. Each is one conditional write of the account item,
 * which is the commit point that ends every session at once (the security stamp, see
 * src/services/sessions.ts); what follows is the session service's cleanup.
 */
export class AccountService {
  constructor(
    private readonly store: AuthStore,
    private readonly passwords: PasswordHasher,
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly passkeys: PasskeyService | null,
    private readonly logger: Logger,
  ) {}

  async profile(session: VerifiedSession): Promise<AccountProfile> {
    const account = await this.store.getAccount(session.userKey);
    if (account === null) throw new UnauthenticatedError();
    const verified = account.verifiedEmail ?? null;
    return {
      username: account.username,
      name: account.name,
      createdAt: new Date(account.createdAt).toISOString(),
      email: verified ?? account.pendingEmail ?? null,
      emailVerified: verified !== null,
      pendingEmail: verified === null ? null : (account.pendingEmail ?? null),
    };
  }

  /** Sets a new password, keeps the calling session and ends every other one; returns the account as it was. */
  async changePassword(session: VerifiedSession, currentPassword: string, newPassword: string): Promise<AccountRecord> {
    const account = await this.auth.confirmPassword(session.userKey, currentPassword);
    const next = { passwordHash: await this.passwords.hash(newPassword), securityStamp: newSecurityStamp() };
    if (!(await this.store.changePassword(account.userKey, account, next))) {
      throw new ConflictError();
    }
    await this.sessions.keepOnlyCurrent(session, { previous: account.securityStamp, next: next.securityStamp });
    return account;
  }

  /** Deletes the account; every session ends with it, and their items are removed. */
  async deleteAccount(session: VerifiedSession, password: string): Promise<void> {
    const account = await this.auth.confirmPassword(session.userKey, password);
    if (!(await this.store.deleteAccount(account.userKey, account))) throw new ConflictError();
    await this.sessions.removeDeadSessions(account.userKey);
    await this.removePasskeys(account.userKey);
    await this.releaseAddress(account);
  }

  /** Cleanup after the commit point: a claim left behind is stale (its account is gone) and is taken over by the next verifier. */
  private async releaseAddress(account: AccountRecord): Promise<void> {
    if (account.verifiedEmail === undefined) return;
    try {
      await this.store.email().releaseAddress(account.verifiedEmail, account.userKey);
    } catch (error) {
      this.logger.warn(
        { event: 'email.cleanup_failed', userKey: account.userKey, reason: (error as Error).message },
        'releasing a deleted account’s address failed; the claim is stale',
      );
    }
  }

  /**
   * Cleanup after the commit point: a failure is logged, and the passkeys left behind stay refused
   * (older than any later account of that name, see AuthService.loginWithPasskey).
   */
  private async removePasskeys(userKey: string): Promise<void> {
    try {
      await this.passkeys?.removeAll(userKey);
    } catch (error) {
      this.logger.warn(
        { err: error, event: 'passkeys.cleanup_failed', userKey },
        'removing a deleted account’s passkeys failed; they stay refused',
      );
    }
  }
}
