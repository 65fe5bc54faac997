import { ConflictError, UnauthenticatedError } from '../errors';
import type { Logger } from '../logger';
import type { AccountRecord } from '../store/records';
import type { AuthStore } from '../store/store';
import type { PasskeyService } from './passkeys';
import type { PasswordHasher } from './passwords';
import type { SecondFactorService } from './second-factors';
import type { SecurityEvents } from './security-events';
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
 * src/services/sessions.ts); what follows is the session service's cleanup. Each takes the account as
 * the step-up read it (StepUpService.prove), so the write is conditional on the credentials just proved.
 */
export class AccountService {
  constructor(
    private readonly store: AuthStore,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly passkeys: PasskeyService | null,
    private readonly factors: SecondFactorService,
    private readonly logger: Logger,
    private readonly events: SecurityEvents,
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
  async changePassword(session: VerifiedSession, account: AccountRecord, newPassword: string): Promise<AccountRecord> {
    const next = { passwordHash: await this.passwords.hash(newPassword), securityStamp: newSecurityStamp() };
    if (!(await this.store.changePassword(account.userKey, account, next))) {
      throw new ConflictError();
    }
    await Promise.all([
      this.sessions.keepOnlyCurrent(session, { previous: account.securityStamp, next: next.securityStamp }),
      this.events.record('password.changed', account.userKey, { sessionId: session.sessionId }),
    ]);
    return account;
  }

  /** Deletes the account; every session ends with it, and their items are removed. */
  async deleteAccount(account: AccountRecord): Promise<void> {
    if (!(await this.store.deleteAccount(account.userKey, account))) throw new ConflictError();
    // The account's events stay until their TTL (an audit trail outlives what it records); a later
    // account of the same name never sees them (see SecurityEvents.history).
    await Promise.all([
      this.sessions.removeDeadSessions(account.userKey),
      this.events.record('account.deleted', account.userKey),
    ]);
    await Promise.all([this.removePasskeys(account.userKey), this.factors.removeAll(account.userKey)]);
    await this.cleanUp('directory', account.userKey, () => this.store.directory().remove(account.userKey, account.createdAt));
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

  /** Cleanup after the commit point: an entry left behind is skipped by listings. */
  private async cleanUp(what: string, userKey: string, operation: () => Promise<void>): Promise<void> {
    try {
      await operation();
    } catch (error) {
      this.logger.warn(
        { err: error, event: `${what}.cleanup_failed`, userKey },
        `removing a deleted account’s ${what} entry failed; listings skip it`,
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
