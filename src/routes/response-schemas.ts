import { z } from 'zod';

/**
 * Response bodies, as zod schemas. The OpenAPI document is generated from them, the route handlers
 * type their answers with them (`satisfies`), and the test suite checks every response it receives
 * against the document. Objects are strict, so a field the document does not name (a leaked hash,
 * say) fails that check.
 */

const profileFields = {
  username: z.string().meta({ description: 'The spelling the user registered with' }),
  name: z.string(),
};

export const profile = z.strictObject(profileFields).meta({ id: 'Profile' });

export const registerResponse = z
  .strictObject({ message: z.literal('User registered successfully'), response: profile })
  .meta({ id: 'RegisterResponse' });

export const loginResponse = z
  .strictObject({
    message: z.literal('User logged in successfully'),
    response: z.strictObject({
      ...profileFields,
      token: z.string().meta({ description: 'The access token (JWT); also set as the HttpOnly auth cookie' }),
      expiresAt: z.number().int().meta({ description: 'When the token expires, in epoch seconds' }),
      refreshToken: z.string().meta({
        description: 'Single-use refresh credential for POST /refresh; also set as the HttpOnly refresh cookie (Path=/refresh)',
      }),
      refreshExpiresAt: z.number().int().meta({ description: 'When the session ends unless refreshed, in epoch seconds' }),
    }),
  })
  .meta({ id: 'LoginResponse' });

export const verifiedResponse = z
  .strictObject({ verified: z.literal(true), message: z.literal('success'), username: z.string() })
  .meta({ id: 'VerifiedResponse' });

export const notVerifiedResponse = z
  .strictObject({ verified: z.literal(false), message: z.string(), code: z.literal('UNAUTHENTICATED') })
  .meta({ id: 'NotVerifiedResponse' });

export const logoutResponse = z
  .strictObject({ message: z.literal('Logged out successfully') })
  .meta({ id: 'LogoutResponse' });

export const refreshResponse = z
  .strictObject({
    message: z.literal('Session refreshed'),
    response: z.strictObject({
      username: z.string(),
      token: z.string().meta({ description: 'A new access token (JWT); also set as the HttpOnly auth cookie' }),
      expiresAt: z.number().int().meta({ description: 'When the token expires, in epoch seconds' }),
      refreshToken: z.string().meta({
        description: 'The next single-use refresh credential (the presented one is now spent); also set as the refresh cookie',
      }),
      refreshExpiresAt: z.number().int().meta({ description: 'When the session ends unless refreshed again, in epoch seconds' }),
    }),
  })
  .meta({ id: 'RefreshResponse' });

const timestamp = z.iso.datetime();

export const meResponse = z
  .strictObject({
    response: z.strictObject({ ...profileFields, createdAt: timestamp.meta({ description: 'When the account was created' }) }),
  })
  .meta({ id: 'MeResponse' });

export const sessionView = z
  .strictObject({
    id: z.string().meta({ description: 'The session id, for DELETE /sessions/{id}' }),
    createdAt: timestamp.meta({ description: 'When the user signed in' }),
    lastUsedAt: timestamp.meta({ description: 'When the session was last refreshed (or created)' }),
    expiresAt: timestamp.meta({ description: 'When the session ends unless refreshed (idle timeout, capped by the absolute lifetime)' }),
    userAgent: z.string().nullable().meta({ description: 'The User-Agent header of the sign-in request' }),
    ip: z.string().nullable().meta({ description: 'The client address of the sign-in request' }),
    current: z.boolean().meta({ description: 'True for the session making this request' }),
  })
  .meta({ id: 'Session' });

export const sessionsResponse = z
  .strictObject({ sessions: z.array(sessionView).meta({ description: 'Live sessions, most recently used first' }) })
  .meta({ id: 'SessionsResponse' });

export const sessionRevokedResponse = z
  .strictObject({ message: z.literal('Session revoked') })
  .meta({ id: 'SessionRevokedResponse' });

export const logoutAllResponse = z
  .strictObject({
    message: z.literal('Logged out of every session'),
    revoked: z.number().int().min(0).meta({ description: 'How many sessions were revoked, the current one included' }),
  })
  .meta({ id: 'LogoutAllResponse' });

export const passwordChangedResponse = z
  .strictObject({ message: z.literal('Password changed; every other session was signed out') })
  .meta({ id: 'PasswordChangedResponse' });

export const accountDeletedResponse = z
  .strictObject({ message: z.literal('Account deleted') })
  .meta({ id: 'AccountDeletedResponse' });

