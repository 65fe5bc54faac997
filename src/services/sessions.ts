import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { toEpochSeconds } from '../clock';
import type { Config } from '../config';
import { NotFoundError, RefreshTokenReusedError, UnauthenticatedError } from '../errors';
import type { AuthStore, SessionRecord } from '../store/store';
import type { ClientInfo, VerifiedSession } from './auth';
import type { SignedToken, TokenService } from './tokens';
import { MAX_USERNAME_KEY_BYTES, usernameKey } from './usernames';

/**
 * Sessions: one item per login, holding the hash of the one refresh secret that may be used next.
 * The refresh credential is `<base64url(userKey)>.<sessionId>.<secret>`, so it names its session
 * item directly (one GetItem, no lookup table, no Scan); only the secret's SHA-256 is stored.
 */

export interface IssuedSession extends SignedToken {
  sessionId: string;
  username: string;
  refreshToken: string;
  /** Epoch seconds: when the session ends unless refreshed (idle timeout, capped by the absolute lifetime). */
  refreshExpiresAt: number;
}

export interface SessionView {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

const SECRET_BYTES = 32;
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Long enough for any userKey we accept (256 characters, up to 4 UTF-8 bytes each) plus the rest. */
export const MAX_REFRESH_TOKEN_LENGTH = 1500;

const newSessionId = (): string => randomBytes(16).toString('base64url');
const newSecret = (): string => randomBytes(SECRET_BYTES).toString('base64url');
const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

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

export class SessionService {
  constructor(
    private readonly store: AuthStore,
    private readonly tokens: TokenService,
    private readonly settings: Config['sessions'],
    private readonly clock: Clock,
  ) {}

  /** Writes a new session item and issues its first access token and refresh credential. */
  async start(userKey: string, username: string, client: ClientInfo): Promise<IssuedSession> {
    const now = this.clock.now();
    const nowSeconds = toEpochSeconds(now);
    const sessionId = newSessionId();
    const secret = newSecret();
    const absoluteExpiresAt = nowSeconds + this.settings.absoluteLifetimeSeconds;
    const expiresAt = Math.min(nowSeconds + this.settings.idleTimeoutSeconds, absoluteExpiresAt);
    const session: SessionRecord = {
      userKey,
      sessionId,
      username,
      createdAt: now,
      lastUsedAt: now,
      expiresAt,
      absoluteExpiresAt,
      refreshHash: hashSecret(secret),
      ...client,
    };
    await this.store.putSession(session);
    return this.issue(session, secret, nowSeconds);
  }

  /**
   * An access token is good when its signature and claims check out and its session item is still
   * live (one GetItem; an item past its idle or absolute end counts as absent).
   */
  async verifyAccess(token: string): Promise<VerifiedSession> {
    const claims = this.tokens.verify(token);
    const session = await this.store.getSession(usernameKey(claims.sub), claims.sid, toEpochSeconds(this.clock.now()));
    if (session === null) throw new UnauthenticatedError();
    return { username: claims.sub, sessionId: claims.sid };
  }

  /**
   * Exchanges a refresh credential for a new access token and a new credential. Each credential works
   * once: presenting one that is no longer current (already used, or raced by a concurrent use of the
   * same one) revokes the whole session, since a copy of it is in someone else's hands.
   */
  async refresh(refreshToken: string): Promise<IssuedSession> {
    const credential = decodeCredential(refreshToken);
    if (credential === null) throw new UnauthenticatedError('Invalid or expired refresh token');
    const { userKey, sessionId, secret } = credential;
    const now = this.clock.now();
    const nowSeconds = toEpochSeconds(now);

    const session = await this.store.getSession(userKey, sessionId, nowSeconds);
    if (session === null) throw new UnauthenticatedError('Invalid or expired refresh token');
    const presentedHash = hashSecret(secret);
    if (session.refreshHash !== presentedHash) {
      await this.store.deleteSession(userKey, sessionId, nowSeconds);
      throw new RefreshTokenReusedError();
    }

    const nextSecret = newSecret();
    const expiresAt = Math.min(nowSeconds + this.settings.idleTimeoutSeconds, session.absoluteExpiresAt);
    const rotated = await this.store.rotateRefresh(userKey, sessionId, {
      presentedHash,
      nextHash: hashSecret(nextSecret),
      lastUsedAt: now,
      expiresAt,
      nowSeconds,
    });
    if (!rotated) {
      // Another request used this same credential between our read and our write.
      const revoked = await this.store.deleteSession(userKey, sessionId, nowSeconds);
      if (revoked) throw new RefreshTokenReusedError();
      throw new UnauthenticatedError('Invalid or expired refresh token');
    }
    return this.issue({ ...session, lastUsedAt: now, expiresAt }, nextSecret, nowSeconds);
  }

  async list(userKey: string, currentSessionId: string): Promise<SessionView[]> {
    const sessions = await this.store.listSessions(userKey, toEpochSeconds(this.clock.now()));
    return sessions
      .sort((a, b) => b.lastUsedAt - a.lastUsedAt)
      .map((session) => ({
        id: session.sessionId,
        createdAt: new Date(session.createdAt).toISOString(),
        lastUsedAt: new Date(session.lastUsedAt).toISOString(),
        expiresAt: new Date(session.expiresAt * 1000).toISOString(),
        userAgent: session.userAgent ?? null,
        ip: session.ip ?? null,
        current: session.sessionId === currentSessionId,
      }));
  }

  /** Revokes one of the user's sessions; 404 when it is not a live session of theirs. */
  async revoke(userKey: string, sessionId: string): Promise<void> {
    const revoked = isSessionId(sessionId) && (await this.store.deleteSession(userKey, sessionId, toEpochSeconds(this.clock.now())));
    if (!revoked) throw new NotFoundError('Session not found');
  }

  /** Revokes every session of the user, except `keepSessionId` when given; returns how many went. */
  async revokeAll(userKey: string, keepSessionId?: string): Promise<number> {
    return this.store.deleteSessions(userKey, keepSessionId);
  }

  /** `nowSeconds` is the same instant the session's expiry was computed from, so cookie lifetimes are exact. */
  private issue(session: SessionRecord, secret: string, nowSeconds: number): IssuedSession {
    const signed = this.tokens.sign(session.username, session.sessionId, nowSeconds);
    return {
      ...signed,
      sessionId: session.sessionId,
      username: session.username,
      refreshToken: encodeCredential({ userKey: session.userKey, sessionId: session.sessionId, secret }),
      refreshExpiresAt: session.expiresAt,
    };
  }
}
