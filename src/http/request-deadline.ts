import type { RequestHandler } from 'express';
import { currentDeadline, withDeadline } from '../store/deadline';

/**
 * Gives the request its deadline (store/deadline.ts), unless the Lambda handler already set one from
 * the invocation's remaining time.
 */
export function requestDeadline(milliseconds: number): RequestHandler {
  return (_req, _res, next) => {
    if (currentDeadline() !== undefined) next();
    else withDeadline(milliseconds, next);
  };
}
