import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';
import helmet from 'helmet';
import { openApiDocument } from '../openapi/document';
import { staticDirs } from '../web/static-dirs';

/** The Swagger UI files the docs page loads; the package's demo page and OAuth helper are not served. */
const SWAGGER_UI_FILES = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
]);

/**
 * The page's and the docs' policy: only our own files, no inline script or style, no framing.
 * Set here, per route, so it replaces the API's stricter JSON-only policy on these responses only.
 */
const pagePolicy: RequestHandler = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    formAction: ["'self'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
  },
});

/** Serves `file` from `dir`, or passes on (to the JSON 404) when the file or the directory is missing. */
function sendFrom(dir: string | undefined, file: string, options: { maxAge?: string; noCache?: boolean } = {}): RequestHandler {
  return (_req, res, next) => {
    if (dir === undefined) {
      next();
      return;
    }
    if (options.noCache) res.set('Cache-Control', 'no-cache');
    res.sendFile(file, { root: dir, ...(options.maxAge ? { maxAge: options.maxAge } : {}) }, (error) => {
      if (error !== undefined && !res.headersSent) next();
    });
  };
}

/** Passes on to the JSON 404 when the directory is missing (e.g. a bundle shipped without it). */
function staticFrom(dir: string | undefined): RequestHandler {
  if (dir === undefined) return (_req, _res, next) => next();
  return express.static(dir, { index: false, redirect: false, dotfiles: 'ignore', fallthrough: true });
}

/** GET /, /assets/*, /openapi.json, /docs, /docs/*: the web page and the API docs. */
export function webRoutes(): Router {
  const router = Router();
  const { publicDir, swaggerUiDir } = staticDirs();
  const docsDir = publicDir === undefined ? undefined : path.join(publicDir, 'docs');

  router.get('/', pagePolicy, sendFrom(publicDir, 'index.html', { noCache: true }));
  router.use('/assets', pagePolicy, staticFrom(publicDir === undefined ? undefined : path.join(publicDir, 'assets')));

  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });

  // Express matches /docs and /docs/ alike; only the latter may serve the page, because its
  // relative URLs resolve against the directory. The redirect is relative too (stage prefixes).
  router.get('/docs', pagePolicy, (req, res, next) => {
    if (req.path.endsWith('/')) {
      next();
      return;
    }
    res.status(301).location('docs/').end();
  }, sendFrom(docsDir, 'index.html', { noCache: true }));
  router.use('/docs', pagePolicy, staticFrom(docsDir));
  router.get('/docs/:file', (req, res, next) => {
    const file = req.params.file;
    if (!SWAGGER_UI_FILES.has(file)) {
      next();
      return;
    }
    sendFrom(swaggerUiDir, file, { maxAge: '1h' })(req, res, next);
  });

  return router;
}
