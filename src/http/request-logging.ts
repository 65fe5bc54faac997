import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Level } from 'pino';
import type { Logger } from '../logger';

declare module 'http' {
  interface IncomingMessage {
    /** The request's logger: every line it writes carries the request id (`reqId`). */
    log: Logger;
  }
}

/** An incoming request id is reused only when it looks like one, so logs cannot be forged through it. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A 503 is the store being unavailable (throttled, down, slow): expected during an outage and already
 * answered with Retry-After, so a warning; any other 5xx is an error.
 */
function completion(req: Request, res: Response): { level: Level; message: string } {
  if (res.statusCode === 503) return { level: 'warn', message: 'request completed: store unavailable' };
  if (res.statusCode >= 500) return { level: 'error', message: 'request errored' };
  // serverless-express's response never sets writableEnded; writableFinished is true there and locally.
  const answered = !req.readableAborted && (res.writableEnded || res.writableFinished);
  return { level: 'info', message: answered ? 'request completed' : 'request aborted' };
}

/**
 * One compact line per request, and `req.log` bound to the request id so every line a handler writes
 * carries it. Only method, path (no query string), client IP and user agent are logged: never headers,
 * so cookies and Authorization cannot leak through them.
 *
 * One child logger per request, bound to the id alone; the completion line is built only when its level
 * is enabled. pino-http, used before, made two per request, one of them serializing and redacting the
 * request, whether or not a line was written: about 3% of the server's CPU per verify at LOG_LEVEL=warn.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const reqId = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', reqId);
    req.log = logger.child({ reqId });
    const startedAt = Date.now();
    const completed = () => {
      res.off('finish', completed);
      res.off('close', completed);
      const { level, message } = completion(req, res);
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        req: { method: req.method, path: req.originalUrl.split('?')[0], ip: req.ip, userAgent: req.headers['user-agent'] },
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - startedAt,
      };
      req.log[level](line, message);
    };
    res.on('finish', completed);
    res.on('close', completed);
    next();
  };
}
