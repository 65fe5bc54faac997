import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  loginResponse,
  logoutResponse,
  notVerifiedResponse,
  registerResponse,
  verifiedResponse,
} from '../../routes/response-schemas';
import { loginBody, logoutBody, registerBody, verifyBody } from '../../routes/schemas';
import { clearSessionCookies, errorResponses, json, jsonBody, JSON_ROUTE_ERRORS, CSRF_REFUSAL, setSessionCookies, TOKEN_SECURITY } from '../responses';

/** POST /register, /login, /verify, /logout (src/routes/auth.ts). */
export function registerAuthPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/register',
    tags: ['Auth'],
    summary: 'Create an account',
    request: { body: jsonBody(registerBody) },
    responses: {
      201: json('Registered', registerResponse),
      ...errorResponses(...JSON_ROUTE_ERRORS, ...CSRF_REFUSAL, 409, 429),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/login',
    tags: ['Auth'],
    summary: 'Sign in: returns a token and sets it as an HttpOnly cookie',
    request: { body: jsonBody(loginBody) },
    responses: {
      200: json('Signed in', loginResponse, setSessionCookies),
      ...errorResponses(...JSON_ROUTE_ERRORS, ...CSRF_REFUSAL, 401, 429),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/verify',
    tags: ['Auth'],
    summary: 'Check a token (from the body, a Bearer header or the cookie) and that its session is live',
    security: TOKEN_SECURITY,
    request: { body: jsonBody(verifyBody, false) },
    responses: {
      200: json('The token is valid', verifiedResponse),
      401: json('The token is missing, invalid, expired, revoked, or not the named user\'s', notVerifiedResponse),
      ...errorResponses(...JSON_ROUTE_ERRORS, ...CSRF_REFUSAL),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/logout',
    tags: ['Auth'],
    summary: 'Revoke the session of the presented token and clear the cookie',
    security: TOKEN_SECURITY,
    request: { body: jsonBody(logoutBody, false) },
    responses: {
      200: json('Signed out', logoutResponse, clearSessionCookies),
      ...errorResponses(...JSON_ROUTE_ERRORS, ...CSRF_REFUSAL, 401),
    },
  });
}
