import type { Clock } from '../clock';
import { toEpochSeconds } from '../clock';
import { InvalidCredentialsError, UnauthenticatedError, UserExistsError } from '../errors';
import type { AuthStore } from '../store/store';
import type { PasswordHasher } from './passwords';
import type { IssuedSession, SessionService } from './sessions';
import type { TokenService } from './tokens';
import { usernameKey } from './usernames';

export interface Registration {
  name: string;
  username: string;
  password: string;
}

export interface Credentials {
  username: string;
  password: string;
}

/** Who is asking, recorded on the session so the user can recognise it later. */
export interface ClientInfo {
  userAgent?: string;
  ip?: string;
}

export interface Profile {
  username: string;
  name: string;
}

export interface LoginResult extends IssuedSession {
  profile: Profile;
}

export interface VerifiedSession {
  username: string;
  sessionId: string;
}

/** The rules of registering, signing in, checking and revoking sessions. */
export class AuthService {
  constructor(
    private readonly store: AuthStore,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
  ) {}

  async register({ name, username, password }: Registration): Promise<Profile> {
    const created = await this.store.createUser({
      userKey: usernameKey(username),
      username,
      name,
      passwordHash: await this.passwords.hash(password),
      createdAt: this.clock.now(),
    });
    if (!created) throw new UserExistsError();
    return { username, name };
  }

  async login({ username, password }: Credentials, client: ClientInfo): Promise<LoginResult> {
    const userKey = usernameKey(username);
    const user = await this.store.getUser(userKey);
    // Unknown users are checked against a dummy hash so both failures cost the same time.
    const passwordMatches = await this.passwords.verify(password, user?.passwordHash);
    if (user === null || !passwordMatches) throw new InvalidCredentialsError(user !== null);

    const session = await this.sessions.start(userKey, user.username, client);
    const { sessionId } = session;

    // The account may have been deleted or its password changed while we were hashing; those
    // operations revoke every session they can see, so a session written after them must go too.
    const current = await this.store.getUser(userKey);
    if (current === null || current.passwordHash !== user.passwordHash) {
      await this.store.deleteSession(userKey, sessionId, toEpochSeconds(this.clock.now()));
      throw new InvalidCredentialsError(current !== null);
    }
    return { ...session, profile: { username: user.username, name: user.name } };
  }

  /**
   * A token is good when its signature and claims check out and its session is still live; when the
   * caller names a username, it must be the token's subject.
   */
  async verify(token: string, expectedUsername?: string): Promise<VerifiedSession> {
    const session = await this.sessions.verifyAccess(token);
    if (expectedUsername !== undefined && usernameKey(expectedUsername) !== usernameKey(session.username)) {
      throw new UnauthenticatedError('Token does not belong to this user');
    }
    return session;
  }

  async logout(token: string): Promise<void> {
    const claims = this.tokens.verify(token);
    const revoked = await this.store.deleteSession(
      usernameKey(claims.sub),
      claims.sid,
      toEpochSeconds(this.clock.now()),
    );
    if (!revoked) throw new UnauthenticatedError();
  }
}
