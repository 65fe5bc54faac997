import type { CookieOptions, Request, Response } from 'express';
import type { IssuedSession } from '../services/sessions';
import { clearAuthCookie, setAuthCookie, type CookieSettings } from './cookies';

/**
 * The refresh credential's own cookie: HttpOnly, SameSite=Strict, and sent only to /refresh, so
 * ordinary requests never carry it and a cross-site page can never make the browser present it.
 */
export const REFRESH_COOKIE = 'refresh_token';
export const REFRESH_COOKIE_PATH = '/refresh';

function refreshCookieOptions(settings: CookieSettings): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: REFRESH_COOKIE_PATH, secure: settings.secure };
}

export function setRefreshCookie(res: Response, refreshToken: string, maxAgeSeconds: number, settings: CookieSettings): void {
  res.cookie(REFRESH_COOKIE, refreshToken, { ...refreshCookieOptions(settings), maxAge: maxAgeSeconds * 1000 });
}

export function clearRefreshCookie(res: Response, settings: CookieSettings): void {
  res.clearCookie(REFRESH_COOKIE, refreshCookieOptions(settings));
}

/** The refresh credential: the body's `refreshToken`, else the cookie. */
export function presentedRefreshToken(req: Request, bodyToken: string | undefined): string | undefined {
  if (bodyToken !== undefined) return bodyToken;
  const cookie: unknown = req.cookies?.[REFRESH_COOKIE];
  return typeof cookie === 'string' && cookie.length > 0 ? cookie : undefined;
}

/** Sets both cookies for a freshly issued session (login and refresh). */
export function setSessionCookies(res: Response, issued: IssuedSession, settings: CookieSettings): void {
  setAuthCookie(res, issued.token, issued.expiresAt - issued.issuedAt, settings);
  setRefreshCookie(res, issued.refreshToken, issued.refreshExpiresAt - issued.issuedAt, settings);
}

export function clearSessionCookies(res: Response, settings: CookieSettings): void {
  clearAuthCookie(res, settings);
  clearRefreshCookie(res, settings);
}
