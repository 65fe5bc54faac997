import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, bodyParserErrorCode, NotFoundError, UnauthenticatedError } from '../errors';
import { logTokenRefused } from './security-log';

export const notFound: RequestHandler = (_req, _res, next) => {
  next(new NotFoundError());
};

/**
 * The one place errors become responses: typed errors and body-parser's errors answer their catalogue
 * entry (src/errors.ts); anything else is logged and answers a bare 500.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const bodyCode = bodyParserErrorCode(error);
  const answer = error instanceof AppError ? error : bodyCode === undefined ? undefined : new AppError(bodyCode);
  if (answer !== undefined) {
    if (answer instanceof UnauthenticatedError) logTokenRefused(req, answer);
    res
      .set(answer.headers)
      .status(answer.status)
      .json({ message: answer.message, code: answer.code, ...answer.details });
    return;
  }
  req.log.error({ err: error }, 'unhandled error');
  const internal = new AppError('INTERNAL');
  res.status(internal.status).json({ message: internal.message, code: internal.code });
};
