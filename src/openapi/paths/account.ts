import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  accountDeletedResponse,
  changePasswordBody,
  deleteAccountBody,
  meResponse,
  passwordChangedResponse,
} from '../../contract/account';
import { clearSessionCookies, json, jsonBody, noStore, registerRoute, SESSION_SECURITY } from '../responses';

/** GET /me, POST /password, DELETE /account (src/routes/account.ts). */
export function registerAccountPaths(registry: OpenAPIRegistry): void {
  registerRoute(registry, 'GET /me', {
    tags: ['Account'],
    summary: "The signed-in user's profile",
    security: SESSION_SECURITY,
    responses: { 200: json('The profile', meResponse, noStore) },
  });

  registerRoute(registry, 'POST /password', {
    tags: ['Account'],
    summary: 'Change the password: keeps the current session and revokes every other one',
    security: SESSION_SECURITY,
    request: { body: jsonBody(changePasswordBody) },
    errorHeaders: noStore,
    responses: { 200: json('Changed', passwordChangedResponse, noStore) },
  });

  registerRoute(registry, 'DELETE /account', {
    tags: ['Account'],
    summary: 'Delete the account and every session; its tokens stop working at once',
    security: SESSION_SECURITY,
    request: { body: jsonBody(deleteAccountBody) },
    errorHeaders: noStore,
    responses: {
      200: json('Deleted; the cookies are cleared', accountDeletedResponse, clearSessionCookies.extend(noStore.shape)),
    },
  });
}
