import type { Clock } from '../clock';
import type { EmailSettings } from '../config-email';
import type { MfaSettings, WebAuthnSettings } from '../config-mfa';
import type { SecuritySettings } from '../config-security';
import type { Logger } from '../logger';
import type { Mailer } from '../mail/mailer';
import { MailTemplates } from '../mail/templates';
import type { AppMetrics } from '../metrics';
import { AccountService } from '../services/accounts';
import { AdminService } from '../services/admin';
import { AttemptLimiter } from '../services/attempt-limits';
import { AuthService } from '../services/auth';
import { DeviceCookies } from '../services/device-cookies';
import { EmailService } from '../services/email';
import { LogPseudonyms } from '../services/log-pseudonyms';
import { MfaLoginService } from '../services/mfa-login';
import { PasskeyService } from '../services/passkeys';
import { PasswordHasher } from '../services/passwords';
import { SecondFactorService } from '../services/second-factors';
import { SecretBox } from '../services/secret-box';
import { type SecurityEventSettings, SecurityEvents } from '../services/security-events';
import { SecurityNotices } from '../services/security-notices';
import type { SessionSettings } from '../services/sessions';
import { StepUpService } from '../services/step-up';
import type { TokenSettings } from '../services/tokens';
import { TotpService } from '../services/totp';
import type { RateLimitStore } from '../store/rate-limits';
import type { AuthStore } from '../store/store';
import { createSessionServices, type SessionServices } from './sessions';

/** Every service of the app, wired once. */
export interface Services extends SessionServices {
  auth: AuthService;
  accounts: AccountService;
  /** What operators do to accounts (the admin CLI and API). */
  admin: AdminService;
  limiter: AttemptLimiter;
  devices: DeviceCookies;
  /** Null when passkeys are off (no RP ID: see config-mfa.ts). */
  passkeys: PasskeyService | null;
  emails: EmailService;
  notices: SecurityNotices;
  totp: TotpService;
  mfaLogins: MfaLoginService;
  stepUp: StepUpService;
  /** The audit trail: every security event is recorded through it. */
  events: SecurityEvents;
}

export interface ServiceDependencies {
  settings: {
    jwt: TokenSettings;
    sessions: SessionSettings;
    bcryptCost: number;
    security: SecuritySettings;
    mfa: MfaSettings;
    webauthn: WebAuthnSettings | null;
    email: EmailSettings;
    publicUrl: string;
    events: SecurityEventSettings;
  };
  store: AuthStore;
  mailer: Mailer;
  rateLimits: RateLimitStore;
  clock: Clock;
  logger: Logger;
  metrics: AppMetrics;
}

export function createServices({ settings, store, rateLimits, mailer, clock, logger, metrics }: ServiceDependencies): Services {
  const templates = new MailTemplates(settings.publicUrl);
  const notices = new SecurityNotices(store, mailer, templates, settings.email.notices, clock, logger);
  // The security notices are sent from the event points, not from hooks of their own.
  const events = new SecurityEvents({
    store: store.events(),
    accounts: store,
    settings: settings.events,
    metrics,
    logger,
    clock,
    observer: (event) => notices.observe(event),
  });
  const { tokens, sessions, keys } = createSessionServices({ settings, store, clock, cleanup: { logger }, events });
  const passwords = new PasswordHasher(settings.bcryptCost);
  const devices = new DeviceCookies(keys);
  const limiter = new AttemptLimiter(rateLimits, settings.security, clock, new LogPseudonyms(keys), devices, events);
  const mfaStore = store.mfa();
  const box = new SecretBox(settings.mfa.encryptionKeys, settings.mfa.encryptionKid);
  const totp = new TotpService(mfaStore, box, settings.mfa.issuer, clock);
  const factors = new SecondFactorService(totp, mfaStore, logger);
  const mfaLogins = new MfaLoginService(mfaStore, store, factors, sessions, limiter, clock, events, devices);
  const auth = new AuthService(store, passwords, sessions, clock, { factors, logins: mfaLogins }, events);
  const passkeys = settings.webauthn === null ? null : new PasskeyService(mfaStore, settings.webauthn, clock);
  const accounts = new AccountService(store, passwords, sessions, passkeys, factors, logger, events);
  const stepUp = new StepUpService(auth, factors, limiter);
  const emails = new EmailService({
    store,
    emails: store.email(),
    mailer,
    templates,
    settings: settings.email,
    publicUrl: settings.publicUrl,
    passwords,
    sessions,
    events,
    clock,
  });
  const admin = new AdminService(store, sessions, accounts, limiter, events, logger);
  return {
    tokens,
    sessions,
    keys,
    auth,
    accounts,
    admin,
    limiter,
    devices,
    passkeys,
    emails,
    notices,
    totp,
    mfaLogins,
    stepUp,
    events,
  };
}
