import type { Clock } from '../clock';
import type { SecurityNoticeKind } from '../config-email';
import type { Logger } from '../logger';
import type { Mailer, MailMessage } from '../mail/mailer';
import type { DeviceInfo, MailTemplates } from '../mail/templates';
import type { AccountRecord } from '../store/records';
import type { AuthStore } from '../store/store';
import type { RecordedEvent } from './security-events';

/**
 * The security notices: a mail to the account's verified address saying what happened, when, from
 * which device and IP, and what to do if it was not the reader. Each kind is switched on or off by
 * SECURITY_NOTICES. A notice never changes the outcome of what it reports: it is sent after the fact,
 * and a failure (no verified address, store or transport down) is logged and swallowed.
 */
export class SecurityNotices {
  constructor(
    private readonly store: AuthStore,
    private readonly mailer: Mailer,
    private readonly templates: MailTemplates,
    private readonly enabled: ReadonlySet<SecurityNoticeKind>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  isEnabled(kind: SecurityNoticeKind): boolean {
    return this.enabled.has(kind);
  }

  /**
   * The notices are sent from the security events (src/services/security-events.ts, the one place they
   * are recorded): this maps each event that warrants one to its notice.
   */
  async observe({ kind, userKey, details, client }: RecordedEvent): Promise<void> {
    switch (kind) {
      case 'password.changed':
        return this.passwordChanged(userKey, 'changed', client);
      case 'password.reset':
        return this.passwordChanged(userKey, 'reset', client);
      case 'email.change_requested':
        if (typeof details.newAddress === 'string') return this.emailChanged(userKey, details.newAddress, client);
        return;
      case 'login.success':
        // A password sign-in from a browser without this account's device cookie (device-cookies.ts).
        if (String(details.method).startsWith('password') && details.knownDevice === false)
          return this.newDevice(userKey, client);
        return;
      case 'login.locked':
        if (details.scope === 'account') return this.accountLocked(userKey, Number(details.lockedForSeconds ?? 60), client);
        return;
      case 'refresh.reused':
        return this.refreshTokenReused(userKey, client);
      default:
        return;
    }
  }

  passwordChanged(account: AccountOrKey, how: 'changed' | 'reset', device: DeviceInfo): Promise<void> {
    return this.send('password-changed', account, (to, name, at) =>
      this.templates.passwordChanged({ to, name, at, device, how }),
    );
  }

  /** To the old (verified) address, when a new one is given. */
  emailChanged(account: AccountOrKey, newAddress: string, device: DeviceInfo): Promise<void> {
    return this.send('email-changed', account, (to, name, at) =>
      this.templates.emailChanged({ to, name, at, device, newAddress }),
    );
  }

  newDevice(account: AccountOrKey, device: DeviceInfo): Promise<void> {
    return this.send('new-device', account, (to, name, at) => this.templates.newDevice({ to, name, at, device }));
  }

  accountLocked(account: AccountOrKey, lockedForSeconds: number, device: DeviceInfo): Promise<void> {
    const lockedForMinutes = Math.max(1, Math.ceil(lockedForSeconds / 60));
    return this.send('account-locked', account, (to, name, at) =>
      this.templates.accountLocked({ to, name, at, device, lockedForMinutes }),
    );
  }

  refreshTokenReused(account: AccountOrKey, device: DeviceInfo): Promise<void> {
    return this.send('refresh-token-reused', account, (to, name, at) =>
      this.templates.refreshTokenReused({ to, name, at, device }),
    );
  }

  private async send(
    kind: SecurityNoticeKind,
    accountOrKey: AccountOrKey,
    render: (to: string, name: string, at: number) => MailMessage,
  ): Promise<void> {
    if (!this.enabled.has(kind)) return;
    const userKey = typeof accountOrKey === 'string' ? accountOrKey : accountOrKey.userKey;
    try {
      const account = typeof accountOrKey === 'string' ? await this.store.getAccount(accountOrKey) : accountOrKey;
      if (account?.verifiedEmail === undefined) return;
      await this.mailer.send(render(account.verifiedEmail, account.name, this.clock.now()));
      this.logger.info({ event: 'notice.sent', kind, username: userKey }, 'security notice sent');
    } catch (error) {
      this.logger.warn(
        { event: 'notice.failed', kind, username: userKey, reason: (error as Error).message },
        'security notice not sent',
      );
    }
  }
}

/** An account as read, or its key (then it is read when the notice is on). */
type AccountOrKey = AccountRecord | string;
