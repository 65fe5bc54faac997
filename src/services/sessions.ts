import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { toEpochSeconds } from '../clock';
import { NotFoundError, RefreshTokenReusedError, UnauthenticatedError } from '../errors';
import type { Logger } from '../logger';
import type { AccountRecord, SessionRecord } from '../store/records';
import type { AuthStore, SessionWithAccount } from '../store/store';
import type { DerivedKeys } from './derived-keys';
import type { SecurityEvents } from './security-events';
import type { SignedToken, TokenService } from './tokens';
import { MAX_USERNAME_KEY_BYTES, usernameKey } from './usernames';

/**
 * The one owner of a session's life: start, verify, refresh, list, revoke one, revoke all, and the
 * rule for a session whose account is gone or whose credentials changed. Nothing else writes or
 * deletes session items.
 *
 * A session is one item per login, holding the hash of the one refresh secret that may be used next.
 * The refresh credential is `<base64url(userKey)>.<sessionId>.<secret>`, so it names its session item
 * directly (no lookup table, no Scan); only the secret's SHA-256 is stored.
 *
 * WHY NO SESSION OUTLIVES AN ACCOUNT DELETION OR A PASSWORD CHANGE (the security stamp)
 *
 * The account item carries `securityStamp`, a random value written when the account is created and
 * replaced, in the same single conditional write, whenever its credentials change (a password change
 * today) or an operator disables the account (src/services/admin.ts; a disabled account cannot sign in
 * again, so verify, refresh and the authorizer refuse it with no extra read). Every session item records
 * the stamp it was started under. A session is live only if
 *   (1) its item exists and has not expired, (2) its account item exists, and (3) the two stamps match;
 * verify, refresh and the authorizer read both items in ONE round trip (a consistent BatchGetItem).
 *
 * - Deleting the account is one conditional DeleteItem, and changing the password one conditional
 *   UpdateItem of the hash and a new stamp. That single write is the commit point: from the moment it
 *   succeeds, (2) or (3) fails for every session started before it, whatever happens next. Deleting the
 *   session items afterwards is only cleanup (so is TTL): a failure there, or a crash between the
 *   steps, leaves dead items, never live sessions. Before the commit nothing has changed at all.
 * - The password change keeps its caller's session by re-stamping that one item after the commit,
 *   conditionally on it still holding the old stamp. If that write fails the caller's session is dead
 *   like the others and they sign in again: it fails closed.
 * - A login racing a change read the account (and its stamp) before the commit and writes its session
 *   with that stamp after: the session is born dead, by (2) or (3). So login no longer re-reads the
 *   account and undoes itself; there is no window in which such a session verifies.
 * - Re-registering a deleted username writes a fresh random stamp, so the old sessions' stamps never
 *   match again, even if their items are still there.
 * - Stamps are only ever replaced by new random values (128 bits), never restored, so a stamp that has
 *   stopped matching never matches again.
 * When the app (not the authorizer, whose role only reads) meets a dead session, it removes the user's
 * dead session items then and there, as lucia does for a session whose user is gone.
 */

/** Who is asking, recorded on the session so the user can recognise it later. */
export interface ClientInfo {
  userAgent?: string;
  ip?: string;
}

/** A live session, as verify establishes it: what routes and the authorizer need of it. */
export interface VerifiedSession {
  /** The account's key (normalised username). */
  userKey: string;
  /** The username as the user spells it. */
  username: string;
  sessionId: string;
  /** How the session was authenticated: RFC 8176 `amr` values. */
  amr: string[];
}

/** The account a session is started for: the stamp it is started under comes from the read that checked the credentials. */
export type SessionOwner = Pick<AccountRecord, 'userKey' | 'username' | 'securityStamp'>;

/**
 * RFC 8176 authentication method reference values the service issues: a password, with a TOTP code
 * (`otp`) or a recovery code (`rcode`) as the second factor; a passkey is `hwk`/`swk` with `user`.
 */
export const AMR = { password: 'pwd', otp: 'otp', recoveryCode: 'rcode' } as const;

