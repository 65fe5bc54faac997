import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AUTH_COOKIE } from '../http/cookies';
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from '../http/session-cookies';
import { errorBodies, type ErrorStatus } from '../routes/response-schemas';

/** Building blocks for path definitions: JSON bodies, error responses, the auth cookie. */

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'The body is malformed or a field is invalid (`field` names it)',
  401: 'Not authenticated',
  403: 'Refused: a cross-site request (`CSRF_REFUSED`: a foreign Origin, or a session cookie without Content-Type: application/json), or a wrong current password (`WRONG_PASSWORD`)',
  404: 'Not found',
  409: 'Conflict',
  413: 'The body is larger than 16 kB',
  415: 'The body is not JSON',
  429: 'Too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then)',
  500: 'Unexpected server error',
  503: 'The user store is unavailable; retry after `Retry-After` seconds',
};

export function json(description: string, schema: z.ZodType, headers?: ResponseConfig['headers']): ResponseConfig {
  return { description, content: { 'application/json': { schema } }, ...(headers ? { headers } : {}) };
}

/** A JSON request body. */
export function jsonBody(schema: z.ZodType, required = true) {
  return { required, content: { 'application/json': { schema } } };
}

const retryAfter = z.string().regex(/^\d+$/).meta({ description: 'Seconds to wait before retrying' });

/** The `{ message, code }` error responses for the given statuses. */
export function errorResponses(...statuses: ErrorStatus[]): Record<number, ResponseConfig> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      json(ERROR_DESCRIPTIONS[status], errorBodies[status], status === 503 || status === 429 ? z.object({ 'Retry-After': retryAfter }) : undefined),
    ]),
  );
}

/** What every JSON POST route can answer besides its own statuses (body, store and server failures). */
export const JSON_ROUTE_ERRORS: ErrorStatus[] = [400, 413, 415, 500, 503];

/** What every state-changing route can also answer: 403 CSRF_REFUSED (src/http/csrf.ts). */
export const CSRF_REFUSAL: ErrorStatus[] = [403];

/**
 * What every signed-in route can answer besides its own statuses: no live session (401), and the
 * JSON route errors, since a body, if one is sent to any route, must be well-formed JSON.
 */
export const SESSION_ROUTE_ERRORS: ErrorStatus[] = [...JSON_ROUTE_ERRORS, 401];

// Whatever else changes, both cookies stay out of script's reach and off cross-site requests, and the
// refresh credential is only ever sent to /refresh.
const authCookie = `${AUTH_COOKIE}=[^;]+;(?=.*; Path=/(;|$))(?=.*; HttpOnly(;|$))(?=.*; SameSite=(Lax|Strict)(;|$))`;
const refreshCookie = `${REFRESH_COOKIE}=[^;]+;(?=.*; Path=${REFRESH_COOKIE_PATH}(;|$))(?=.*; HttpOnly(;|$))(?=.*; SameSite=Strict(;|$))`;

const sessionCookie = z
  .string()
  .regex(new RegExp(`^(${authCookie}|${refreshCookie})`))
  .meta({
    description:
      `Two cookies: \`${AUTH_COOKIE}=<JWT>; Max-Age=…; Path=/; HttpOnly; Secure; SameSite=Lax\` and ` +
      `\`${REFRESH_COOKIE}=<refresh credential>; Max-Age=…; Path=${REFRESH_COOKIE_PATH}; HttpOnly; Secure; SameSite=Strict\` ` +
      '(Secure unless COOKIE_SECURE=false)',
  });

const clearedCookie = z
  .string()
  .regex(new RegExp(`^(${AUTH_COOKIE}|${REFRESH_COOKIE})=;`))
  .meta({
    description:
      `Clears both cookies: \`${AUTH_COOKIE}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; …\` and ` +
      `\`${REFRESH_COOKIE}=; Path=${REFRESH_COOKIE_PATH}; Expires=…\``,
  });

/** A new session's cookies (login and refresh). */
export const setSessionCookies = z.object({ 'Set-Cookie': sessionCookie });

/** The session's cookies cleared (sign-out, and a refused refresh credential). */
export const clearSessionCookies = z.object({ 'Set-Cookie': clearedCookie });

/** Answers about one signed-in user, and fresh credentials, are never for shared caches. */
export const noStore = z.object({ 'Cache-Control': z.literal('no-store') });

/** Routes that take the token from the body, a Bearer header or the cookie: any one will do. */
export const TOKEN_SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }, {}];

/** Routes for a signed-in user: the access token as a Bearer header or the auth cookie (one is required). */
export const SESSION_SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];
