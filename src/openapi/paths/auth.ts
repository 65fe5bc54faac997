import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  loginBody,
  loginResponse,
  logoutBody,
  logoutResponse,
  notVerifiedResponse,
  registerBody,
  registerResponse,
  verifiedResponse,
  verifyBody,
} from '../../contract/auth';
import { clearSessionCookies, describeCodes, json, jsonBody, registerRoute, setLoginCookies, TOKEN_SECURITY } from '../responses';

/** POST /register, /login, /verify, /logout (src/routes/auth.ts). */
export function registerAuthPaths(registry: OpenAPIRegistry): void {
  registerRoute(registry, 'POST /register', {
    tags: ['Auth'],
    summary: 'Create an account',
    request: { body: jsonBody(registerBody) },
    responses: { 201: json('Registered', registerResponse) },
  });

  registerRoute(registry, 'POST /login', {
    tags: ['Auth'],
    summary: 'Sign in: returns a token and sets it as an HttpOnly cookie',
    request: { body: jsonBody(loginBody) },
    responses: { 200: json('Signed in', loginResponse, setLoginCookies) },
  });

  registerRoute(registry, 'POST /verify', {
    tags: ['Auth'],
    summary: 'Check a token (from the body, a Bearer header or the cookie) and that its session is live',
    security: TOKEN_SECURITY,
    request: { body: jsonBody(verifyBody, false) },
    responses: {
      200: json('The token is valid', verifiedResponse),
      401: json(`${describeCodes('POST /verify', 401)}, or not the named user's`, notVerifiedResponse),
    },
  });

  registerRoute(registry, 'POST /logout', {
    tags: ['Auth'],
    summary: 'Revoke the session of the presented token and clear the cookie',
    security: TOKEN_SECURITY,
    request: { body: jsonBody(logoutBody, false) },
    responses: { 200: json('Signed out', logoutResponse, clearSessionCookies) },
  });
}
