/**
 * Typed errors: each carries the HTTP status it maps to and a stable machine-readable code.
 * Services throw these; the error middleware turns them into `{ message, code }` responses.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra JSON fields for the response body (never secrets). */
    readonly details: Record<string, unknown> = {},
    /** Response headers, such as Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(field: string, reason: string) {
    super(400, 'VALIDATION_FAILED', `${field}: ${reason}`, { field });
  }
}

export class InvalidCredentialsError extends AppError {
  /**
   * Whether the account exists: for the security log only (it decides whether the username may be
   * logged); never part of the response, which must not tell the two cases apart.
   */
  constructor(readonly accountExists: boolean) {
    super(401, 'INVALID_CREDENTIALS', 'Wrong username or password');
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Invalid or expired token') {
    super(401, 'UNAUTHENTICATED', message);
  }
}

export class UserExistsError extends AppError {
  constructor() {
    super(409, 'USER_EXISTS', 'User already exists');
  }
}

export class StoreUnavailableError extends AppError {
  constructor(retryAfterSeconds = 1) {
    super(503, 'STORE_UNAVAILABLE', 'Service temporarily unavailable, please retry', {}, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

export class TooManyAttemptsError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, 'TOO_MANY_ATTEMPTS', 'Too many attempts, please try again later', { retryAfterSeconds }, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

export class RefreshTokenReusedError extends AppError {
  constructor() {
    super(401, 'REFRESH_TOKEN_REUSED', 'Refresh token was already used; the session has been revoked');
  }
}

export class WrongPasswordError extends AppError {
  constructor() {
    super(403, 'WRONG_PASSWORD', 'Current password is wrong');
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found') {
    super(404, 'NOT_FOUND', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'CONFLICT', message);
  }
}
