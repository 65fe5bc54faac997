import { NotFoundError, ValidationError } from '../errors';
import type { Logger } from '../logger';
import type { AccountRecord } from '../store/records';
import type { AuthStore } from '../store/store';
import type { AccountService } from './accounts';
import type { AttemptLimiter } from './attempt-limits';
import { addressProblem, normaliseAddress, sameAddress } from './email-addresses';
import { EVENT_PAGE_MAX, type SecurityEventPage, type SecurityEvents } from './security-events';
import { newSecurityStamp, type SessionService, type SessionView } from './sessions';
import { MAX_USERNAME_KEY_BYTES, usernameKey } from './usernames';

/**
 * What operators do to accounts (the admin CLI, src/admin.ts, and the admin API, src/routes/admin.ts,
 * both call this and nothing else). Every change is recorded with who made it (`actor`), in one place:
 * `record` below.
 */

/** Who made an admin change: `cli:<user>@<host>`, `api-key`, or `iam:<principal ARN>`. */
export type AdminActor = string;

export type AdminAction = 'disable' | 'enable' | 'sign-out' | 'unlock' | 'delete';

/** One account as an operator sees it: never its password hash or security stamp. */
export interface AdminUserView {
  username: string;
  name: string;
  /** ISO 8601. */
  createdAt: string;
  disabled: boolean;
}

/** One account in full: its view and how many live sessions it has. */
export interface AdminUserDetails extends AdminUserView {
  sessions: number;
}

export interface AdminUserPage {
  users: AdminUserView[];
  /** Pass as `after` for the next page; null on the last one. */
  next: string | null;
}

export interface AdminUserQuery {
  /** Usernames starting with this (compared as the identity keys are: case-insensitively, after normalisation). */
  prefix?: string | undefined;
  /** The `next` of the previous page. */
  after?: string | undefined;
  limit?: number | undefined;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
/** Items per Scan page of a reindex. */
const REINDEX_PAGE_SIZE = 500;
const USER_NOT_FOUND = 'User not found';

export function adminUserView(account: Pick<AccountRecord, 'username' | 'name' | 'createdAt' | 'disabled'>): AdminUserView {
  return {
    username: account.username,
    name: account.name,
    createdAt: new Date(account.createdAt).toISOString(),
    disabled: account.disabled === true,
  };
}

export class AdminService {
  constructor(
    private readonly store: AuthStore,
    private readonly sessions: SessionService,
    private readonly accounts: AccountService,
    private readonly limiter: AttemptLimiter,
    private readonly events: SecurityEvents,
    private readonly logger: Logger,
  ) {}

  /** A page of users in key order, from the user directory (no Scan). */
  async list({ prefix, after, limit = DEFAULT_PAGE_SIZE }: AdminUserQuery = {}): Promise<AdminUserPage> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
      throw new ValidationError('limit', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
    for (const [field, value] of [
      ['prefix', prefix],
      ['after', after],
    ] as const) {
      if (
        value !== undefined &&
        (value.length > MAX_USERNAME_KEY_BYTES || Buffer.byteLength(value, 'utf8') > MAX_USERNAME_KEY_BYTES)
      ) {
        throw new ValidationError(field, 'is too long');
      }
    }
    const page = await this.store.directory().list({
      ...(prefix === undefined || prefix === '' ? {} : { prefix: usernameKey(prefix) }),
      ...(after === undefined || after === '' ? {} : { after }),
      limit,
    });
    return { users: page.users.map(adminUserView), next: page.next };
  }

  /**
   * Adds the accounts created before the user directory to it: a Scan of the whole table, a page at a
   * time (an operator's one-off command after upgrading, never part of a request).
   */
  async reindex(onPage?: (scanned: number, added: number) => void): Promise<number> {
    return this.store.directory().reindex(REINDEX_PAGE_SIZE, onPage);
  }

  /** The account a username (or its verified address) names, with its live session count; 404 when there is none. */
  async show(username: string): Promise<AdminUserDetails> {
    const account = await this.account(username);
    const sessions = await this.sessions.list({ userKey: account.userKey });
    return { ...adminUserView(account), sessions: sessions.length };
  }

  /** The user's live sessions, most recently used first. */
  async sessionsOf(username: string): Promise<SessionView[]> {
    const account = await this.account(username);
    return this.sessions.list({ userKey: account.userKey });
  }