export interface SessionSettings {
  /** A session ends this long after its last login or refresh. */
  idleTimeoutSeconds: number;
  /** …and at the latest this long after its login, however often it is refreshed. */
  absoluteLifetimeSeconds: number;
  /** How long the refresh credential a rotation just replaced still gets that rotation's answer (0: never). */
  refreshReuseGraceSeconds: number;
}

export interface IssuedSession extends SignedToken {
  sessionId: string;
  username: string;
  refreshToken: string;
  /** Epoch seconds: when the session ends unless refreshed (idle timeout, capped by the absolute lifetime). */
  refreshExpiresAt: number;
}

/** Whose account a sign-in opened, as the sign-in answers show it. */
export interface Profile {
  username: string;
  name: string;
}

/** A completed sign-in (a password, a password and a second factor, or a passkey): the session and its account. */
export interface LoginResult extends IssuedSession {
  profile: Profile;
}

export interface SessionView {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  amr: string[];
  current: boolean;
}

export interface SessionServiceOptions {
  store: AuthStore;
  tokens: TokenService;
  settings: SessionSettings;
  clock: Clock;
  /** The refresh secrets are derived from these (see `refresh`). */
  keys: DerivedKeys;
  /**
   * Given, meeting a dead session removes the user's dead session items, and a failed cleanup is logged
   * here; left out where the role may only read (the authorizer).
   */
  cleanup?: { logger: Logger };
  /** Where logouts, revocations and refresh reuse are recorded; left out by the authorizer. */
  events?: SecurityEvents;
}

const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Long enough for any userKey we accept (256 characters, up to 4 UTF-8 bytes each) plus the rest. */
export const MAX_REFRESH_TOKEN_LENGTH = 1500;

const newSessionId = (): string => randomBytes(16).toString('base64url');
const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

/** A new security stamp: written on account creation and on every credential change (see above). */
export const newSecurityStamp = (): string => randomBytes(16).toString('base64url');

interface RefreshCredential {
  userKey: string;
  sessionId: string;
  secret: string;
}

function encodeCredential({ userKey, sessionId, secret }: RefreshCredential): string {
  return `${Buffer.from(userKey, 'utf8').toString('base64url')}.${sessionId}.${secret}`;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeCredential(token: string): RefreshCredential | null {
  if (token.length > MAX_REFRESH_TOKEN_LENGTH) return null;
  const [encodedUserKey, sessionId, secret, ...rest] = token.split('.');
  if (encodedUserKey === undefined || sessionId === undefined || secret === undefined || rest.length > 0) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(encodedUserKey) || !SESSION_ID_PATTERN.test(sessionId) || !SECRET_PATTERN.test(secret)) {
    return null;
  }
  // The key must be what a login could have written: valid UTF-8 of a bounded size. Decoding bad bytes
  // leniently would turn each into a 3-byte U+FFFD, past DynamoDB's key size (a ValidationException, a 500).
  const keyBytes = Buffer.from(encodedUserKey, 'base64url');
  if (keyBytes.length === 0 || keyBytes.length > MAX_USERNAME_KEY_BYTES) return null;
  let userKey: string;
  try {
    userKey = STRICT_UTF8.decode(keyBytes);
  } catch {
    return null;
  }
  return { userKey, sessionId, secret };
}

export const isSessionId = (value: string): boolean => SESSION_ID_PATTERN.test(value);

const isUnexpired = (session: SessionRecord, nowSeconds: number): boolean => session.expiresAt > nowSeconds;

/** The rule (1)-(3) above: the live session, or null. */
function liveSession({ session, accountStamp }: SessionWithAccount, nowSeconds: number): SessionRecord | null {
  if (session === null || !isUnexpired(session, nowSeconds)) return null;
  return accountStamp !== null && accountStamp === session.securityStamp ? session : null;
}

/** An unexpired item that the rule refuses: its account is gone or its credentials changed. */
const isDead = (found: SessionWithAccount, nowSeconds: number): boolean =>
  found.session !== null && isUnexpired(found.session, nowSeconds) && liveSession(found, nowSeconds) === null;

