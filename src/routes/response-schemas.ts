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

/** The OpenAPI document itself, as served at /openapi.json (its full shape is the OpenAPI 3.1 schema's job). */
export const openApiDocumentResponse = z
  .looseObject({ openapi: z.string().startsWith('3.1.'), info: z.looseObject({}), paths: z.looseObject({}) })
  .meta({ id: 'OpenApiDocument' });

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
  403: errorBody('ForbiddenError', ['CSRF_REFUSED']),
  404: errorBody('NotFoundError', ['NOT_FOUND']),
  409: errorBody('ConflictError', ['USER_EXISTS']),
  413: errorBody('PayloadTooLargeError', ['BODY_TOO_LARGE']),
  415: errorBody('UnsupportedMediaTypeError', ['UNSUPPORTED_MEDIA_TYPE', 'UNSUPPORTED_ENCODING', 'UNSUPPORTED_CHARSET']),
  429: errorBody('TooManyAttemptsError', ['TOO_MANY_ATTEMPTS'], {
    retryAfterSeconds: z.number().int().positive().meta({ description: 'The same as the Retry-After header' }),
  }),
  500: errorBody('InternalError', ['INTERNAL']),
  503: errorBody('ServiceUnavailableError', ['STORE_UNAVAILABLE']),
} as const;

export type ErrorStatus = keyof typeof errorBodies;
export type RegisterResponse = z.infer<typeof registerResponse>;
export type LoginResponse = z.infer<typeof loginResponse>;
export type VerifiedResponse = z.infer<typeof verifiedResponse>;
export type NotVerifiedResponse = z.infer<typeof notVerifiedResponse>;
export type LogoutResponse = z.infer<typeof logoutResponse>;