/** Public halves only: a private member such as `d` fails the strict object. */
export const publicJwk = z
  .strictObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string().meta({ description: 'base64url' }),
    y: z.string().meta({ description: 'base64url' }),
    kid: z.string().meta({ description: 'Matches the `kid` header of the tokens this key signed' }),
    alg: z.literal('ES256'),
    use: z.literal('sig'),
  })
  .meta({ id: 'PublicJwk' });

export const jwksResponse = z
  .strictObject({ keys: z.array(publicJwk).meta({ description: 'Empty when tokens are signed with HS256 alone' }) })
  .meta({ id: 'JwkSet' });

/** The OpenAPI document itself, as served at /openapi.json (its full shape is the OpenAPI 3.1 schema's job). */
export const openApiDocumentResponse = z
  .looseObject({ openapi: z.string().startsWith('3.1.'), info: z.looseObject({}), paths: z.looseObject({}) })
  .meta({ id: 'OpenApiDocument' });

/** GET /page-config.json: what the hosted pages need to know that only the configuration says. */
export const pageConfigResponse = z
  .strictObject({
    name: z.string().meta({ description: 'The app name (BRAND_NAME)' }),
    logoUrl: z.string().nullable().meta({ description: 'The logo to show beside the name (BRAND_LOGO_URL), or null' }),
    redirectOrigins: z.array(z.string()).meta({
      description: 'Origins that `?redirect_to=` may send the browser back to after sign-in (ALLOWED_ORIGINS), besides the service itself',
    }),
  })
  .meta({ id: 'PageConfig' });

/** `{ message, code }`, with the codes a status can carry (see src/errors.ts and src/http/errors.ts). */
function errorBody<const Codes extends readonly [string, ...string[]], Extra extends z.ZodRawShape = {}>(
  id: string,
  codes: Codes,
  extra?: Extra,
) {
  return z
    .strictObject({
      message: z.string().meta({ description: 'A human-readable explanation, safe to show to the user' }),
      code: z.enum(codes).meta({ description: 'A stable machine-readable code' }),
      ...(extra as Extra),
    })
    .meta({ id });
}

/** Error bodies by status. To add a status or code, add it here; the document and checks follow. */
export const errorBodies = {
  400: errorBody('BadRequestError', ['VALIDATION_FAILED', 'MALFORMED_JSON', 'REQUEST_ABORTED', 'BAD_CONTENT_LENGTH'], {
    field: z.string().optional().meta({ description: 'The request field that failed validation' }),
  }),
  401: errorBody('UnauthorizedError', ['INVALID_CREDENTIALS', 'UNAUTHENTICATED']),
  403: errorBody('ForbiddenError', ['CSRF_REFUSED', 'WRONG_PASSWORD']),
  404: errorBody('NotFoundError', ['NOT_FOUND']),
  409: errorBody('ConflictError', ['USER_EXISTS', 'CONFLICT']),
  413: errorBody('PayloadTooLargeError', ['BODY_TOO_LARGE']),
  415: errorBody('UnsupportedMediaTypeError', ['UNSUPPORTED_MEDIA_TYPE', 'UNSUPPORTED_ENCODING', 'UNSUPPORTED_CHARSET']),
  429: errorBody('TooManyAttemptsError', ['TOO_MANY_ATTEMPTS'], {
    retryAfterSeconds: z.number().int().positive().meta({ description: 'The same as the Retry-After header' }),
  }),
  500: errorBody('InternalError', ['INTERNAL']),
  503: errorBody('ServiceUnavailableError', ['STORE_UNAVAILABLE']),
} as const;

/** POST /refresh's 401: also the reuse of a spent credential, which has just revoked its session. */
export const refreshRefusedBody = errorBody('RefreshRefusedError', ['UNAUTHENTICATED', 'REFRESH_TOKEN_REUSED']);

export type ErrorStatus = keyof typeof errorBodies;
export type RegisterResponse = z.infer<typeof registerResponse>;
export type LoginResponse = z.infer<typeof loginResponse>;
export type VerifiedResponse = z.infer<typeof verifiedResponse>;
export type NotVerifiedResponse = z.infer<typeof notVerifiedResponse>;
export type LogoutResponse = z.infer<typeof logoutResponse>;
export type RefreshResponse = z.infer<typeof refreshResponse>;
export type MeResponse = z.infer<typeof meResponse>;
export type SessionsResponse = z.infer<typeof sessionsResponse>;
export type SessionRevokedResponse = z.infer<typeof sessionRevokedResponse>;
export type LogoutAllResponse = z.infer<typeof logoutAllResponse>;
export type PasswordChangedResponse = z.infer<typeof passwordChangedResponse>;
export type AccountDeletedResponse = z.infer<typeof accountDeletedResponse>;
export type JwksResponse = z.infer<typeof jwksResponse>;
export type PageConfigResponse = z.infer<typeof pageConfigResponse>;
