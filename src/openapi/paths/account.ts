import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { changePasswordBody, deleteAccountBody } from '../../routes/account-schemas';
import { accountDeletedResponse, errorBodies, meResponse, passwordChangedResponse } from '../../routes/response-schemas';
import { clearSessionCookies, errorResponses, json, jsonBody, noStore, SESSION_ROUTE_ERRORS, SESSION_SECURITY } from '../responses';

const wrongPassword = json('The current password is wrong (`WRONG_PASSWORD`), or a cross-site request was refused (`CSRF_REFUSED`)', errorBodies[403], noStore);
const accountChanged = json('The account changed meanwhile (a concurrent password change or deletion); retry', errorBodies[409], noStore);

/** GET /me, POST /password, DELETE /account (src/routes/account.ts). */
export function registerAccountPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/me',
    tags: ['Account'],
    summary: "The signed-in user's profile",
    security: SESSION_SECURITY,
    responses: {
      200: json('The profile', meResponse, noStore),
      ...errorResponses(...SESSION_ROUTE_ERRORS),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/password',
    tags: ['Account'],
    summary: 'Change the password: keeps the current session and revokes every other one',
    security: SESSION_SECURITY,
    request: { body: jsonBody(changePasswordBody) },
    responses: {
      200: json('Changed', passwordChangedResponse, noStore),
      ...errorResponses(...SESSION_ROUTE_ERRORS, 429),
      403: wrongPassword,
      409: accountChanged,
    },
  });

  registry.registerPath({
    method: 'delete',
    path: '/account',
    tags: ['Account'],
    summary: 'Delete the account and every session; its tokens stop working at once',
    security: SESSION_SECURITY,
    request: { body: jsonBody(deleteAccountBody) },
    responses: {
      200: json('Deleted; the cookies are cleared', accountDeletedResponse, clearSessionCookies.extend(noStore.shape)),
      ...errorResponses(...SESSION_ROUTE_ERRORS, 429),
      403: wrongPassword,
      409: accountChanged,
    },
  });
}
