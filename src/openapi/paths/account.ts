import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  accountDeletedResponse,
  changePasswordBody,
  deleteAccountBody,
  meResponse,
  passwordChangedResponse,
} from '../../contract/account';
import { clearSessionCookies, json, noStore, registerRoute, SESSION_SECURITY } from '../responses';
import { signedInBodyRoutes } from '../signed-in-body-routes';

/** GET /me, POST /password, DELETE /account (src/routes/account.ts). */
export function registerAccountPaths(registry: OpenAPIRegistry): void {
  registerRoute(registry, 'GET /me', {
    tags: ['Account'],
    summary: "The signed-in user's profile",
    security: SESSION_SECURITY,
    responses: { 200: json('The profile', meResponse, noStore) },
  });

  const stepUp = signedInBodyRoutes(registry, ['Account']);
  stepUp('POST /password', {
    summary: 'Change the password: keeps the current session and revokes every other one',
    body: changePasswordBody,
    responses: { 200: json('Changed', passwordChangedResponse, noStore) },
  });

  stepUp('DELETE /account', {
    summary: 'Delete the account and every session; its tokens stop working at once',
    body: deleteAccountBody,
    responses: {
      200: json('Deleted; the cookies are cleared', accountDeletedResponse, clearSessionCookies.extend(noStore.shape)),
    },
  });
}