const REFRESH_REFUSED = 'Invalid or expired refresh token';
/** A new session's refresh secret; 0 stands for a random secret, from before derived ones. */
const FIRST_GENERATION = 1;

export class SessionService {
  private readonly store: AuthStore;
  private readonly tokens: TokenService;
  private readonly settings: SessionSettings;
  private readonly clock: Clock;
  private readonly cleanup: { logger: Logger } | undefined;
  private readonly keys: DerivedKeys;
  private readonly events: SecurityEvents | undefined;

  constructor(options: SessionServiceOptions) {
    this.events = options.events;
    this.store = options.store;
    this.tokens = options.tokens;
    this.settings = options.settings;
    this.clock = options.clock;
    this.cleanup = options.cleanup;
    this.keys = options.keys;
  }

  /** Writes a new session item under the owner's stamp and issues its first access token and refresh credential. */
  async start(owner: SessionOwner, amr: readonly string[], client: ClientInfo): Promise<IssuedSession> {
    const now = this.clock.now();
    const nowSeconds = toEpochSeconds(now);
    const sessionId = newSessionId();
    const { id: refreshKeyId } = this.keys.current('refresh-secret');
    const secret = this.refreshSecret(refreshKeyId, sessionId, FIRST_GENERATION);
    const absoluteExpiresAt = nowSeconds + this.settings.absoluteLifetimeSeconds;
    const session: SessionRecord = {
      userKey: owner.userKey,
      sessionId,
      username: owner.username,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: Math.min(nowSeconds + this.settings.idleTimeoutSeconds, absoluteExpiresAt),
      absoluteExpiresAt,
      refreshHash: hashSecret(secret),
      refreshGeneration: FIRST_GENERATION,
      refreshKeyId,
      securityStamp: owner.securityStamp,
      amr: [...amr],
      ...client,
    };
    await this.store.putSession(session);
    return this.issue(session, secret, nowSeconds);
  }

  /**
   * An access token is good when its signature and claims check out and its session is live (one
   * BatchGetItem); when the caller names a username, it must be the token's subject.
   */
  async verifyAccess(token: string, expectedUsername?: string): Promise<VerifiedSession> {
    const claims = this.tokens.verify(token);
    const userKey = usernameKey(claims.sub);
    const session = await this.liveOrRefused(userKey, claims.sid, () => new UnauthenticatedError());
    if (expectedUsername !== undefined && usernameKey(expectedUsername) !== userKey) {
      throw new UnauthenticatedError('Token does not belong to this user');
    }
    return { userKey, username: claims.sub, sessionId: claims.sid, amr: session.amr };
  }

  /**
   * Exchanges a refresh credential for a new access token and a new credential. Each credential works
   * once, with one exception for two tabs (or a retry after a lost answer) refreshing with the same
   * credential at once: for `refreshReuseGraceSeconds` after a rotation, the credential it replaced
   * gets the same answer the rotation gave, so every caller ends up with one and the same session
   * state. Nothing secret is stored for that: generation g's secret is an HMAC, under a key derived
   * from the signing material, of (session id, g), and the answer's access token is signed with the
   * rotation's own issue time, so both are made again exactly.
   *
   * Any other credential that is no longer current (outside the window, two or more generations old,
   * or one never issued) revokes the whole session: a copy of it is in someone else's hands.
   */
  async refresh(refreshToken: string): Promise<IssuedSession> {
    const credential = decodeCredential(refreshToken);
    if (credential === null) throw new UnauthenticatedError(REFRESH_REFUSED);
    const { userKey, sessionId, secret } = credential;
    const refused = () => new UnauthenticatedError(REFRESH_REFUSED);
    let session = await this.liveOrRefused(userKey, sessionId, refused);
    const nowSeconds = toEpochSeconds(this.clock.now());
    const presentedHash = hashSecret(secret);
    if (session.refreshHash === presentedHash) {
      const rotated = await this.rotate(session, presentedHash);
      if (rotated !== null) return rotated;
      // Another request rotated this same credential between our read and our write.
      session = await this.liveOrRefused(userKey, sessionId, refused);
    }
    const repeated = this.repeatedRotation(session, presentedHash, nowSeconds);
    if (repeated !== null) return repeated;
    const revoked = await this.store.deleteSession(userKey, sessionId, nowSeconds);
    if (revoked) {
      await this.events?.record('refresh.reused', userKey, { sessionId });
      throw new RefreshTokenReusedError(userKey);
    }
    throw refused();
  }

