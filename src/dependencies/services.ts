import type { Clock } from '../clock';
import type { WebAuthnSettings } from '../config-mfa';
import type { SecuritySettings } from '../config-security';
import type { Logger } from '../logger';
import { AccountService } from '../services/accounts';
import { AttemptLimiter } from '../services/attempt-limits';
import { AuthService } from '../services/auth';
import { DeviceCookies } from '../services/device-cookies';
import { LogPseudonyms } from '../services/log-pseudonyms';
import { PasskeyService } from '../services/passkeys';
import { PasswordHasher } from '../services/passwords';
import type { SessionSettings } from '../services/sessions';
import type { TokenSettings } from '../services/tokens';
import type { RateLimitStore } from '../store/rate-limits';
import type { AuthStore } from '../store/store';
import { createSessionServices, type SessionServices } from './sessions';

/** Every service of the app, wired once. */
export interface Services extends SessionServices {
  auth: AuthService;
  accounts: AccountService;
  limiter: AttemptLimiter;
  devices: DeviceCookies;
  /** Null when passkeys are off (no RP ID: see config-mfa.ts). */
  passkeys: PasskeyService | null;
}

export interface ServiceDependencies {
  settings: {
    jwt: TokenSettings;
    sessions: SessionSettings;
    bcryptCost: number;
    security: SecuritySettings;
    webauthn: WebAuthnSettings | null;
  };
  store: AuthStore;
  rateLimits: RateLimitStore;
  clock: Clock;
  logger: Logger;
}

export function createServices({ settings, store, rateLimits, clock, logger }: ServiceDependencies): Services {
  const { tokens, sessions, keys } = createSessionServices({ settings, store, clock, cleanup: { logger } });
  const passwords = new PasswordHasher(settings.bcryptCost);
  const auth = new AuthService(store, passwords, sessions, clock);
  const passkeys = settings.webauthn === null ? null : new PasskeyService(store.mfa(), settings.webauthn, clock);
  const accounts = new AccountService(store, passwords, auth, sessions, passkeys, logger);
  const devices = new DeviceCookies(keys);
  const limiter = new AttemptLimiter(rateLimits, settings.security, clock, new LogPseudonyms(keys), devices);
  return { tokens, sessions, keys, auth, accounts, limiter, devices, passkeys };
}
