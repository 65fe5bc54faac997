import * as z from 'zod';

/**
 * The error catalogue: every `{ message, code }` answer the API can give, with its status, its default
 * message, what it means (for the OpenAPI document) and the routes that can answer it. The error
 * classes below, the middleware (src/http/), the response schemas and the OpenAPI document
 * (src/contract/errors.ts, src/openapi/) and the tests' contract check all read it, so adding a code
 * is one entry here.
 *
 * Routes are named as `METHOD /path` with OpenAPI path templates (`DELETE /sessions/{id}`), or by a
 * marker for a whole group; src/contract/routes.ts says which route is in which group.
 */

export const EVERY_ROUTE = 'every route';
/** Every route of the JSON API (not the page, the docs or the key set): bodies are parsed as JSON there. */
export const JSON_ROUTES = 'every JSON route';
/** Every route that needs a live session (`requireSession`). */
export const SIGNED_IN_ROUTES = 'every signed-in route';
/** Every route that changes state (not GET): the CSRF check runs there. */
export const STATE_CHANGING_ROUTES = 'every state-changing route';
/** Any path the app has no route for. */
export const UNKNOWN_PATHS = 'any unknown path';
/** A known path asked with a method none of its routes serves (PUT /login); `Allow` lists those they do. */
export const WRONG_METHODS = 'any known path with a method it does not serve';
/** Every route of the admin API (`/admin/...`): operators only, never a user's session. */
export const ADMIN_ROUTES = 'every admin route';

export type RouteGroup =
  | typeof EVERY_ROUTE
  | typeof JSON_ROUTES
  | typeof SIGNED_IN_ROUTES
  | typeof STATE_CHANGING_ROUTES
  | typeof UNKNOWN_PATHS
  | typeof WRONG_METHODS
  | typeof ADMIN_ROUTES;
export type RouteId = `${'GET' | 'POST' | 'DELETE'} /${string}`;

export interface ErrorDefinition {
  status: number;
  /** The message when the thrower gives none. */
  message: string;
  /** When the API answers this code, for the OpenAPI document. */
  description: string;
  routes: readonly (RouteId | RouteGroup)[];
  /** Extra fields of the response body. */
  details?: z.ZodRawShape;
  /** The answer carries a Retry-After header. */
  retryAfter?: boolean;
  /** The body-parser error `type` this code answers. */
  bodyParserType?: string;
  /**
   * The status of the body-parser errors without a known `type` this code answers: those it passes on
   * from below (a zlib error for a corrupt or truncated compressed body) carry only a status.
   */
  bodyParserStatus?: number;
}

const defineErrors = <const Catalogue extends Record<string, ErrorDefinition>>(catalogue: Catalogue): Catalogue => catalogue;

const PASSWORD_CONFIRMING_ROUTES = ['POST /password', 'DELETE /account', 'POST /email'] as const;
/** The routes that mail a link, and so count against the mail limits. */
const MAILING_ROUTES = ['POST /password/forgot', 'POST /email/verify/resend', 'POST /email'] as const;
/** Routes that ask for a fresh proof (src/services/step-up.ts): the password, and the second factor when one is on. */
const STEP_UP_ROUTES = [
  ...PASSWORD_CONFIRMING_ROUTES,
  'DELETE /passkeys/{id}',
  'POST /mfa/totp',
  'POST /mfa/recovery-codes',
  'DELETE /mfa/totp',
] as const;
const PASSKEY_ROUTES = [
  'POST /passkeys/register/options',
  'POST /passkeys/register',
  'GET /passkeys',
  'DELETE /passkeys/{id}',
  'POST /passkeys/login/options',
  'POST /passkeys/login',
] as const;

/** The admin routes about one user: 404 when there is no such user. */
const ADMIN_USER_ROUTES = [
  'GET /admin/users/{username}',
  'GET /admin/users/{username}/sessions',
  'GET /admin/users/{username}/events',
  'POST /admin/users/{username}/disable',
  'POST /admin/users/{username}/enable',
  'POST /admin/users/{username}/sign-out',
  'POST /admin/users/{username}/unlock',
  'DELETE /admin/users/{username}',
] as const;