  /** Replaces the current secret by the next generation's; null when another request did first. */
  private async rotate(session: SessionRecord, presentedHash: string): Promise<IssuedSession | null> {
    const now = this.clock.now();
    const nowSeconds = toEpochSeconds(now);
    const nextGeneration = session.refreshGeneration + 1;
    const { id: nextKeyId } = this.keys.current('refresh-secret');
    const nextSecret = this.refreshSecret(nextKeyId, session.sessionId, nextGeneration);
    const expiresAt = Math.min(nowSeconds + this.settings.idleTimeoutSeconds, session.absoluteExpiresAt);
    const rotated = await this.store.rotateRefresh(session.userKey, session.sessionId, {
      presentedHash,
      nextHash: hashSecret(nextSecret),
      nextGeneration,
      nextKeyId,
      lastUsedAt: now,
      expiresAt,
      nowSeconds,
    });
    if (!rotated) return null;
    return this.issue({ ...session, lastUsedAt: now, expiresAt }, nextSecret, nowSeconds);
  }

  /**
   * Within the grace window, the credential the last rotation replaced gets that rotation's answer,
   * made again: the same refresh credential, and the same access token (for HS256 byte for byte; ES256
   * signatures are randomised, so there the same claims under a new signature). Null otherwise.
   */
  private repeatedRotation(session: SessionRecord, presentedHash: string, nowSeconds: number): IssuedSession | null {
    const { previousRefreshHash, rotatedAt, refreshKeyId } = session;
    const grace = this.settings.refreshReuseGraceSeconds;
    if (grace === 0 || previousRefreshHash !== presentedHash || rotatedAt === undefined || refreshKeyId === undefined)
      return null;
    if (nowSeconds - rotatedAt > grace) return null;
    const secret = this.refreshSecret(refreshKeyId, session.sessionId, session.refreshGeneration);
    // A key no longer configured cannot make it again; nor can anything but the stored generation's.
    if (secret === null || hashSecret(secret) !== session.refreshHash) return null;
    return this.issue(session, secret, rotatedAt);
  }

  /** Generation `generation`'s refresh secret of a session, under the derived key `keyId` (null when that key is gone). */
  private refreshSecret(keyId: string, sessionId: string, generation: number): string;
  private refreshSecret(keyId: string, sessionId: string, generation: number): string | null;
  private refreshSecret(keyId: string, sessionId: string, generation: number): string | null {
    const key = this.keys.byId(keyId, 'refresh-secret');
    if (key === undefined) return null;
    return createHmac('sha256', key).update(`${sessionId}.${generation}`).digest('base64url');
  }

  /** The user's live sessions, most recently used first (an operator's listing has no current session). */
  async list(current: Pick<VerifiedSession, 'userKey'> & { sessionId?: string }): Promise<SessionView[]> {
    const nowSeconds = toEpochSeconds(this.clock.now());
    const { sessions, accountStamp } = await this.store.getUserSessions(current.userKey);
    return sessions
      .filter((session) => liveSession({ session, accountStamp }, nowSeconds) !== null)
      .sort((a, b) => b.lastUsedAt - a.lastUsedAt)
      .map((session) => ({
        id: session.sessionId,
        createdAt: new Date(session.createdAt).toISOString(),
        lastUsedAt: new Date(session.lastUsedAt).toISOString(),
        expiresAt: new Date(session.expiresAt * 1000).toISOString(),
        userAgent: session.userAgent ?? null,
        ip: session.ip ?? null,
        amr: session.amr,
        current: session.sessionId === current.sessionId,
      }));
  }

