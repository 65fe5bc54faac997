import { Router } from 'express';
import {
  type LogoutAllResponse,
  type RefreshResponse,
  refreshBody,
  type SessionRevokedResponse,
  type SessionsResponse,
} from '../contract/sessions';
import { AppError, UnauthenticatedError } from '../errors';
import { currentSession, requireSession } from '../http/authenticate';
import type { SessionCookies } from '../http/cookies';
import { parseBody } from '../http/validate';
import type { SessionService } from '../services/sessions';

/** POST /refresh, GET /sessions, DELETE /sessions/{id}, POST /logout-all. */
export function sessionRoutes(sessions: SessionService, cookies: SessionCookies): Router {
  const router = Router();
  const signedIn = requireSession(sessions, cookies);

  router.post('/refresh', async (req, res) => {
    const body = parseBody(refreshBody, req.body);
    // The body's credential, else the refresh cookie.
    const refreshToken = body.refreshToken ?? cookies.refresh.read(req);
    try {
      if (refreshToken === undefined) throw new UnauthenticatedError('No refresh token provided');
      const issued = await sessions.refresh(refreshToken);
      cookies.setSession(res, issued);
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
      if (error instanceof AppError && error.status === 401) cookies.clearSession(res);
      throw error;
    }
  });

  router.get('/sessions', signedIn, async (_req, res) => {
    res.json({ sessions: await sessions.list(currentSession(res)) } satisfies SessionsResponse);
  });

  router.delete('/sessions/:id', signedIn, async (req, res) => {
    const session = currentSession(res);
    const id = String(req.params.id);
    await sessions.revoke(session, id);
    if (id === session.sessionId) cookies.clearSession(res);
    res.json({ message: 'Session revoked' } satisfies SessionRevokedResponse);
  });

  router.post('/logout-all', signedIn, async (_req, res) => {
    const revoked = await sessions.revokeAll(currentSession(res));
    cookies.clearSession(res);
    res.json({ message: 'Logged out of every session', revoked } satisfies LogoutAllResponse);
  });

  return router;
}
