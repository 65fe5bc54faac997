import { createRemoteJWKSet, customFetch, errors, type JWTPayload, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';

/**
 * Checks the service's access tokens in another Node service or Lambda, without a shared secret: the
 * signature against the service's public keys (its JWKS, ES256), with the issuer, audience and algorithm
 * pinned. A signature cannot tell that a session was revoked (logout, password change, account deleted);
 * for that, turn on `revocationCheck`, which asks the service's POST /verify and caches the answer briefly.
 */

export interface VerifierOptions {
  /** The service's URL, e.g. `https://auth.example.com`: the keys are read from `/.well-known/jwks.json` there. */
  serviceUrl: string;
  /** The service's JWT_ISSUER. */
  issuer: string;
  /** The service's JWT_AUDIENCE. */
  audience: string;
  /**
   * Also ask the service whether the session is still live (POST /verify). `true` caches each session's
   * answer for 5 seconds; revocations then take effect within that time.
   */
  revocationCheck?: boolean | { cacheSeconds?: number; maxEntries?: number };
  /** Leeway for `exp`/`iat` between the clocks (default 30 s, the service's own default). */
  clockToleranceSeconds?: number;
  /** How long a request to the service may take (default 5 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface VerifiedUser {
  username: string;
  sessionId: string;
  /** When the token expires, in epoch seconds. */
  expiresAt: number;
  claims: JWTPayload;
}

export type VerifyErrorCode =
  /** No Bearer header and no auth cookie. */
  | 'NO_TOKEN'
  /** Not a token of this service: bad signature, wrong issuer, audience or algorithm, expired, malformed. */
  | 'INVALID_TOKEN'
  /** A valid signature, but the service says the session has ended (revocation check). */
  | 'SESSION_REVOKED'
  /** The keys or the revocation check could not be fetched: neither accepted nor refused. */
  | 'VERIFIER_UNAVAILABLE';

export class VerifyError extends Error {
  override readonly name = 'VerifyError';
  /** The HTTP status to answer with: 401, or 503 when the service could not be asked. */
  readonly status: 401 | 503;
  constructor(
    readonly code: VerifyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = code === 'VERIFIER_UNAVAILABLE' ? 503 : 401;
  }
}

export type VerifyResult = { user: VerifiedUser; error?: undefined } | { user?: undefined; error: VerifyError };

type HeaderValue = string | string[] | undefined;

/**
 * Whatever carries the request's headers: a Node or Express request, a Fetch `Request`, or an API Gateway
 * event (payload 2.0 puts cookies in `cookies`; 1.0 keeps the sender's header case).
 */
export interface RequestLike {
  headers?: Record<string, HeaderValue> | Headers | null;
  cookies?: string[];
}

/** The header names and cookie the service itself reads the access token from. */
const AUTH_COOKIE = 'auth_token';
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

function header(request: RequestLike, name: string): string | undefined {
  const headers = request.headers;
  if (headers === undefined || headers === null) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const entries = headers as Record<string, HeaderValue>;
  const key = Object.keys(entries).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : entries[key];
  return Array.isArray(value) ? value.join(name === 'cookie' ? '; ' : ', ') : value;
}

function cookieValue(request: RequestLike, name: string): string | undefined {
  const pairs = [...(request.cookies ?? []), ...(header(request, 'cookie')?.split(';') ?? [])];
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    if (separator !== -1 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/** The access token as the service reads it: `Authorization: Bearer`, else the `auth_token` cookie. */
export function tokenOf(request: RequestLike): string | undefined {
  const authorization = header(request, 'authorization');
  if (authorization !== undefined) return BEARER.exec(authorization)?.[1];
  const cookie = cookieValue(request, AUTH_COOKIE);
  return cookie === undefined || cookie === '' ? undefined : cookie;
}

const DEFAULT_CACHE_SECONDS = 5;
/** Revocations must take effect soon: a longer cache is refused rather than trusted. */
const MAX_CACHE_SECONDS = 60;
const DEFAULT_CACHE_ENTRIES = 10_000;

/** JWKS or network trouble: the token could not be judged, which is not the same as a bad token. */
function unavailable(error: unknown): boolean {
  return (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    (error instanceof TypeError && /fetch/i.test(error.message)) ||
    (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) ||
    (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC' && /response/i.test(error.message))
  );
}

export interface Verifier {
  verifyToken(token: string): Promise<VerifyResult>;
  verifyRequest(request: RequestLike): Promise<VerifyResult>;
  /**
   * Express (or Connect) middleware: puts the user on `req.auth` and calls `next()`, or answers
   * 401 `{message, code: "UNAUTHENTICATED"}` (503 `VERIFIER_UNAVAILABLE` when the service cannot be asked).
   */
  middleware(): (request: RequestLike & { auth?: VerifiedUser }, response: ResponseLike, next: (error?: unknown) => void) => void;
}

export interface ResponseLike {
  status(code: number): { json(body: unknown): unknown };
  setHeader(name: string, value: string): unknown;
}

export function createVerifier(options: VerifierOptions): Verifier {
  const serviceUrl = options.serviceUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;
  const fetchImpl = options.fetch ?? fetch;
  const keys = createRemoteJWKSet(new URL(`${serviceUrl}/.well-known/jwks.json`), {
    timeoutDuration: timeoutMs,
    // The service answers the JWKS with max-age=300 and publishes a new key before it signs with it.
    cacheMaxAge: 300_000,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  });
  const clockTolerance = options.clockToleranceSeconds ?? 30;

  const check = options.revocationCheck;
  const settings = check === true ? {} : check === false || check === undefined ? undefined : check;
  const cacheSeconds = settings?.cacheSeconds ?? DEFAULT_CACHE_SECONDS;
  if (!(cacheSeconds >= 0 && cacheSeconds <= MAX_CACHE_SECONDS)) {
    throw new RangeError(`revocationCheck.cacheSeconds must be between 0 and ${MAX_CACHE_SECONDS}`);
  }
  /** Session id → whether POST /verify called it live; concurrent checks of one session share a request. */
  const liveSessions =
    settings === undefined
      ? undefined
      : new LRUCache<string, boolean, string>({
          max: settings.maxEntries ?? DEFAULT_CACHE_ENTRIES,
          // lru-cache needs a positive ttl; 1 ms is as good as no cache.
          ttl: Math.max(1, cacheSeconds * 1000),
          fetchMethod: (_sessionId, _stale, { context: token }) => askService(token),
        });

  async function askService(token: string): Promise<boolean> {
    const response = await fetchImpl(`${serviceUrl}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ token }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status === 200 || response.status === 401) {
      const body = (await response.json()) as { verified?: unknown };
      return response.status === 200 && body.verified === true;
    }
    throw new Error(`POST /verify answered ${response.status}`);
  }

  async function verifyToken(token: string): Promise<VerifyResult> {
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['ES256'],
        clockTolerance,
        requiredClaims: ['sub', 'exp', 'sid'],
      }));
    } catch (error) {
      if (unavailable(error))
        return { error: new VerifyError('VERIFIER_UNAVAILABLE', 'Could not read the signing keys', { cause: error }) };
      return { error: new VerifyError('INVALID_TOKEN', 'Invalid or expired token', { cause: error }) };
    }
    const { sub, sid, exp } = claims as { sub: unknown; sid: unknown; exp: number };
    if (typeof sub !== 'string' || typeof sid !== 'string')
      return { error: new VerifyError('INVALID_TOKEN', 'Invalid or expired token') };
    if (liveSessions !== undefined) {
      let live: boolean | undefined;
      try {
        live = await liveSessions.fetch(sid, { context: token });
      } catch (error) {
        return {
          error: new VerifyError('VERIFIER_UNAVAILABLE', 'Could not ask the service whether the session is live', {
            cause: error,
          }),
        };
      }
      if (live !== true) return { error: new VerifyError('SESSION_REVOKED', 'The session has ended') };
    }
    return { user: { username: sub, sessionId: sid, expiresAt: exp, claims } };
  }

  async function verifyRequest(request: RequestLike): Promise<VerifyResult> {
    const token = tokenOf(request);
    if (token === undefined) return { error: new VerifyError('NO_TOKEN', 'No token provided') };
    return verifyToken(token);
  }

  return {
    verifyToken,
    verifyRequest,
    middleware() {
      return (request, response, next) => {
        verifyRequest(request).then(({ user, error }) => {
          if (user !== undefined) {
            request.auth = user;
            next();
            return;
          }
          if (error.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
          response.status(error.status).json({
            message: error.status === 401 ? 'Invalid or expired token' : 'Could not check the token, please retry',
            code: error.status === 401 ? 'UNAUTHENTICATED' : 'VERIFIER_UNAVAILABLE',
          });
        }, next);
      };
    },
  };
}
