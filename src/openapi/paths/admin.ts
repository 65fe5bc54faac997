import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  adminDone,
  adminSessions,
  adminSignedOut,
  adminUser,
  adminUserDetails,
  adminUserPage,
  userListQuery,
  usernameParam,
} from '../../contract/admin';
import { eventsQuery, eventsResponse } from '../../contract/events';
import type { ApiRoute } from '../../contract/routes';
import { json, noStore, registerRoute } from '../responses';

/** The admin API: the local bearer key, or SigV4 (IAM) in AWS. Never a user's session. */
export const ADMIN_SECURITY: Record<string, string[]>[] = [{ adminApiKey: [] }, { awsSigV4: [] }];

/** GET/POST/DELETE /admin/users… (src/routes/admin.ts). */
export function registerAdminPaths(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'adminApiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'Local server: `Authorization: Bearer <ADMIN_API_KEY>` (generated into DATA_DIR/admin-api-key when unset)',
  });
  registry.registerComponent('securitySchemes', 'awsSigV4', {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description:
      'AWS: a SigV4-signed request from a principal allowed execute-api:Invoke on the /admin routes (API Gateway IAM authorization)',
  });
  const admin = (
    route: ApiRoute,
    summary: string,
    responses: Parameters<typeof registerRoute>[2]['responses'],
    withUser = true,
  ) =>
    registerRoute(registry, route, {
      tags: ['Admin'],
      summary,
      security: ADMIN_SECURITY,
      ...(withUser ? { request: { params: usernameParam } } : {}),
      errorHeaders: noStore,
      responses,
    });

  registerRoute(registry, 'GET /admin/users', {
    tags: ['Admin'],
    summary: 'A page of users in username order, optionally by prefix (from the user directory, no table Scan)',
    security: ADMIN_SECURITY,
    request: { query: userListQuery },
    errorHeaders: noStore,
    responses: { 200: json('One page; `next` leads to the following one', adminUserPage, noStore) },
  });
  admin('GET /admin/users/{username}', 'One user: name, created, disabled, live sessions', {
    200: json('The user', adminUserDetails, noStore),
  });
  admin('GET /admin/users/{username}/sessions', "The user's live sessions, most recently used first", {
    200: json('Live sessions (`current` is always false here)', adminSessions, noStore),
  });
  registerRoute(registry, 'GET /admin/users/{username}/events', {
    tags: ['Admin'],
    summary: "The user's security events (audit trail), newest first, a page at a time, as GET /me/events shows them",
    security: ADMIN_SECURITY,
    request: { params: usernameParam, query: eventsQuery },
    errorHeaders: noStore,
    responses: { 200: json('One page; `next` leads to the older events', eventsResponse, noStore) },
  });
  admin(
    'POST /admin/users/{username}/disable',
    'Disable the account: sign-ins refused (403 ACCOUNT_DISABLED), every session ended at once',
    {
      200: json('Disabled', adminUser, noStore),
    },
  );
  admin('POST /admin/users/{username}/enable', 'Let a disabled account sign in again (its ended sessions stay ended)', {
    200: json('Enabled', adminUser, noStore),
  });
  admin('POST /admin/users/{username}/sign-out', 'End every session of the user', {
    200: json('Signed out everywhere', adminSignedOut, noStore),
  });
  admin('POST /admin/users/{username}/unlock', "Clear the account's failed-login lockout", {
    200: json('Unlocked', adminDone, noStore),
  });
  admin('DELETE /admin/users/{username}', 'Delete the account, its sessions and passkeys', {
    200: json('Deleted', adminDone, noStore),
  });
}
