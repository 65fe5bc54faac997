import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Response headers for a JSON API. The Content-Security-Policy forbids everything because no response
 * of the API is a document. A router that serves HTML, mounted on its own path (`app.use('/docs', router)`),
 * uses its own `helmet.contentSecurityPolicy(...)`: it runs later and replaces this header for its responses.
 */
export const API_CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
  },
};

export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
      crossOriginResourcePolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
    // Answers carry tokens and account data: no cache, shared or private, may keep them.
    (_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
  ];
}

/**
 * CORS for the configured origins only, with credentials (the auth cookie); everyone else gets none.
 * A preflight gets its headers here and its answer (204 with Allow) from the route table (./methods.ts).
 */
export function corsForAllowedOrigins(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  const corsHeaders = cors({
    origin: allowedOrigins.length === 0 ? false : [...allowedOrigins],
    credentials: true,
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-Request-Id'],
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 600,
    preflightContinue: true,
  });
  return (req, res, next) => {
    const origin = req.get('origin');
    // A preflight the browser will fail: say why in the log, since the page only sees "CORS error".
    if (
      req.method === 'OPTIONS' &&
      origin !== undefined &&
      req.get('access-control-request-method') !== undefined &&
      !allowed.has(origin)
    ) {
      req.log.warn({ event: 'cors.refused', ip: req.ip, origin }, 'CORS preflight refused: its origin is not in ALLOWED_ORIGINS');
    }
    corsHeaders(req, res, next);
  };
}