/** In status order; within a status, in the order the OpenAPI document lists the codes. */
export const ERRORS = defineErrors({
  VALIDATION_FAILED: {
    status: 400,
    message: 'body: is invalid',
    description: 'a field is invalid (`field` names it)',
    routes: [JSON_ROUTES],
    details: { field: z.string().optional().meta({ description: 'The request field that failed validation' }) },
  },
  MALFORMED_JSON: {
    status: 400,
    message: 'Malformed JSON body',
    description: 'the body is not well-formed JSON',
    routes: [JSON_ROUTES],
    bodyParserType: 'entity.parse.failed',
  },
  REQUEST_ABORTED: {
    status: 400,
    message: 'Request aborted',
    description: 'the client stopped sending the body',
    routes: [JSON_ROUTES],
    bodyParserType: 'request.aborted',
  },
  BAD_CONTENT_LENGTH: {
    status: 400,
    message: 'Request size did not match Content-Length',
    description: 'the body is not as long as Content-Length says',
    routes: [JSON_ROUTES],
    bodyParserType: 'request.size.invalid',
  },
  UNREADABLE_BODY: {
    status: 400,
    message: 'Request body could not be read',
    description: 'the body could not be decoded: a corrupt or truncated gzip, deflate or br body',
    routes: [JSON_ROUTES],
    bodyParserStatus: 400,
  },
  INVALID_TOKEN: {
    status: 400,
    message: 'This link is invalid, used or expired; ask for a new one',
    description: 'the mailed token is unknown, already used, replaced by a newer one, or expired',
    routes: ['POST /email/verify', 'POST /password/reset'],
  },
  PASSKEY_NOT_REGISTERED: {
    status: 400,
    message: 'That passkey could not be added',
    description:
      'the new passkey was refused: an unknown, used or expired challenge, a response that does not verify (origin, RP ID, user verification), or a passkey already added',
    routes: ['POST /passkeys/register'],
  },
  TOTP_NOT_CONFIRMED: {
    status: 400,
    message: 'That code did not match, or the set-up expired; check the time on your device or start again',
    description:
      'the code does not match the enrolment, or there is no live enrolment (none started, confirmed already, or older than 10 minutes)',
    routes: ['POST /mfa/totp/confirm'],
  },
  INVALID_CREDENTIALS: {
    status: 401,
    message: 'Wrong username or password',
    description: 'wrong username or password',
    routes: ['POST /login'],
  },
  PASSKEY_REFUSED: {
    status: 401,
    message: 'That passkey was not accepted',
    description:
      'the passkey sign-in failed: an unknown, used or expired challenge, an unknown passkey, a bad signature, or a signature counter that went back (a cloned authenticator)',
    routes: ['POST /passkeys/login'],
  },
  MFA_TOKEN_INVALID: {
    status: 401,
    message: 'This sign-in has expired or was already used; sign in again',
    description:
      'the mfaToken is unknown, used, older than 5 minutes or past its 5 tries, or the account changed since the password was checked',
    routes: ['POST /login/mfa'],
  },
  MFA_CODE_INVALID: {
    status: 401,
    message: 'Wrong code',
    description: 'the code (or recovery code) is wrong or was used already; the mfaToken has one try fewer',
    routes: ['POST /login/mfa'],
  },
  UNAUTHENTICATED: {
    status: 401,
    message: 'Invalid or expired token',
    description: 'no live session: the token or credential is missing, invalid, expired or revoked',
    routes: [SIGNED_IN_ROUTES, 'POST /verify', 'POST /logout', 'POST /refresh'],
  },
  ADMIN_UNAUTHENTICATED: {
    status: 401,
    message: 'Admin credentials required',
    description:
      "not an operator: locally, no `Authorization: Bearer <ADMIN_API_KEY>` or a wrong one; in AWS, a request that did not come through the IAM-authorized admin routes. A user's session never counts",
    routes: [ADMIN_ROUTES],
  },
  REFRESH_TOKEN_REUSED: {
    status: 401,
    message: 'Refresh token was already used; the session has been revoked',
    description: 'the refresh credential was already used, so its session has just been revoked',
    routes: ['POST /refresh'],
  },
  CSRF_REFUSED: {
    status: 403,
    message: 'Request refused by the CSRF check',
    description:
      'refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead',
    routes: [STATE_CHANGING_ROUTES],
  },
  WRONG_PASSWORD: {
    status: 403,
    message: 'Current password is wrong',
    description: 'the current password is wrong',
    routes: STEP_UP_ROUTES,
  },
  SECOND_FACTOR_REQUIRED: {
    status: 403,
    message: 'Two-step verification is on: enter a code from your authenticator app or a recovery code',
    description: 'two-step verification is on, and the request has no `code` or `recoveryCode` (the password was right)',
    routes: STEP_UP_ROUTES,
  },
  WRONG_SECOND_FACTOR: {
    status: 403,
    message: 'Wrong code',
    description: 'the code or recovery code is wrong or was used already (the password was right)',
    routes: STEP_UP_ROUTES,
  },
  ACCOUNT_DISABLED: {
    status: 403,
    message: 'This account is disabled',
    description:
      'the account is disabled by an operator; answered only after the right password (or passkey), so it reveals nothing to a guesser',
    routes: ['POST /login', 'POST /passkeys/login'],
  },
  NOT_FOUND: {
    status: 404,
    message: 'Not found',
    description: 'not found',
    routes: [
      UNKNOWN_PATHS,
      'GET /',
      'GET /assets/{file}',
      'GET /docs/',
      'GET /docs/{file}',
      'DELETE /sessions/{id}',
      'DELETE /passkeys/{id}',
      ...ADMIN_USER_ROUTES,
    ],
  },
  PASSKEYS_UNAVAILABLE: {
    status: 404,
    message: 'Passkeys are not set up on this server',
    description: 'passkeys are off: PUBLIC_URL is an IP address and WEBAUTHN_RP_ID is unset',
    routes: PASSKEY_ROUTES,
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    message: 'Method not allowed',
    description: 'the path exists, but none of its routes serves this method; the `Allow` header lists the methods it serves',
    routes: [WRONG_METHODS],
  },
  USER_EXISTS: {
    status: 409,
    message: 'User already exists',
    description: 'the username is taken',
    routes: ['POST /register'],
  },
  EMAIL_TAKEN: {
    status: 409,
    message: 'This address is already verified by another account',
    description: 'another account verified this address first (only the owner of the mailbox can see this)',
    routes: ['POST /email/verify'],
  },
  NOTHING_TO_VERIFY: {
    status: 409,
    message: 'There is no address waiting to be verified',
    description: 'the account has no unverified address to send a link to',
    routes: ['POST /email/verify/resend'],
  },
  CONFLICT: {
    status: 409,
    message: 'The account changed meanwhile; please try again',
    description: 'the account changed meanwhile (a concurrent password change or deletion); retry',
    routes: PASSWORD_CONFIRMING_ROUTES,
  },
  TOTP_NOT_ENABLED: {
    status: 409,
    message: 'Two-step verification is not on',
    description: 'two-step verification (TOTP) is not on for this account',
    routes: ['POST /mfa/recovery-codes', 'DELETE /mfa/totp'],
  },
  BODY_TOO_LARGE: {
    status: 413,
    message: 'Request body too large',
    description: 'the body is larger than 16 kB',
    routes: [JSON_ROUTES],
    bodyParserType: 'entity.too.large',
    bodyParserStatus: 413,
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: 'Content-Type must be application/json',
    description: 'the body is not JSON',
    routes: [JSON_ROUTES],
  },
  UNSUPPORTED_ENCODING: {
    status: 415,
    message: 'Unsupported content encoding',
    description: 'the body has a Content-Encoding the service does not read',
    routes: [JSON_ROUTES],
    bodyParserType: 'encoding.unsupported',
    bodyParserStatus: 415,
  },
  UNSUPPORTED_CHARSET: {
    status: 415,
    message: 'Unsupported charset',
    description: 'the body has a charset other than UTF-8',
    routes: [JSON_ROUTES],
    bodyParserType: 'charset.unsupported',
  },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    message: 'Too many attempts, please try again later',
    description: 'too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then)',
    routes: [
      'POST /register',
      'POST /login',
      'POST /login/mfa',
      'POST /passkeys/login/options',
      ...STEP_UP_ROUTES,
      ...MAILING_ROUTES,
    ],
    details: { retryAfterSeconds: z.number().int().positive().meta({ description: 'The same as the Retry-After header' }) },
    retryAfter: true,
  },
  INTERNAL: {
    status: 500,
    message: 'Internal server error',
    description: 'unexpected server error',
    routes: [EVERY_ROUTE],
  },
  STORE_UNAVAILABLE: {
    status: 503,
    message: 'Service temporarily unavailable, please retry',
    description: 'the user store is unavailable; retry after `Retry-After` seconds',
    routes: [JSON_ROUTES, 'GET /health/ready'],
    retryAfter: true,
  },
  MAIL_UNAVAILABLE: {
    status: 503,
    message: 'The mail could not be sent; please retry',
    description: 'the mail transport did not take the mail; what was asked for is kept, so a retry (or resend) works',
    routes: ['POST /email/verify/resend', 'POST /email'],
    retryAfter: true,
  },
});

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/**
 * The code that answers a body-parser error, if it is one: by its `type`, else, for a client error
 * (http-errors marks those `expose`), by its status. Only 5xx errors (body-parser misconfigured) and
 * errors that are not body-parser's are left to the 500 handler.
 */
