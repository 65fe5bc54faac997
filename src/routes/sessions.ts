import { Router } from 'express';
import {
  type LogoutAllResponse,
  refreshBody,
  type RefreshResponse,
  type SessionRevokedResponse,
  type SessionsResponse,
} from '../contract/sessions';
import { AppError, UnauthenticatedError } from '../errors';
import { currentSession, requireSession } from '../http/authenticate';
import type { CookieSettings } from '../http/cookies';
import { clearSessionCookies, presentedRefreshToken, setSessionCookies } from '../http/session-cookies';
import { parseBody } from '../http/validate';
import type { AuthService } from '../services/auth';
import type { SessionService } from '../services/sessions';
import { usernameKey } from '../services/usernames';

/** POST /refresh, GET /sessions, DELETE /sessions/{id}, POST /logout-all. */
export function sessionRoutes(auth: AuthService, sessions: SessionService, cookies: CookieSettings): Router {
  const router = Router();
  const signedIn = requireSession(auth);

  router.post('/refresh', async (req, res) => {
    const body = parseBody(refreshBody, req.body);
    const refreshToken = presentedRefreshToken(req, body.refreshToken);
    try {
      if (refreshToken === undefined) throw new UnauthenticatedError('No refresh token provided');
      const issued = await sessions.refresh(refreshToken);
      setSessionCookies(res, issued, cookies);
      res.set('Cache-Control', 'no-store').json({
        message: 'Session refreshed',
        response: {
          username: issued.username,
          token: issued.token,
          expiresAt: issued.expiresAt,
          refreshToken: issued.refreshToken,
          refreshExpiresAt: issued.refreshExpiresAt,
        },
      } satisfies RefreshResponse);
    } catch (error) {
      // A refused credential is dead either way; stop the browser from presenting it again.
      if (error instanceof AppError && error.status === 401) clearSessionCookies(res, cookies);
      throw error;
    }
  });

  router.get('/sessions', signedIn, async (_req, res) => {
    const session = currentSession(res);
    res.json({ sessions: await sessions.list(usernameKey(session.username), session.sessionId) } satisfies SessionsResponse);
  });

  router.delete('/sessions/:id', signedIn, async (req, res) => {
    const session = currentSession(res);
    const id = String(req.params.id);
    await sessions.revoke(usernameKey(session.username), id);
    if (id === session.sessionId) clearSessionCookies(res, cookies);
    res.json({ message: 'Session revoked' } satisfies SessionRevokedResponse);
  });

  router.post('/logout-all', signedIn, async (_req, res) => {
    const session = currentSession(res);
    const revoked = await sessions.revokeAll(usernameKey(session.username));
    clearSessionCookies(res, cookies);
    res.json({ message: 'Logged out of every session', revoked } satisfies LogoutAllResponse);
  });

  return router;
}
