import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { errorBodies } from '../contract/errors';
import { AUTH_COOKIE, REFRESH_COOKIE } from '../http/cookies';
import { registerAccountPaths } from './paths/account';
import { registerAdminPaths } from './paths/admin';
import { registerAuthPaths } from './paths/auth';
import { registerEmailPaths } from './paths/email';
import { registerEventPaths } from './paths/events';
import { registerHealthPaths } from './paths/health';
import { registerKeyPaths } from './paths/keys';
import { registerMfaPaths } from './paths/mfa';
import { registerPasskeyPaths } from './paths/passkeys';
import { registerSessionPaths } from './paths/sessions';
import { registerWebPaths } from './paths/web';

/** What `generateDocument` returns: an OpenAPI 3.1 object. */
export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/**
 * Every route's path definition. To document a new route, write `registerXPaths(registry)` in
 * src/openapi/paths/ (using the route's own zod schemas) and add it here.
 */
const PATH_DEFINITIONS = [
  registerAuthPaths,
  registerSessionPaths,
  registerAccountPaths,
  registerEmailPaths,
  registerMfaPaths,
  registerEventPaths,
  registerPasskeyPaths,
  registerKeyPaths,
  registerWebPaths,
  registerHealthPaths,
  registerAdminPaths,
];

function buildDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The token from POST /login, as `Authorization: Bearer <token>`',
  });
  registry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: AUTH_COOKIE,
    description: 'The HttpOnly cookie set by POST /login (what browsers use)',
  });
  registry.registerComponent('securitySchemes', 'refreshCookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: REFRESH_COOKIE,
    description: 'The HttpOnly refresh cookie set by POST /login and POST /refresh; browsers send it to /refresh only',
  });
  for (const register of PATH_DEFINITIONS) register(registry);

  // Every shared error body (each has its id), those answered outside any route too: the 405 of a wrong method.
  const errorSchemas = [...errorBodies.values()].map((schema) => ({ type: 'schema' as const, schema }));
  return new OpenApiGeneratorV31([...registry.definitions, ...errorSchemas]).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'serverless-auth',
      version: '0.1.0',
      description:
        'Sign-up, sign-in, sessions and accounts for serverless apps. Browsers use the HttpOnly `auth_token` cookie (and `refresh_token`, sent to /refresh only); other clients send the access token as a Bearer header and the refresh credential in the body. ' +
        'Every path also answers `OPTIONS` with `204` and an `Allow` header listing its methods (and the CORS headers, for ALLOWED_ORIGINS); any other method it does not serve answers `405` with `Allow` and a `MethodNotAllowedError` body.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    // Relative, so the document works wherever it is served from (an API Gateway stage prefix too).
    servers: [{ url: '.' }],
  });
}

let cached: OpenApiDocument | undefined;

/** The document, generated once (on first use, so a Lambda cold start that never serves it skips the work). */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildDocument();
  return cached;
}
