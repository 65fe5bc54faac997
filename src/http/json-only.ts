import type { RequestHandler } from 'express';
import { AppError } from '../errors';

/** Request bodies must be JSON; a body of any other type is refused before it is parsed. */
export const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  // req.is() answers null when there is no body at all, which is fine (e.g. a cookie-only logout).
  if (req.is('application/json') === false) {
    next(new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json'));
    return;
  }
  next();
};
