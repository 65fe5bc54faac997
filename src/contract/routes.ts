import { ADMIN_ROUTES, JSON_ROUTES, type RouteGroup, type RouteId, SIGNED_IN_ROUTES, STATE_CHANGING_ROUTES } from '../errors';

/**
 * Every route of the app, as `METHOD /path` (OpenAPI path templates), with the groups it belongs to:
 * the error catalogue (src/errors.ts) names routes and groups, and this table resolves the groups.
 * `ownErrorBodies` lists statuses whose body the route documents itself instead of the shared
 * `{ message, code }` body of that status (/verify's `verified: false`, /refresh's reuse answer).
 */
export interface RouteTraits {
  groups: readonly RouteGroup[];
  ownErrorBodies?: readonly number[];
}

const PUBLIC_POST: RouteTraits = { groups: [JSON_ROUTES, STATE_CHANGING_ROUTES] };
const SIGNED_IN_GET: RouteTraits = { groups: [JSON_ROUTES, SIGNED_IN_ROUTES] };
const SIGNED_IN_CHANGE: RouteTraits = { groups: [JSON_ROUTES, SIGNED_IN_ROUTES, STATE_CHANGING_ROUTES] };
const STATIC: RouteTraits = { groups: [] };
const ADMIN_GET: RouteTraits = { groups: [JSON_ROUTES, ADMIN_ROUTES] };
const ADMIN_CHANGE: RouteTraits = { groups: [JSON_ROUTES, ADMIN_ROUTES, STATE_CHANGING_ROUTES] };

export const ROUTES = {
  'POST /register': PUBLIC_POST,
  'POST /login': PUBLIC_POST,
  'POST /login/mfa': PUBLIC_POST,
  'POST /verify': { ...PUBLIC_POST, ownErrorBodies: [401] },
  'POST /logout': PUBLIC_POST,
  'POST /refresh': { ...PUBLIC_POST, ownErrorBodies: [401] },
  'GET /sessions': SIGNED_IN_GET,
  'DELETE /sessions/{id}': SIGNED_IN_CHANGE,
  'POST /logout-all': SIGNED_IN_CHANGE,
  'GET /me': SIGNED_IN_GET,
  'GET /me/events': SIGNED_IN_GET,
  'POST /password': SIGNED_IN_CHANGE,
  'DELETE /account': SIGNED_IN_CHANGE,
  'POST /email': SIGNED_IN_CHANGE,
  'POST /email/verify': PUBLIC_POST,
  'POST /email/verify/resend': SIGNED_IN_CHANGE,
  'POST /password/forgot': PUBLIC_POST,
  'POST /password/reset': PUBLIC_POST,
  'GET /mfa': SIGNED_IN_GET,
  'POST /mfa/totp': SIGNED_IN_CHANGE,
  'POST /mfa/totp/confirm': SIGNED_IN_CHANGE,
  'POST /mfa/recovery-codes': SIGNED_IN_CHANGE,
  'DELETE /mfa/totp': SIGNED_IN_CHANGE,
  'POST /passkeys/register/options': SIGNED_IN_CHANGE,
  'POST /passkeys/register': SIGNED_IN_CHANGE,
  'GET /passkeys': SIGNED_IN_GET,
  'DELETE /passkeys/{id}': SIGNED_IN_CHANGE,
  'POST /passkeys/login/options': PUBLIC_POST,
  'POST /passkeys/login': PUBLIC_POST,
  'GET /admin/users': ADMIN_GET,
  'GET /admin/users/{username}': ADMIN_GET,
  'GET /admin/users/{username}/sessions': ADMIN_GET,
  'GET /admin/users/{username}/events': ADMIN_GET,
  'POST /admin/users/{username}/disable': ADMIN_CHANGE,
  'POST /admin/users/{username}/enable': ADMIN_CHANGE,
  'POST /admin/users/{username}/sign-out': ADMIN_CHANGE,
  'POST /admin/users/{username}/unlock': ADMIN_CHANGE,
  'DELETE /admin/users/{username}': ADMIN_CHANGE,
  'GET /.well-known/jwks.json': STATIC,
  'GET /': STATIC,
  'GET /assets/{file}': STATIC,
  'GET /page-config.json': STATIC,
  'GET /page-theme.css': STATIC,
  'GET /openapi.json': STATIC,
  'GET /docs': STATIC,
  'GET /docs/': STATIC,
  'GET /docs/{file}': STATIC,
  'GET /health': STATIC,
  'GET /health/ready': STATIC,
} as const satisfies Record<RouteId, RouteTraits>;

export type ApiRoute = keyof typeof ROUTES;

export const isApiRoute = (route: string): route is ApiRoute => Object.hasOwn(ROUTES, route);
