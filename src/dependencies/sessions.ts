import type { Clock } from '../clock';
import { DerivedKeys } from '../services/derived-keys';
import type { SecurityEvents } from '../services/security-events';
import { SessionService, type SessionServiceOptions, type SessionSettings } from '../services/sessions';
import { TokenService, type TokenSettings } from '../services/tokens';
import type { AuthStore } from '../store/store';

/**
 * The token and session services: all the authorizer needs. Kept apart from services.ts, which loads
 * bcrypt, so the authorizer's bundle never contains it.
 */

export interface SessionServices {
  tokens: TokenService;
  sessions: SessionService;
  /** Keys derived from the signing material, for values recognised later without storing a secret. */
  keys: DerivedKeys;
}

export interface SessionDependencies {
  settings: { jwt: TokenSettings; sessions: SessionSettings };
  store: AuthStore;
  clock: Clock;
  /** Left out for the authorizer, whose role may only read the table. */
  cleanup?: SessionServiceOptions['cleanup'];
  /** Left out for the authorizer too: it records no events. */
  events?: SecurityEvents;
}

export function createSessionServices({ settings, store, clock, cleanup, events }: SessionDependencies): SessionServices {
  const tokens = new TokenService(settings.jwt, clock);
  const keys = new DerivedKeys(settings.jwt);
  const sessions = new SessionService({
    store,
    tokens,
    keys,
    settings: settings.sessions,
    clock,
    ...(cleanup === undefined ? {} : { cleanup }),
    ...(events === undefined ? {} : { events }),
  });
  return { tokens, sessions, keys };
}
