import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock';
import { toEpochSeconds } from '../clock';
import type { EmailSettings } from '../config-email';
import { AppError, InvalidTokenError, MailUnavailableError, ValidationError } from '../errors';
import type { Logger } from '../logger';
import { MailDeliveryError, type Mailer, type MailMessage } from '../mail/mailer';
import type { DeviceInfo, MailTemplates } from '../mail/templates';
import type { EmailStore } from '../store/email';
import type { AccountRecord, MailTokenPurpose, MailTokenRecord } from '../store/records';
import type { AuthStore } from '../store/store';
import { addressIdentity, normaliseAddress, sameAddress } from './email-addresses';
import { passwordPolicyProblem } from './password-policy';
import type { PasswordHasher } from './passwords';
import type { SecurityEvents } from './security-events';
import { newSecurityStamp, type SessionService, type VerifiedSession } from './sessions';
import { usernameKey } from './usernames';

/**
 * The one owner of email addresses and mailed links: the address given at registration or changed
 * later, its verification and unique claim, and password resets.
 *
 * A mailed token is 256 random bits (base64url); only its SHA-256 is stored, in a token item that says
 * whose it is and what for, while the account item names the one token of each purpose that may be
 * used. So a newer token voids the older one, a use is one conditional write of the account item (of
 * two racing uses exactly one wins), a password change voids a reset token (the stamp it was made
 * under changes), and deleting the account voids every token (the item they need is gone). See
 * src/store/email.ts for the conditions.
 *
 * Mail is sent after the record is written, so a failed send loses nothing: a resend (or a new
 * request) works. Tokens never reach a log line; the outbox transport names a file, not the link.
 */

export interface Mailing {
  /** The link's token, as mailed (never stored). */
  token: string;
  tokenHash: string;
}

/** What the route needs to tell a caller after an address change. */
export type AddressChange = { pendingEmail: string } | { unchanged: string };

