import type { CookieOptions, Request, Response } from 'express';

/**
 * The session's two cookies, bound once to their settings (`createCookies`) and handed to the routes:
 * - the auth cookie holds the access token: HttpOnly, SameSite=Lax, sent with every request;
 * - the refresh cookie holds the refresh credential: HttpOnly, SameSite=Strict, and sent only to
 *   /refresh, so ordinary requests never carry it and a cross-site page can never make the browser
 *   present it.
 */
export const AUTH_COOKIE = 'auth_token';
export const REFRESH_COOKIE = 'refresh_token';
export const REFRESH_COOKIE_PATH = '/refresh';
/**
 * The device cookie (services/device-cookies.ts): HttpOnly, SameSite=Strict, and sent only to the
 * sign-in routes, the one place it is read. It is no session cookie: it never authenticates anyone.
 */
export const DEVICE_COOKIE = 'auth_device';
export const DEVICE_COOKIE_PATH = '/login';

export interface CookieSettings {
  /** False only when explicitly running over plain HTTP in development. */
  secure: boolean;
}

/** What the cookies need of an issued session: both credentials and when each ends (epoch seconds). */
export interface CookieCredentials {
  token: string;
  issuedAt: number;
  expiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
}

export interface Cookie {
  set(res: Response, value: string, maxAgeSeconds: number): void;
  clear(res: Response): void;
  /** The cookie's value on the request, if it carries a non-empty one. */
  read(req: Request): string | undefined;
}

export interface SessionCookies {
  auth: Cookie;
  refresh: Cookie;
  /** Not a session cookie: a long-lived mark that this browser has signed in to an account before. */
  device: Cookie;
  /** Sets both cookies for a freshly issued session (login and refresh). */
  setSession(res: Response, issued: CookieCredentials): void;
  /** Clears both (sign-out, and a refused refresh credential). */
  clearSession(res: Response): void;
}

function cookie(name: string, options: CookieOptions): Cookie {
  return {
    set: (res, value, maxAgeSeconds) => {
      res.cookie(name, value, { ...options, maxAge: maxAgeSeconds * 1000 });
    },
    clear: (res) => {
      res.clearCookie(name, options);
    },
    read: (req) => {
      const value: unknown = req.cookies?.[name];
      return typeof value === 'string' && value.length > 0 ? value : undefined;
    },
  };
}

export function createCookies(settings: CookieSettings): SessionCookies {
  const auth = cookie(AUTH_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: settings.secure });
  const refresh = cookie(REFRESH_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    secure: settings.secure,
  });
  const device = cookie(DEVICE_COOKIE, { httpOnly: true, sameSite: 'strict', path: DEVICE_COOKIE_PATH, secure: settings.secure });
  return {
    auth,
    refresh,
    device,
    setSession(res, issued) {
      auth.set(res, issued.token, issued.expiresAt - issued.issuedAt);
      refresh.set(res, issued.refreshToken, issued.refreshExpiresAt - issued.issuedAt);
    },
    clearSession(res) {
      auth.clear(res);
      refresh.clear(res);
    },
  };
}

/** The token of an `Authorization: Bearer <token>` header value. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
}
