import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AUTH_COOKIE } from '../http/cookies';
import { errorBodies, type ErrorStatus } from '../routes/response-schemas';

/** Building blocks for path definitions: JSON bodies, error responses, the auth cookie. */

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'The body is malformed or a field is invalid (`field` names it)',
  401: 'Not authenticated',
  403: 'Cross-site request refused (foreign Origin, or the auth cookie without Content-Type: application/json)',
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

/** What every JSON POST route can answer besides its own statuses (body, CSRF, store and server failures). */
export const JSON_ROUTE_ERRORS: ErrorStatus[] = [400, 403, 413, 415, 500, 503];

export const setAuthCookie = z.object({
  'Set-Cookie': z
    .string()
    // Whatever else changes, the cookie stays out of script's reach and off cross-site requests.
    .regex(new RegExp(`^${AUTH_COOKIE}=[^;]+;(?=.*; HttpOnly(;|$))(?=.*; SameSite=(Lax|Strict)(;|$))`))
    .meta({ description: `\`${AUTH_COOKIE}=<JWT>; Max-Age=…; Path=/; HttpOnly; Secure; SameSite=Lax\` (Secure unless COOKIE_SECURE=false)` }),
});

export const clearAuthCookie = z.object({
  'Set-Cookie': z
    .string()
    .regex(new RegExp(`^${AUTH_COOKIE}=;`))
    .meta({ description: `Clears the cookie: \`${AUTH_COOKIE}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; …\`` }),
});

/** Routes that take the token from the body, a Bearer header or the cookie: any one will do. */
export const TOKEN_SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }, {}];