export function bodyParserErrorCode(error: unknown): ErrorCode | undefined {
  const { type, status, expose } = (error ?? {}) as { type?: unknown; status?: unknown; expose?: unknown };
  const definition = (code: ErrorCode): ErrorDefinition => ERRORS[code];
  const byType = typeof type === 'string' ? ERROR_CODES.find((code) => definition(code).bodyParserType === type) : undefined;
  if (byType !== undefined) return byType;
  if (expose !== true || typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  return ERROR_CODES.find((code) => definition(code).bodyParserStatus === status);
}

/**
 * Typed errors: each carries its catalogue code (and so its status). Services throw these; the error
 * middleware turns them into `{ message, code }` responses.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code].message,
    /** Extra JSON fields for the response body (never secrets). */
    readonly details: Record<string, unknown> = {},
    /** Response headers, such as Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = ERRORS[code].status;
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(field: string, reason: string) {
    super('VALIDATION_FAILED', `${field}: ${reason}`, { field });
  }
}

export class InvalidCredentialsError extends AppError {
  /**
   * Whether the account exists: for the security log only (it decides whether the username may be
   * logged); never part of the response, which must not tell the two cases apart.
   */
  constructor(readonly accountExists: boolean) {
    super('INVALID_CREDENTIALS');
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message?: string) {
    super('UNAUTHENTICATED', message);
  }
}