  /**
   * Signs out the session of an access token: one conditional delete and no read, since deleting a
   * session item is safe whatever its account's state; 401 when there was no unexpired item.
   */
  async logout(token: string): Promise<void> {
    const claims = this.tokens.verify(token);
    const userKey = usernameKey(claims.sub);
    const deleted = await this.store.deleteSession(userKey, claims.sid, toEpochSeconds(this.clock.now()));
    if (!deleted) throw new UnauthenticatedError();
    await this.events?.record('logout', userKey, { sessionId: claims.sid });
  }

  /** Revokes one of the user's sessions (one conditional delete, as logout); 404 when there is no such unexpired item. */
  async revoke(current: VerifiedSession, sessionId: string): Promise<void> {
    const revoked =
      isSessionId(sessionId) && (await this.store.deleteSession(current.userKey, sessionId, toEpochSeconds(this.clock.now())));
    if (!revoked) throw new NotFoundError('Session not found');
    await this.events?.record('session.revoked', current.userKey, { sessionId, bySession: current.sessionId });
  }

  /** Deletes every session item of the user; returns how many of them were live sessions. */
  async revokeAll(current: Pick<VerifiedSession, 'userKey'>): Promise<number> {
    const nowSeconds = toEpochSeconds(this.clock.now());
    const { sessions, accountStamp } = await this.store.getUserSessions(current.userKey);
    const live = sessions.filter((session) => liveSession({ session, accountStamp }, nowSeconds) !== null).length;
    await Promise.all([
      this.store.deleteSessions(
        current.userKey,
        sessions.map((session) => session.sessionId),
      ),
      this.events?.record('sessions.revoked_all', current.userKey, { count: live }),
    ]);
    return live;
  }

  /**
   * After a password change has committed the account's new stamp: moves the caller's session to it,
   * then removes the sessions left on the old stamp. If the re-stamp fails, the error goes to the
   * caller, whose session is then dead like the others (they sign in again).
   */
  async keepOnlyCurrent(current: VerifiedSession, stamps: { previous: string; next: string }): Promise<void> {
    await this.store.restampSession(current.userKey, current.sessionId, {
      expectedStamp: stamps.previous,
      nextStamp: stamps.next,
      nowSeconds: toEpochSeconds(this.clock.now()),
    });
    await this.removeDeadSessions(current.userKey);
  }

  /**
   * Deletes the user's session items that the rule refuses (every one once the account is gone).
   * Only cleanup, after the commit point: a failure is logged, and the items stay dead until TTL or
   * the next time one is presented.
   */
  async removeDeadSessions(userKey: string): Promise<void> {
    try {
      const { sessions, accountStamp } = await this.store.getUserSessions(userKey);
      const dead = sessions.filter((session) => accountStamp === null || session.securityStamp !== accountStamp);
      await this.store.deleteSessions(
        userKey,
        dead.map((session) => session.sessionId),
      );
    } catch (error) {
      const log = this.cleanup?.logger;
      if (log === undefined) throw error;
      log.warn({ err: error, event: 'sessions.cleanup_failed', userKey }, 'removing dead sessions failed; they stay refused');
    }
  }

  /** The live session, or the refusal `refused` makes; a dead one is also cleaned up (where this service may write). */
  private async liveOrRefused(userKey: string, sessionId: string, refused: () => Error): Promise<SessionRecord> {
    const nowSeconds = toEpochSeconds(this.clock.now());
    const found = await this.store.getSessionWithAccount(userKey, sessionId);
    const session = liveSession(found, nowSeconds);
    if (session !== null) return session;
    if (this.cleanup !== undefined && isDead(found, nowSeconds)) await this.removeDeadSessions(userKey);
    throw refused();
  }

  /** `nowSeconds` is the same instant the session's expiry was computed from, so cookie lifetimes are exact. */
  private issue(session: SessionRecord, secret: string, nowSeconds: number): IssuedSession {
    const signed = this.tokens.sign({ username: session.username, sessionId: session.sessionId, amr: session.amr }, nowSeconds);
    return {
      ...signed,
      sessionId: session.sessionId,
      username: session.username,
      refreshToken: encodeCredential({ userKey: session.userKey, sessionId: session.sessionId, secret }),
      refreshExpiresAt: session.expiresAt,
    };
  }
}
