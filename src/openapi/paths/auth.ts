import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
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
import { mfaLoginBody, mfaRequiredResponse } from '../../contract/mfa';
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
    summary: 'Sign in: returns a token and sets it as an HttpOnly cookie; or, with two-step verification on, an mfaToken',
    description:
      'For an account with a second factor the right password answers `{"mfaRequired": true, "mfaToken": …, "methods": […]}` ' +
      'with no cookie and no token (and `Cache-Control: no-store`); POST /login/mfa completes the sign-in.',
    request: { body: jsonBody(loginBody) },
    responses: {
      200: json(
        'Signed in (LoginResponse, with the cookies), or the password was right and a second factor is needed (MfaRequiredResponse, no cookie)',
        z.union([loginResponse, mfaRequiredResponse]),
        z.object({ 'Set-Cookie': setLoginCookies.shape['Set-Cookie'].optional() }),
      ),
    },
  });

  registerRoute(registry, 'POST /login/mfa', {
    tags: ['Auth'],
    summary:
      'The second step of a sign-in: the mfaToken and a code (or a recovery code); the same answer and cookies as POST /login',
    description:
      'The mfaToken lasts 5 minutes, works once and allows 5 tries. Wrong codes also count per account ' +
      "(MFA_ACCOUNT_MAX_FAILURES) and per IP: past them the answer is 429 with Retry-After. The session's `amr` is " +
      '`["pwd","otp"]` with a code and `["pwd","rcode"]` with a recovery code.',
    request: { body: jsonBody(mfaLoginBody) },
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
