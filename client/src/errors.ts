import type { paths } from './openapi.js';

/** Every response the document lists, for every route and method. */
type AnyResponse = {
  [Path in keyof paths]: {
    [Method in keyof paths[Path]]: paths[Path][Method] extends { responses: infer Responses }
      ? Responses[keyof Responses]
      : never;
  }[keyof paths[Path]];
}[keyof paths];

type JsonBodyOf<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;

/** The error catalogue's codes: every `code` any route of the service can answer with, from its OpenAPI document. */
export type ServiceErrorCode = Extract<JsonBodyOf<AnyResponse>, { code: string }>['code'];

/**
 * Codes the client adds for failures that never reached the service's answer: the network (no answer at
 * all), or an answer that is not the service's JSON (a gateway's error page, say).
 */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

export type ErrorCode = ServiceErrorCode | ClientErrorCode;

/** A failed call, as a value: the HTTP status (0 without an answer) and the catalogue's code. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** The request field that failed validation (VALIDATION_FAILED). */
    readonly field?: string,
    /** How long to wait before trying again (TOO_MANY_ATTEMPTS). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** What every call resolves to: never a rejection for an HTTP or network failure. */
export type Result<Data> = { data: Data; error?: undefined } | { data?: undefined; error: AuthError };

interface ErrorBody {
  message?: unknown;
  code?: unknown;
  field?: unknown;
  retryAfterSeconds?: unknown;
}

/** The service's `{ message, code }` body as an AuthError; anything else is UNEXPECTED_RESPONSE. */
export function errorFromBody(status: number, body: unknown): AuthError {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  if (typeof fields.code !== 'string' || typeof fields.message !== 'string') {
    return new AuthError(status, 'UNEXPECTED_RESPONSE', `Unexpected answer from the service (HTTP ${status})`);
  }
  return new AuthError(
    status,
    // The service's codes are the document's; a newer service's code still comes through as a string.
    fields.code as ServiceErrorCode,
    fields.message,
    typeof fields.field === 'string' ? fields.field : undefined,
    typeof fields.retryAfterSeconds === 'number' ? fields.retryAfterSeconds : undefined,
  );
}

export function networkError(cause: unknown): AuthError {
  const error = new AuthError(0, 'NETWORK_ERROR', 'Could not reach the service');
  (error as { cause?: unknown }).cause = cause;
  return error;
}
