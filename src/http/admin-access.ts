import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { AdminUnauthenticatedError } from '../errors';
import type { AdminActor } from '../services/admin';
import { bearerToken } from './cookies';

/**
 * Who may call the admin API (/admin/...), and as whom: the actor an admin action is recorded with, or
 * null. Nothing here reads a session, a session cookie or an access token, so no user's session can
 * ever reach the admin routes, whatever it holds.
 */
export type AdminAccess = (req: Request) => AdminActor | null;

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** The local server: `Authorization: Bearer <ADMIN_API_KEY>`, compared in constant time. */
export function adminKeyAccess(apiKey: string): AdminAccess {
  const expected = digest(apiKey);
  return (req) => {
    const presented = bearerToken(req.get('authorization'));
    return presented !== undefined && timingSafeEqual(digest(presented), expected) ? 'api-key' : null;
  };
}

interface IamIdentity {
  userArn?: unknown;
}

/**
 * Lambda: API Gateway's IAM authorizer on the /admin routes checked the SigV4 signature, and that the
 * caller may execute-api:Invoke them, before the function ran; it puts the caller in the event's
 * `requestContext.authorizer.iam`. A request without it did not come through those routes (an /ADMIN/
 * spelling that API Gateway sent to $default, say) and is refused.
 */
export function iamAccess(currentEvent: () => unknown): AdminAccess {
  return () => {
    const event = currentEvent() as { requestContext?: { authorizer?: { iam?: IamIdentity } } } | undefined;
    const userArn = event?.requestContext?.authorizer?.iam?.userArn;
    return typeof userArn === 'string' && userArn.length > 0 ? `iam:${userArn}` : null;
  };
}

/** Admin routes answer 401 ADMIN_UNAUTHENTICATED to anyone else, before any handler runs. */
export function requireAdmin(access: AdminAccess): RequestHandler {
  return (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    const actor = access(req);
    if (actor === null) throw new AdminUnauthenticatedError();
    res.locals.adminActor = actor;
    next();
  };
}

/** The operator `requireAdmin` let in. */
export function adminActor(res: Response): AdminActor {
  const actor = res.locals.adminActor as AdminActor | undefined;
  if (actor === undefined) throw new AdminUnauthenticatedError();
  return actor;
}
