import type { Clock } from '../clock';
import {
  AccountDisabledError,
  AppError,
  InvalidCredentialsError,
  UnauthenticatedError,
  UserExistsError,
  WrongPasswordError,
} from '../errors';
import type { AccountRecord } from '../store/records';
import type { AuthStore } from '../store/store';
import { sameAddress } from './email-addresses';
import type { MfaChallenge, MfaLoginService } from './mfa-login';
import type { PasskeySignIn } from './passkeys';
import type { PasswordHasher } from './passwords';
import type { SecondFactorService } from './second-factors';
import type { SecurityEvents } from './security-events';
import { AMR, type ClientInfo, type LoginResult, newSecurityStamp, type Profile, type SessionService } from './sessions';
import { usernameKey } from './usernames';

export interface Registration {
  name: string;
  username: string;
  password: string;
  /** Stored unverified (normalised), with the hash of the verification token mailed to it. */
  email?: { address: string; tokenHash: string } | undefined;
}

export interface Credentials {
  username: string;
  password: string;
  /** Signing in by address: the account named by `username` must have verified this one. */
  verifiedEmail?: string | undefined;
}

/** A password sign-in: a session, or, for an account with a second factor, the second step to take. */
export type LoginOutcome = LoginResult | MfaChallenge;

export const needsSecondStep = (outcome: LoginOutcome): outcome is MfaChallenge => 'mfaRequired' in outcome;

/** Credentials: registering, checking a password, and signing in (which hands over to the session service). */
export class AuthService {
  constructor(
    private readonly store: AuthStore,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
    private readonly secondStep: { factors: SecondFactorService; logins: MfaLoginService },
    private readonly events: SecurityEvents,
  ) {}

  async register({ name, username, password, email }: Registration): Promise<Profile> {
    const created = await this.store.createAccount({
      userKey: usernameKey(username),
      username,
      name,
      passwordHash: await this.passwords.hash(password),
      createdAt: this.clock.now(),
      // Fresh for every account, so sessions of an earlier account of the same name never match it.
      securityStamp: newSecurityStamp(),
      ...(email === undefined ? {} : { pendingEmail: email.address, verifyTokenHash: email.tokenHash }),
    });
    if (!created) throw new UserExistsError();
    return { username, name };
  }

  /**
   * Checks the credentials, then starts a session under the stamp read with them. A deletion or password
   * change that commits while the password is being checked leaves this session born dead (its stamp no
   * longer matches, or its account is gone): see src/services/sessions.ts. So there is nothing to re-read.
   * An account with a second factor gets no session yet but an mfaToken for POST /login/mfa, bound to
   * the same stamp (see mfa-login.ts); its factors are read while the password hash is checked.
   */
  async login({ username, password, verifiedEmail }: Credentials, client: ClientInfo): Promise<LoginOutcome> {
    const found = await this.store.getAccount(usernameKey(username));
    // By address, an account that no longer has it verified is as unknown as no account.
    const account = verifiedEmail === undefined || sameAddress(found?.verifiedEmail, verifiedEmail) ? found : null;
    // Unknown users are checked against a dummy hash so both failures cost the same time.
    const [passwordMatches, methods] = await Promise.all([
      this.passwords.verify(password, account?.passwordHash),
      this.secondStep.factors.methods(account),
    ]);
    if (account === null || !passwordMatches) throw new InvalidCredentialsError(account !== null);
    // Only after the right password, so the answer tells a guesser nothing.
    if (account.disabled === true) throw new AccountDisabledError();
    if (methods.length > 0) return this.secondStep.logins.begin(account, methods);
    const session = await this.sessions.start(account, [AMR.password], client);
    return { ...session, profile: { username: account.username, name: account.name } };
  }

  /**
   * Starts the session a verified passkey assertion earned, with the passkey's amr (no second factor
   * follows: a passkey with user verification is multi-factor by itself). A passkey older than the
   * account is left over from an earlier account of the same name and signs nobody in.
   */
  async loginWithPasskey(signIn: PasskeySignIn, client: ClientInfo): Promise<LoginResult> {
    const account = await this.store.getAccount(signIn.userKey);
    if (account === null || signIn.passkeyCreatedAt < account.createdAt) throw new AppError('PASSKEY_REFUSED');
    if (account.disabled === true) throw new AccountDisabledError();
    // The event is written beside the session: the sign-in waits for no round trip of its own.
    const [session] = await Promise.all([
      this.sessions.start(account, signIn.amr, client),
      this.events.record('login.success', account.userKey, { method: 'passkey' }),
    ]);
    return { ...session, profile: { username: account.username, name: account.name } };
  }

  /** A signed-in user's account, once they have typed its password again; 403 when it is wrong. */
  async confirmPassword(userKey: string, password: string): Promise<AccountRecord> {
    const account = await this.store.getAccount(userKey);
    if (account === null) throw new UnauthenticatedError();
    if (!(await this.passwords.verify(password, account.passwordHash))) throw new WrongPasswordError();
    return account;
  }
}
