import type { Request, RequestHandler } from 'express';
import { CsrfRefusedError } from '../errors';
import { AUTH_COOKIE, REFRESH_COOKIE } from './cookies';

/**
 * Cross-site request forgery defence for every state-changing request (anything but GET, HEAD and
 * OPTIONS), whatever it authenticates with:
 * - an `Origin` header, when present, must be this service's own origin or one of ALLOWED_ORIGINS
 *   (browsers send it on every cross-origin POST, so a foreign page is refused);
 * - `Sec-Fetch-Site: cross-site` is refused unless the origin is allowed;
 * - a request that carries a session cookie (auth or refresh) must declare `Content-Type: application/json`, even with
 *   an empty body: a browser sends that type cross-origin only after a CORS preflight, which only the
 *   allowed origins pass, and no HTML form can send it.
 * Requests authenticated by a bearer header or a body token cannot be forged by a browser at all.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isOwnOrigin(origin: string, req: Request): boolean {
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and garbage
  }
}

const declaresJson = (req: Request): boolean =>
  (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';

function refusal(req: Request, allowedOrigins: ReadonlySet<string>): string | null {
  const origin = req.get('origin');
  const originAllowed = origin !== undefined && (allowedOrigins.has(origin) || isOwnOrigin(origin, req));
  if (origin !== undefined && !originAllowed) return 'origin not allowed';
  if (req.get('sec-fetch-site') === 'cross-site' && !originAllowed) return 'cross-site request';
  const carriesSessionCookie = [AUTH_COOKIE, REFRESH_COOKIE].some((name) => typeof req.cookies?.[name] === 'string');
  if (carriesSessionCookie && !declaresJson(req))
    return 'a request with a session cookie must send Content-Type: application/json';
  return null;
}

/** Needs cookie-parser before it. */
export function csrfProtection(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const reason = refusal(req, allowed);
    if (reason === null) {
      next();
      return;
    }
    req.log.warn(
      { event: 'csrf.refused', ip: req.ip, origin: req.get('origin'), secFetchSite: req.get('sec-fetch-site'), reason },
      'cross-site request refused',
    );
    next(new CsrfRefusedError(reason));
  };
}
