import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import {
  logoutAllResponse,
  refreshBody,
  refreshRefusedBody,
  refreshResponse,
  sessionRevokedResponse,
  sessionsResponse,
} from '../../contract/sessions';
import {
  clearSessionCookies,
  describeCodes,
  json,
  jsonBody,
  noStore,
  registerRoute,
  SESSION_SECURITY,
  setSessionCookies,
} from '../responses';

const sessionIdParam = z.object({
  id: z.string().meta({ description: 'A session id from GET /sessions' }),
});

/** POST /refresh, GET /sessions, DELETE /sessions/{id}, POST /logout-all (src/routes/sessions.ts). */
export function registerSessionPaths(registry: OpenAPIRegistry): void {
  registerRoute(registry, 'POST /refresh', {
    tags: ['Sessions'],
    summary: 'Exchange a refresh credential for a new access token and a new refresh credential',
    description:
      'Each refresh credential works once. Presenting one that was already used revokes its whole session ' +
      "(`REFRESH_TOKEN_REUSED`): a copy of it is in someone else's hands.",
    // The body's `refreshToken`, else the refresh cookie.
    security: [{ refreshCookieAuth: [] }, {}],
    request: { body: jsonBody(refreshBody, false) },
    responses: {
      200: json(
        'Refreshed: new cookies, and the same credentials in the body',
        refreshResponse,
        setSessionCookies.extend(noStore.shape),
      ),
      401: json(`${describeCodes('POST /refresh', 401)}; the cookies are cleared`, refreshRefusedBody, clearSessionCookies),
    },
  });

  registerRoute(registry, 'GET /sessions', {
    tags: ['Sessions'],
    summary: "The signed-in user's live sessions",
    security: SESSION_SECURITY,
    responses: {
      200: json("Live sessions, most recently used first; `current` marks the caller's", sessionsResponse, noStore),
    },
  });

  registerRoute(registry, 'DELETE /sessions/{id}', {
    tags: ['Sessions'],
    summary: "Revoke one of the signed-in user's sessions (revoking the current one also clears its cookies)",
    security: SESSION_SECURITY,
    request: { params: sessionIdParam },
    responses: {
      200: json(
        'Revoked: its tokens stop working at once',
        sessionRevokedResponse,
        noStore.extend({ 'Set-Cookie': clearSessionCookies.shape['Set-Cookie'].optional() }),
      ),
    },
  });

  registerRoute(registry, 'POST /logout-all', {
    tags: ['Sessions'],
    summary: 'Revoke every session of the signed-in user, the current one included, and clear the cookies',
    security: SESSION_SECURITY,
    responses: {
      200: json('Signed out everywhere', logoutAllResponse, clearSessionCookies.extend(noStore.shape)),
    },
  });
}