export class UserExistsError extends AppError {
  constructor() {
    super('USER_EXISTS');
  }
}

export class StoreUnavailableError extends AppError {
  constructor(retryAfterSeconds = 1) {
    super('STORE_UNAVAILABLE', undefined, {}, { 'Retry-After': String(retryAfterSeconds) });
  }
}

export class TooManyAttemptsError extends AppError {
  constructor(retryAfterSeconds: number) {
    super('TOO_MANY_ATTEMPTS', undefined, { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
  }
}

export class AdminUnauthenticatedError extends AppError {
  constructor() {
    super('ADMIN_UNAUTHENTICATED');
  }
}

export class RefreshTokenReusedError extends AppError {
  /** `userKey`: whose session was revoked, for the security notice; never part of the response. */
  constructor(readonly userKey?: string) {
    super('REFRESH_TOKEN_REUSED');
  }
}

export class InvalidTokenError extends AppError {
  constructor() {
    super('INVALID_TOKEN');
  }
}

export class MailUnavailableError extends AppError {
  constructor(retryAfterSeconds = 5) {
    super('MAIL_UNAVAILABLE', undefined, {}, { 'Retry-After': String(retryAfterSeconds) });
  }
}

export class WrongPasswordError extends AppError {
  constructor() {
    super('WRONG_PASSWORD');
  }
}

export class AccountDisabledError extends AppError {
  constructor() {
    super('ACCOUNT_DISABLED');
  }
}

/**
 * A wrong second-factor code (TOTP or recovery code): counted by the attempt limiter as a failure, like a
 * wrong password. At sign-in it is 401 MFA_CODE_INVALID; in a step-up, 403 WRONG_SECOND_FACTOR.
 */
export class WrongCodeError extends AppError {
  constructor(code: 'MFA_CODE_INVALID' | 'WRONG_SECOND_FACTOR') {
    super(code);
  }
}

export class MethodNotAllowedError extends AppError {
  /** `allowed`: the methods the path serves, for the Allow header. */
  constructor(allowed: readonly string[]) {
    super('METHOD_NOT_ALLOWED', undefined, {}, { Allow: allowed.join(', ') });
  }
}

export class NotFoundError extends AppError {
  constructor(message?: string) {
    super('NOT_FOUND', message);
  }
}

export class ConflictError extends AppError {
  constructor(message?: string) {
    super('CONFLICT', message);
  }
}

export class CsrfRefusedError extends AppError {
  constructor(reason: string) {
    super('CSRF_REFUSED', `${ERRORS.CSRF_REFUSED.message}: ${reason}`);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super('UNSUPPORTED_MEDIA_TYPE');
  }
}
