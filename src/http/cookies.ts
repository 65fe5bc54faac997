import type { CookieOptions, Request, Response } from 'express';

export const AUTH_COOKIE = 'auth_token';

export interface CookieSettings {
  /** False only when explicitly running over plain HTTP in development. */
  secure: boolean;
}

function authCookieOptions(settings: CookieSettings): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: settings.secure };
}

export function setAuthCookie(res: Response, token: string, maxAgeSeconds: number, settings: CookieSettings): void {
  res.cookie(AUTH_COOKIE, token, { ...authCookieOptions(settings), maxAge: maxAgeSeconds * 1000 });
}

export function clearAuthCookie(res: Response, settings: CookieSettings): void {
  res.clearCookie(AUTH_COOKIE, authCookieOptions(settings));
}

/** The access token: the body's `token`, else `Authorization: Bearer`, else the cookie. */
export function presentedToken(req: Request, bodyToken: string | undefined): string | undefined {
  if (bodyToken !== undefined) return bodyToken;
  const authorization = req.get('authorization');
  const bearer = bearerToken(authorization);
  if (bearer !== undefined) return bearer;
  const cookie: unknown = req.cookies?.[AUTH_COOKIE];
  return typeof cookie === 'string' && cookie.length > 0 ? cookie : undefined;
}

/** The token of an `Authorization: Bearer <token>` header value. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
}
