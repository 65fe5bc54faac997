import type { Request, RequestHandler, Response } from 'express';
import { UnauthenticatedError } from '../errors';
import type { SessionService, VerifiedSession } from '../services/sessions';
import { bearerToken, type SessionCookies } from './cookies';

/** The access token: the body's `token`, else `Authorization: Bearer`, else the auth cookie. */
export function presentedToken(req: Request, cookies: SessionCookies, bodyToken?: string): string | undefined {
  return bodyToken ?? bearerToken(req.get('authorization')) ?? cookies.auth.read(req);
}

/**
 * Routes behind this need a live session, proven like /verify does (bearer token or auth cookie);
 * without one they answer 401 before any handler runs.
 */
export function requireSession(sessions: SessionService, cookies: SessionCookies): RequestHandler {
  return async (req, res, next) => {
    const token = presentedToken(req, cookies);
    if (token === undefined) throw new UnauthenticatedError('No token provided');
    res.locals.session = await sessions.verifyAccess(token);
    // Answers about one signed-in user are never for shared caches.
    res.set('Cache-Control', 'no-store');
    next();
  };
}

/** The session `requireSession` established for this request. */
export function currentSession(res: Response): VerifiedSession {
  const session = res.locals.session as VerifiedSession | undefined;
  if (session === undefined) throw new UnauthenticatedError();
  return session;
}
