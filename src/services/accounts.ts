import { ConflictError, UnauthenticatedError, WrongPasswordError } from '../errors';
import type { AuthStore, UserRecord } from '../store/store';
import type { VerifiedSession } from './auth';
import type { PasswordHasher } from './passwords';
import type { SessionService } from './sessions';
import { usernameKey } from './usernames';

export interface AccountProfile {
  username: string;
  name: string;
  createdAt: string;
}

/**
 * Changes to the signed-in user's own account. Both changes write the account item first and only
 * then revoke sessions: a login racing them re-reads the account after writing its session (see
 * AuthService.login) and undoes itself, so no session survives that the user did not keep.
 */
export class AccountService {
  constructor(
    private readonly store: AuthStore,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
  ) {}

  async profile(session: VerifiedSession): Promise<AccountProfile> {
    const user = await this.currentUser(session);
    return { username: user.username, name: user.name, createdAt: new Date(user.createdAt).toISOString() };
  }

  /** Sets a new password, keeps the calling session and revokes every other one. */
  async changePassword(session: VerifiedSession, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.confirmedUser(session, currentPassword);
    const changed = await this.store.updatePasswordHash(user.userKey, user.passwordHash, await this.passwords.hash(newPassword));
    if (!changed) throw new ConflictError('The account changed meanwhile; please try again');
    await this.sessions.revokeAll(user.userKey, session.sessionId);
  }

  /** Deletes the account and every session; its tokens stop working at once. */
  async deleteAccount(session: VerifiedSession, password: string): Promise<void> {
    const user = await this.confirmedUser(session, password);
    const deleted = await this.store.deleteUser(user.userKey, user.passwordHash);
    if (!deleted) throw new ConflictError('The account changed meanwhile; please try again');
    await this.sessions.revokeAll(user.userKey);
  }

  private async currentUser(session: VerifiedSession): Promise<UserRecord> {
    const userKey = usernameKey(session.username);
    const user = await this.store.getUser(userKey);
    if (user === null) {
      // A live session without an account: a deletion is in progress, or it failed after deleting the
      // account and before revoking every session. Finish the revocation so no such session lingers.
      await this.sessions.revokeAll(userKey);
      throw new UnauthenticatedError();
    }
    return user;
  }

  private async confirmedUser(session: VerifiedSession, password: string): Promise<UserRecord> {
    const user = await this.currentUser(session);
    if (!(await this.passwords.verify(password, user.passwordHash))) throw new WrongPasswordError();
    return user;
  }
}
