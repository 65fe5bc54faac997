import type { Request } from 'express';
import jwt from 'jsonwebtoken';
import type { UnauthenticatedError } from '../errors';

/**
 * Security events are written through `req.log`, so each carries the request id. They name the
 * username and client IP, never a password, token or cookie.
 */

export function logTokenRefused(req: Request, error: UnauthenticatedError, username?: string): void {
  req.log.warn({ event: 'token.refused', username, ip: req.ip, reason: error.message }, 'token refused');
}

/** The subject of a token that has just been verified (the signature is not checked again here). */
export function subjectOfVerifiedToken(token: string): string | undefined {
  const payload = jwt.decode(token);
  return typeof payload === 'object' && payload !== null && typeof payload.sub === 'string' ? payload.sub : undefined;
}
