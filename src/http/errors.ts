import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, UnauthenticatedError } from '../errors';
import { logTokenRefused } from './security-log';

/** body-parser's error types, mapped to the status a client should see. */
const BODY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'MALFORMED_JSON', message: 'Malformed JSON body' },
  'entity.too.large': { status: 413, code: 'BODY_TOO_LARGE', message: 'Request body too large' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_ENCODING', message: 'Unsupported content encoding' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_CHARSET', message: 'Unsupported charset' },
  'request.aborted': { status: 400, code: 'REQUEST_ABORTED', message: 'Request aborted' },
  'request.size.invalid': { status: 400, code: 'BAD_CONTENT_LENGTH', message: 'Request size did not match Content-Length' },
};

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ message: 'Not found', code: 'NOT_FOUND' });
};

/** The one place errors become responses: typed errors keep their status, anything else is a bare 500. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (error instanceof AppError) {
    if (error instanceof UnauthenticatedError) logTokenRefused(req, error);
    res.set(error.headers).status(error.status).json({ message: error.message, code: error.code, ...error.details });
    return;
  }
  const bodyError = BODY_ERRORS[(error as { type?: string } | null)?.type ?? ''];
  if (bodyError !== undefined) {
    res.status(bodyError.status).json({ message: bodyError.message, code: bodyError.code });
    return;
  }
  req.log.error({ err: error }, 'unhandled error');
  res.status(500).json({ message: 'Internal server error', code: 'INTERNAL' });
};