/** Who is asking, for the notices and the log. */
export interface Requester extends DeviceInfo {
  log: Logger;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64url');

export function newMailing(): Mailing {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export interface EmailServiceOptions {
  store: AuthStore;
  emails: EmailStore;
  mailer: Mailer;
  templates: MailTemplates;
  settings: EmailSettings;
  /** The web page's address (trailing slash): every link starts with it. */
  publicUrl: string;
  passwords: PasswordHasher;
  sessions: SessionService;
  /** The audit trail (a reset is recorded there). */
  events: SecurityEvents;
  clock: Clock;
}

export class EmailService {
  constructor(private readonly options: EmailServiceOptions) {}

  /** The link a token is mailed in: the web page, which reads `token` and calls the API. */
  link(action: 'verify-email' | 'reset-password', token: string): string {
    const url = new URL(this.options.publicUrl);
    url.searchParams.set('action', action);
    url.searchParams.set('token', token);
    return url.href;
  }

  /**
   * After registering with an address (stored unverified with this mailing's hash): writes the token
   * and mails the link. A failure is logged, not answered: the account exists, and the page's banner
   * offers a resend.
   */
  async afterRegistration(
    account: { userKey: string; name: string; address: string },
    mailing: Mailing,
    requester: Requester,
  ): Promise<void> {
    try {
      await this.mailVerification(account.userKey, account.name, account.address, mailing);
    } catch (error) {
      requester.log.warn(
        { event: 'email.verification_not_sent', username: account.userKey, reason: (error as Error).message },
        'verification mail not sent at registration; a resend will work',
      );
    }
  }

  /** POST /email/verify: confirms and claims the address the token was mailed to. */
  async verify(token: string, requester: Requester): Promise<string> {
    const found = await this.usableToken(token, 'verify-email');
    const address = found.record.address;
    const account = await this.options.store.getAccount(found.record.userKey);
    if (
      address === undefined ||
      account === null ||
      account.verifyTokenHash !== found.tokenHash ||
      account.pendingEmail !== address
    ) {
      throw new InvalidTokenError();
    }
    await this.claim(address, account.userKey);
    const { emails } = this.options;
    if (!(await emails.confirmAddress(account.userKey, { address, tokenHash: found.tokenHash }))) {
      // Used by a racing request (then the claim is ours and stays), or replaced meanwhile (then it is given up).
      const now = await this.options.store.getAccount(account.userKey);
      if (!sameAddress(now?.verifiedEmail, address))
        await this.quietly(requester, () => emails.releaseAddress(address, account.userKey));
      throw new InvalidTokenError();
    }
    if (account.verifiedEmail !== undefined && !sameAddress(account.verifiedEmail, address)) {
      const previous = account.verifiedEmail;
      await this.quietly(requester, () => emails.releaseAddress(previous, account.userKey));
    }
    await this.quietly(requester, () => emails.deleteToken(found.tokenHash));
    await this.options.events.record('email.verified', account.userKey);
    requester.log.info({ event: 'email.verified', username: account.userKey }, 'email address verified');
    return address;
  }

  /** POST /email/verify/resend: a new link for the address awaiting verification; the old link stops working. */
  async resend(session: VerifiedSession): Promise<string> {
    const account = await this.options.store.getAccount(session.userKey);
    if (account === null) throw new AppError('UNAUTHENTICATED');
    if (account.pendingEmail === undefined) throw new AppError('NOTHING_TO_VERIFY');
    await this.mailVerification(account.userKey, account.name, account.pendingEmail, newMailing(), true);
    return account.pendingEmail;
  }

  /**
   * POST /email: a new address, for the account as the step-up proved it (StepUpService: the password,
   * and the second factor when one is on). It is sent a link; the verified address stays in force until
   * the link is used, and is told of the change.
   */
  async changeAddress(account: AccountRecord, rawAddress: string, requester: Requester): Promise<AddressChange> {
    const address = normaliseAddress(rawAddress);
    if (sameAddress(account.verifiedEmail, address) && account.verifiedEmail !== undefined) {
      await this.options.emails.clearPendingAddress(account.userKey);
      return { unchanged: account.verifiedEmail };
    }
    await this.mailVerification(account.userKey, account.name, address, newMailing(), true);
    // The notice to the verified address goes out from this event (security-notices.ts).
    await this.options.events.record('email.change_requested', account.userKey, { newAddress: address });
    requester.log.info({ event: 'email.change_requested', username: account.userKey }, 'new email address awaiting verification');
    return { pendingEmail: address };
  }

  /**
   * The name a sign-in by address is checked (and limited) under: the username of the account that
   * claimed it, else a name no account can have (":" is not allowed in usernames), so the password is
   * checked against the dummy hash like any unknown user's.
   */
  async loginName(rawAddress: string): Promise<{ username: string; verifiedEmail: string }> {
    const address = normaliseAddress(rawAddress);
    const owner = await this.options.emails.addressOwner(address);
    return { username: owner ?? `email:${addressIdentity(address)}`, verifiedEmail: address };
  }

  /**
   * Which account a forgot-password request names, for its limits: by username the key itself, by
   * address the account that claimed it (else the address). The same reads whether or not it exists.
   */
  async forgotKey(identifier: {
    username?: string | undefined;
    email?: string | undefined;
  }): Promise<{ limitKey: string; userKey: string; email?: string }> {
    if (identifier.email === undefined) {
      const userKey = usernameKey(identifier.username ?? '');
      return { limitKey: `user:${userKey}`, userKey };
    }
    const email = normaliseAddress(identifier.email);
    const owner = await this.options.emails.addressOwner(email);
    // An unclaimed address reads an account key no account can have (":" is not allowed in usernames).
    return owner === null
      ? { limitKey: `email:${addressIdentity(email)}`, userKey: `email:${addressIdentity(email)}`, email }
      : { limitKey: `user:${owner}`, userKey: owner, email };
  }

  /**
   * POST /password/forgot: mails a reset link when the account has a verified address. Whatever
   * happens after the account is read (no account, no verified address, a store or transport failure)
   * ends the same way, logged, and the answer goes out exactly PASSWORD_FORGOT_ANSWER_MS after
   * `startedAt` (performance.now()): sooner work waits, and work that takes longer (a slow transport, a
   * loaded machine) goes on after the answer instead of delaying it. So neither the answer nor its
   * timing tells whether a mail was sent. (With 0 the work is simply awaited: for tests only.)
   */
  async forgot(target: { userKey: string; email?: string | undefined }, requester: Requester, startedAt: number): Promise<void> {
    const account = await this.options.store.getAccount(target.userKey);
    const work = this.mailReset(account, target.email, requester);
    const answerMs = this.options.settings.forgotAnswerMs;
    if (answerMs === 0) {
      await work;
      return;
    }
    const timer = new AbortController();
    const due = sleep(Math.max(0, answerMs - (performance.now() - startedAt)), undefined, { signal: timer.signal }).then(
      () => false,
      () => false,
    );
    const finished = await Promise.race([work.then(() => true), due]);
    if (!finished) {
      requester.log.warn(
        { event: 'password.forgot_slow', answerMs },
        'forgot-password answered before mailing finished (it goes on)',
      );
      return;
    }
    timer.abort();
    const wait = answerMs - (performance.now() - startedAt);
    if (wait > 0) await sleep(wait);
  }

  /** The forgot-password work past the account read; never throws (a failure is logged). */
  private async mailReset(account: AccountRecord | null, address: string | undefined, requester: Requester): Promise<void> {
    try {
      const to = account?.verifiedEmail;
      const matches = address === undefined || sameAddress(to, address);
      if (account === null || to === undefined || !matches) return;
      const mailing = newMailing();
      await this.writeToken(mailing, 'reset-password', account.userKey, { securityStamp: account.securityStamp });
      if (!(await this.options.emails.setResetToken(account.userKey, mailing.tokenHash))) throw new Error('the account is gone');
      await this.options.mailer.send(
        this.options.templates.passwordReset({
          to,
          name: account.name,
          url: this.link('reset-password', mailing.token),
          validForMinutes: this.options.settings.resetTtlMinutes,
        }),
      );
      requester.log.info({ event: 'password.reset_mailed', username: account.userKey }, 'password reset link mailed');
    } catch (error) {
      requester.log.warn(
        { event: 'password.reset_not_mailed', reason: (error as Error).message },
        'password reset link not mailed',
      );
    }
  }

  /**
   * POST /password/reset: sets the new password (the policy applies), which uses up the token and ends
   * every session in one write; then removes the sessions and sends the notice.
   */
  async reset(token: string, newPassword: string, requester: Requester): Promise<void> {
    const found = await this.usableToken(token, 'reset-password');
    const { store, emails, sessions, passwords, events } = this.options;
    const account = await store.getAccount(found.record.userKey);
    if (account === null || account.resetTokenHash !== found.tokenHash || account.securityStamp !== found.record.securityStamp) {
      throw new InvalidTokenError();
    }
    const problem = passwordPolicyProblem(newPassword, account.username);
    if (problem !== null) throw new ValidationError('newPassword', problem);
    const passwordHash = await passwords.hash(newPassword);
    const reset = await emails.resetPassword(account.userKey, {
      tokenHash: found.tokenHash,
      expectedStamp: account.securityStamp,
      passwordHash,
      nextStamp: newSecurityStamp(),
    });
    if (!reset) throw new InvalidTokenError();
    requester.log.info(
      { event: 'password.reset', username: account.userKey },
      'password reset through a mailed link; every session ends',
    );
    await Promise.all([sessions.removeDeadSessions(account.userKey), events.record('password.reset', account.userKey)]);
    await this.quietly(requester, () => emails.deleteToken(found.tokenHash));
  }

  /** Writes a verification token, names it (and the address) on the account, and mails the link. */
  private async mailVerification(
    userKey: string,
    name: string,
    address: string,
    mailing: Mailing,
    setPending = false,
  ): Promise<void> {
    const { emails, mailer, templates, settings } = this.options;
    await this.writeToken(mailing, 'verify-email', userKey, { address });
    if (setPending && !(await emails.setPendingAddress(userKey, { address, tokenHash: mailing.tokenHash })))
      throw new AppError('UNAUTHENTICATED');
    await this.deliver(
      templates.verifyEmail({
        to: address,
        name,
        url: this.link('verify-email', mailing.token),
        validForMinutes: settings.verifyTtlMinutes,
      }),
      mailer,
    );
  }

  private async writeToken(
    mailing: Mailing,
    purpose: MailTokenPurpose,
    userKey: string,
    extra: Partial<MailTokenRecord>,
  ): Promise<void> {
    const now = this.options.clock.now();
    const minutes = purpose === 'verify-email' ? this.options.settings.verifyTtlMinutes : this.options.settings.resetTtlMinutes;
    await this.options.emails.putToken({
      ...extra,
      tokenHash: mailing.tokenHash,
      purpose,
      userKey,
      createdAt: now,
      expiresAt: toEpochSeconds(now) + minutes * 60,
    });
  }

  /** Sends, turning a transport failure into a 503 (what was written stays, so a retry works). */
  private async deliver(message: MailMessage, mailer: Mailer): Promise<void> {
    try {
      await mailer.send(message);
    } catch (error) {
      if (error instanceof MailDeliveryError) throw new MailUnavailableError();
      throw error;
    }
  }

  /** The unexpired token item of this purpose; 400 INVALID_TOKEN for anything else. */
  private async usableToken(token: string, purpose: MailTokenPurpose): Promise<{ record: MailTokenRecord; tokenHash: string }> {
    if (!TOKEN_PATTERN.test(token)) throw new InvalidTokenError();
    const tokenHash = hashToken(token);
    const record = await this.options.emails.getToken(tokenHash);
    if (record === null || record.purpose !== purpose || record.expiresAt <= toEpochSeconds(this.options.clock.now()))
      throw new InvalidTokenError();
    return { record, tokenHash };
  }

  /**
   * Claims the address for the account; 409 EMAIL_TAKEN when another account holds it. A claim whose
   * holder no longer has the address, verified or awaiting verification, is stale and taken over.
   */
  private async claim(address: string, userKey: string): Promise<void> {
    const { emails, store } = this.options;
    if (await emails.claimAddress(address, userKey)) return;
    const owner = await emails.addressOwner(address);
    if (owner === null) {
      if (await emails.claimAddress(address, userKey)) return;
      throw new AppError('EMAIL_TAKEN');
    }
    if (owner === userKey) return;
    const holder = await store.getAccount(owner);
    const stillHeld =
      holder !== null && (sameAddress(holder.verifiedEmail, address) || sameAddress(holder.pendingEmail, address));
    if (!stillHeld && (await emails.claimAddress(address, userKey, owner))) return;
    throw new AppError('EMAIL_TAKEN');
  }

  /** Cleanup after the commit point: a failure is logged, never answered. */
  private async quietly(requester: Requester, operation: () => Promise<unknown>): Promise<void> {
    try {
      await operation();
    } catch (error) {
      requester.log.warn({ event: 'email.cleanup_failed', reason: (error as Error).message }, 'email cleanup failed');
    }
  }
}
