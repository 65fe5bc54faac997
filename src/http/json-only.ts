import type { RequestHandler } from 'express';
import { UnsupportedMediaTypeError } from '../errors';

/** Request bodies must be JSON; a body of any other type is refused before it is parsed. */
export const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  // An empty body needs no type here (a bearer-only logout); any content must say it is JSON. Requests
  // carrying the auth cookie must declare JSON even when empty: see csrf.ts.
  const hasContent = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasContent && req.is('application/json') !== 'application/json') {
    next(new UnsupportedMediaTypeError());
    return;
  }
  next();
};
