import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { type HttpLogger, pinoHttp } from 'pino-http';
import type { Logger } from '../logger';

/** An incoming request id is reused only when it looks like one, so logs cannot be forged through it. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

interface SerializedRequest {
  method?: string;
  url?: string;
  raw?: IncomingMessage;
}

function withoutError(line: Record<string, unknown>): Record<string, unknown> {
  const { err: _synthetic, ...rest } = line;
  return rest;
}

/**
 * One compact line per request, and `req.log` bound to the request id so every line a handler writes
 * carries it. Only method, path (no query string), client IP and user agent are logged: never headers,
 * so cookies and Authorization cannot leak through them.
 */
export function requestLogging(logger: Logger): HttpLogger<IncomingMessage, ServerResponse> {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'reqId' },
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: SerializedRequest) => ({
        method: req.method,
        path: req.url?.split('?')[0],
        ip: (req.raw as Request | undefined)?.ip,
        userAgent: req.raw?.headers['user-agent'],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    // pino-http's default asks res.writableEnded, which serverless-express's response never sets, so
    // every Lambda request would read "request aborted"; writableFinished is true there and locally.
    customSuccessMessage: (req, res) =>
      !req.readableAborted && (res.writableEnded || res.writableFinished) ? 'request completed' : 'request aborted',
    // A 503 is the store being unavailable (throttled, down, slow): expected during an outage, and
    // already answered with Retry-After, so a warning. pino-http would attach a made-up Error (and its
    // stack) to every 5xx line that had no real error; such a line carries none.
    customLogLevel: (_req, res, error) => {
      if (error !== undefined) return 'error';
      if (res.statusCode === 503) return 'warn';
      return res.statusCode >= 500 ? 'error' : 'info';
    },
    customErrorObject: (_req, res, _error, line: Record<string, unknown>) =>
      (res as ServerResponse & { err?: unknown }).err === undefined && res.statusCode === 503 ? withoutError(line) : line,
    customErrorMessage: (_req, res) => (res.statusCode === 503 ? 'request completed: store unavailable' : 'request errored'),
  });
}
