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

/** Why the request is refused, said as what to send instead; `origin` when its origin is the reason. */
interface Refusal {
  reason: string;
  byOrigin: boolean;
}

function refusal(req: Request, allowedOrigins: ReadonlySet<string>): Refusal | null {
  const origin = req.get('origin');
  const originAllowed = origin !== undefined && (allowedOrigins.has(origin) || isOwnOrigin(origin, req));
  if (origin !== undefined && !originAllowed) {
    return {
      reason:
        "its Origin header is neither this service nor one of ALLOWED_ORIGINS: list the calling page's origin there, or send no Origin from a client that is not a browser",
      byOrigin: true,
    };
  }
  if (req.get('sec-fetch-site') === 'cross-site' && !originAllowed) {
    return { reason: 'Sec-Fetch-Site: cross-site without an Origin listed in ALLOWED_ORIGINS', byOrigin: true };
  }
  const carriesSessionCookie = [AUTH_COOKIE, REFRESH_COOKIE].some((name) => typeof req.cookies?.[name] === 'string');
  if (carriesSessionCookie && !declaresJson(req)) {
    return {
      reason:
        'a request that sends a session cookie must send Content-Type: application/json, even with no body (or authenticate with Authorization: Bearer instead)',
      byOrigin: false,
    };
  }
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
    const refused = refusal(req, allowed);
    if (refused === null) {
      next();
      return;
    }
    const { reason, byOrigin } = refused;
    req.log.warn(
      { event: 'csrf.refused', ip: req.ip, origin: req.get('origin'), secFetchSite: req.get('sec-fetch-site'), reason },
      byOrigin
        ? 'request refused: its origin is not in ALLOWED_ORIGINS'
        : 'request refused: a session cookie without Content-Type: application/json',
    );
    next(new CsrfRefusedError(reason));
  };
}
