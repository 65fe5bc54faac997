import { ConflictError, UnauthenticatedError } from '../errors';
import type { Logger } from '../logger';
import type { AuthStore } from '../store/store';
import type { AuthService } from './auth';
import type { PasskeyService } from './passkeys';
import type { PasswordHasher } from './passwords';
import { newSecurityStamp, type SessionService, type VerifiedSession } from './sessions';

export interface AccountProfile {
  username: string;
  name: string;
  createdAt: string;
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
    return { username: account.username, name: account.name, createdAt: new Date(account.createdAt).toISOString() };
  }

  /** Sets a new password, keeps the calling session and ends every other one. */
  async changePassword(session: VerifiedSession, currentPassword: string, newPassword: string): Promise<void> {
    const account = await this.auth.confirmPassword(session.userKey, currentPassword);
    const next = { passwordHash: await this.passwords.hash(newPassword), securityStamp: newSecurityStamp() };
    if (!(await this.store.changePassword(account.userKey, account, next))) {
      throw new ConflictError();
    }
    await this.sessions.keepOnlyCurrent(session, { previous: account.securityStamp, next: next.securityStamp });
  }

  /** Deletes the account; every session ends with it, and their items are removed. */
  async deleteAccount(session: VerifiedSession, password: string): Promise<void> {
    const account = await this.auth.confirmPassword(session.userKey, password);
    if (!(await this.store.deleteAccount(account.userKey, account))) throw new ConflictError();
    await this.sessions.removeDeadSessions(account.userKey);
    await this.removePasskeys(account.userKey);
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