  /** One page of the user's security events (their audit trail), newest first, as GET /me/events shows them. */
  async eventsOf(
    username: string,
    page: { cursor?: string | undefined; limit?: number | undefined },
  ): Promise<SecurityEventPage> {
    if (page.limit !== undefined && (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > EVENT_PAGE_MAX))
      throw new ValidationError('limit', `must be a whole number from 1 to ${EVENT_PAGE_MAX}`);
    const account = await this.account(username);
    return this.events.history(account.userKey, page);
  }

  /** Ends every session of the user (a stolen device); returns how many were live. */
  async signOut(username: string, actor: AdminActor): Promise<number> {
    const account = await this.account(username);
    const revoked = await this.sessions.revokeAll({ userKey: account.userKey });
    await this.record('sign-out', actor, account.userKey);
    return revoked;
  }

  /** Clears the account's brute-force lockout (see AttemptLimiter.unlock). */
  async unlock(username: string, actor: AdminActor): Promise<void> {
    const account = await this.account(username);
    await this.limiter.unlock(account.userKey);
    await this.record('unlock', actor, account.userKey);
  }

  /** Deletes the account and everything that hangs on it, as the user's own deletion does. */
  async delete(username: string, actor: AdminActor): Promise<void> {
    const account = await this.account(username);
    await this.accounts.deleteAccount(account);
    await this.record('delete', actor, account.userKey);
  }

  /**
   * Disables the account: it can no longer sign in (ACCOUNT_DISABLED, after the right password), and
   * every session ends at once. Both come from one conditional write of the account item (the disabled
   * flag and a new security stamp, see src/services/sessions.ts); deleting the dead session items after
   * it is only cleanup.
   */
  async disable(username: string, actor: AdminActor): Promise<AdminUserView> {
    const { userKey } = await this.account(username);
    if (!(await this.store.disableAccount(userKey, newSecurityStamp()))) throw new NotFoundError(USER_NOT_FOUND);
    await this.sessions.removeDeadSessions(userKey);
    await this.record('disable', actor, userKey);
    return adminUserView(await this.account(username));
  }

  /** Lets a disabled account sign in again; the sessions it had stay ended. */
  async enable(username: string, actor: AdminActor): Promise<AdminUserView> {
    const { userKey } = await this.account(username);
    if (!(await this.store.enableAccount(userKey))) throw new NotFoundError(USER_NOT_FOUND);
    await this.record('enable', actor, userKey);
    return adminUserView(await this.account(username));
  }

  /**
   * The account a username names, else (usernames may contain "@", so the name is tried first) the
   * account that verified it as its address; 404 when neither.
   */
  private async account(usernameOrAddress: string): Promise<AccountRecord> {
    const account = await this.store.getAccount(this.userKeyOf(usernameOrAddress));
    if (account !== null) return account;
    const byAddress = addressProblem(usernameOrAddress) === null ? await this.accountByAddress(usernameOrAddress) : null;
    if (byAddress === null) throw new NotFoundError(USER_NOT_FOUND);
    return byAddress;
  }

  /** The account holding a verified address: the claim's owner, while that account still names the address. */
  private async accountByAddress(rawAddress: string): Promise<AccountRecord | null> {
    const address = normaliseAddress(rawAddress);
    const owner = await this.store.email().addressOwner(address);
    if (owner === null) return null;
    const account = await this.store.getAccount(owner);
    return account !== null && sameAddress(account.verifiedEmail, address) ? account : null;
  }

  /** The account key of a username; a name no account can have (too long for a key) is simply not found. */
  private userKeyOf(username: string): string {
    if (username.length === 0 || username.length > MAX_USERNAME_KEY_BYTES) throw new NotFoundError(USER_NOT_FOUND);
    const userKey = usernameKey(username);
    if (userKey.length === 0 || Buffer.byteLength(userKey, 'utf8') > MAX_USERNAME_KEY_BYTES)
      throw new NotFoundError(USER_NOT_FOUND);
    return userKey;
  }

  /**
   * The one place an admin action is recorded, with who did it: a log line and the user's audit trail (security-events.ts).
   * Called after the change has committed.
   */
  private async record(action: AdminAction, actor: AdminActor, userKey: string): Promise<void> {
    this.logger.info({ event: `admin.${action}`, actor, username: userKey }, `admin: ${action}`);
    await this.events.record('admin.action', userKey, { actor, action });
  }
}
