import type { Clock } from '../clock';
import type { Config } from '../config';
import type { AuthStore } from '../store/store';
import { AccountService } from './accounts';
import { AuthService } from './auth';
import { PasswordHasher } from './passwords';
import { SessionService } from './sessions';
import { TokenService } from './tokens';

export interface Services {
  tokens: TokenService;
  sessions: SessionService;
  auth: AuthService;
  accounts: AccountService;
}

/** Wires the services once; the app and the Lambda authorizer share this. */
export function createServices(config: Config, store: AuthStore, clock: Clock): Services {
  const tokens = new TokenService(config.jwt, clock);
  const passwords = new PasswordHasher(config.bcryptCost);
  const sessions = new SessionService(store, tokens, config.sessions, clock);
  const auth = new AuthService(store, passwords, tokens, clock, sessions);
  const accounts = new AccountService(store, passwords, sessions);
  return { tokens, sessions, auth, accounts };
}
