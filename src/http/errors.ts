import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, bodyParserErrorCode, NotFoundError, UnauthenticatedError } from '../errors';
import { type AppMetrics, METRIC } from '../metrics';
import { logTokenRefused } from './security-log';

export const notFound: RequestHandler = (_req, _res, next) => {
  next(new NotFoundError());
};

/**
 * The one place errors become responses: typed errors and body-parser's errors answer their catalogue
 * entry (src/errors.ts); anything else is logged and answers a bare 500. Every 5xx is counted here
 * (ServerErrors), and the store's 503s also as StoreErrors.
 */
export function errorHandler(metrics: AppMetrics): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const bodyCode = bodyParserErrorCode(error);
    const answer = error instanceof AppError ? error : bodyCode === undefined ? undefined : new AppError(bodyCode);
    if (answer !== undefined) {
      if (answer instanceof UnauthenticatedError) logTokenRefused(req, answer);
      if (answer.status >= 500) metrics.count(METRIC.serverErrors);
      if (answer.code === 'STORE_UNAVAILABLE') metrics.count(METRIC.storeErrors);
      res
        .set(answer.headers)
        .status(answer.status)
        .json({ message: answer.message, code: answer.code, ...answer.details });
      return;
    }
    req.log.error({ err: error }, 'unhandled error');
    metrics.count(METRIC.serverErrors);
    const internal = new AppError('INTERNAL');
    res.status(internal.status).json({ message: internal.message, code: internal.code });
  };
}
