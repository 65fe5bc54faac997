import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { errorCodesOf, sendsRetryAfter, sharedErrorBody, sharedErrorStatuses } from '../contract/errors';
import type { ApiRoute } from '../contract/routes';
import { ERRORS } from '../errors';
import { AUTH_COOKIE, DEVICE_COOKIE, DEVICE_COOKIE_PATH, REFRESH_COOKIE, REFRESH_COOKIE_PATH } from '../http/cookies';

/** Building blocks for path definitions: JSON bodies, error responses, the session cookies. */

export function json(description: string, schema: z.ZodType, headers?: ResponseConfig['headers']): ResponseConfig {
  return { description, content: { 'application/json': { schema } }, ...(headers ? { headers } : {}) };
}

/** A JSON request body. */
export function jsonBody(schema: z.ZodType, required = true) {
  return { required, content: { 'application/json': { schema } } };
}

const retryAfter = z.string().regex(/^\d+$/).meta({ description: 'Seconds to wait before retrying' });

/** What the codes mean, one clause per code: `CODE`: what happened. */
export function describeCodes(route: ApiRoute, status: number): string {
  return errorCodesOf(route, status)
    .map((code) => `\`${code}\`: ${ERRORS[code].description}`)
    .join('; ');
}

/**
 * The route's error responses, from the error catalogue: every status it can answer with the shared
 * `{ message, code }` body of that status, described by the codes this route can answer in it.
 */
function errorResponses(route: ApiRoute, headers?: ResponseConfig['headers']): Record<number, ResponseConfig> {
  return Object.fromEntries(
    sharedErrorStatuses(route).map((status) => {
      const withRetryAfter = sendsRetryAfter(errorCodesOf(route, status)) ? z.object({ 'Retry-After': retryAfter }) : undefined;
      const allHeaders = headers === undefined ? withRetryAfter : (withRetryAfter ?? z.object({})).extend(headers.shape);
      return [status, json(describeCodes(route, status), sharedErrorBody(status), allHeaders)];
    }),
  );
}

type RouteDefinition = Omit<RouteConfig, 'method' | 'path'> & {
  /** Headers every error answer of the route carries too (Cache-Control on signed-in routes). */
  errorHeaders?: z.ZodObject;
};

/** Registers a route with its own responses and the error responses the catalogue gives it. */
export function registerRoute(
  registry: OpenAPIRegistry,
  route: ApiRoute,
  { errorHeaders, ...definition }: RouteDefinition,
): void {
  const [method, path] = route.split(' ') as [string, string];
  registry.registerPath({
    ...definition,
    method: method.toLowerCase() as RouteConfig['method'],
    path,
    responses: { ...errorResponses(route, errorHeaders), ...definition.responses },
  });
}

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

// The device cookie is sent only to the sign-in routes and never to script, nor cross-site.
const deviceCookie = `${DEVICE_COOKIE}=[^;]+;(?=.*; Path=${DEVICE_COOKIE_PATH}(;|$))(?=.*; HttpOnly(;|$))(?=.*; SameSite=Strict(;|$))`;

/** A sign-in's cookies: the session's, and the device cookie when this browser is new to the account. */
export const setLoginCookies = z.object({
  'Set-Cookie': z
    .string()
    .regex(new RegExp(`^(${authCookie}|${refreshCookie}|${deviceCookie})`))
    .meta({
      description:
        `${sessionCookie.description ?? ''}; and, when the browser sent no device cookie for this account, ` +
        `\`${DEVICE_COOKIE}=<device id and MAC>; Max-Age=31536000; Path=${DEVICE_COOKIE_PATH}; HttpOnly; Secure; SameSite=Strict\`: ` +
        "sign-ins that present it are judged by the device's own failure budget, not the account-wide lockout",
    }),
});

/** The session's cookies cleared (sign-out, and a refused refresh credential). */
export const clearSessionCookies = z.object({ 'Set-Cookie': clearedCookie });

/** Answers about one signed-in user, and fresh credentials, are never for shared caches. */
export const noStore = z.object({ 'Cache-Control': z.literal('no-store') });

/** Routes that take the token from the body, a Bearer header or the cookie: any one will do. */
export const TOKEN_SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }, {}];

/** Routes for a signed-in user: the access token as a Bearer header or the auth cookie (one is required). */
export const SESSION_SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];
