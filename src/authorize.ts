import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerResult,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import type { Clock } from './clock';
import type { CoreConfig } from './config';
import { createSessionServices } from './dependencies/sessions';
import { connectStore } from './dependencies/store';
import { UnauthenticatedError } from './errors';
import { AUTH_COOKIE, bearerToken } from './http/cookies';
import type { SessionService } from './services/sessions';

/**
 * The logic of the API Gateway HTTP API Lambda authorizer (payload 2.0, simple responses), apart
 * from its cold start so tests can give it a clock. A request is allowed when its access token,
 * from `Authorization: Bearer` or else the auth cookie, passes the same check as /verify:
 * signature, expiry, and a session item that is still live.
 */

export interface AuthorizerContext {
  username: string;
  sessionId: string;
  /** The session's RFC 8176 methods, space-separated (context values are strings): "pwd", "hwk user"... */
  amr: string;
}

export type AuthorizerResult = APIGatewaySimpleAuthorizerResult | APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>;
export type AuthorizerHandler = (event: APIGatewayRequestAuthorizerEventV2) => Promise<AuthorizerResult>;

const DENY: APIGatewaySimpleAuthorizerResult = { isAuthorized: false };

export function createAuthorizerHandler(sessions: SessionService): AuthorizerHandler {
  return async (event) => {
    const token = tokenFromEvent(event);
    if (token === undefined) return DENY;
    try {
      const { username, sessionId, amr } = await sessions.verifyAccess(token);
      return { isAuthorized: true, context: { username, sessionId, amr: amr.join(' ') } };
    } catch (error) {
      // Only "this token is no good" is a deny; a store outage throws, so API Gateway answers 500
      // instead of telling a signed-in user they are forbidden.
      if (error instanceof UnauthenticatedError) return DENY;
      throw error;
    }
  };
}

/**
 * The authorizer as the Lambda runs it: only the session services (it never hashes, so bcrypt is not
 * loaded), and read-only (its role may not delete, so a dead session it meets is left for the app to remove).
 */
export function buildAuthorizer(config: CoreConfig, clock: Clock): AuthorizerHandler {
  const { store } = connectStore(config.store);
  const { sessions } = createSessionServices({ settings: config, store, clock });
  return createAuthorizerHandler(sessions);
}

/** The bearer token from the Authorization header, else the auth cookie from `event.cookies`. */
export function tokenFromEvent(event: APIGatewayRequestAuthorizerEventV2): string | undefined {
  const authorization = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const bearer = bearerToken(authorization);
  if (bearer !== undefined) return bearer;
  for (const cookie of event.cookies ?? []) {
    const separator = cookie.indexOf('=');
    if (separator < 0 || cookie.slice(0, separator).trim() !== AUTH_COOKIE) continue;
    const value = cookie.slice(separator + 1).trim();
    if (value.length > 0) return safeDecode(value);
  }
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
