import type { RequestHandler, Response } from 'express';
import { UnauthenticatedError } from '../errors';
import type { AuthService, VerifiedSession } from '../services/auth';
import { presentedToken } from './cookies';

/**
 * Routes behind this need a live session, proven like /verify does (bearer token or auth cookie);
 * without one they answer 401 before any handler runs.
 */
export function requireSession(auth: AuthService): RequestHandler {
  return async (req, res, next) => {
    const token = presentedToken(req, undefined);
    if (token === undefined) throw new UnauthenticatedError('No token provided');
    res.locals.session = await auth.verify(token);
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
