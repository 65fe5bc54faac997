import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler, Router } from 'express';
import helmet from 'helmet';
import { openApiDocument } from '../openapi/document';

/** Our static files (the page, its script and style, the docs page and its initializer). */
const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
/** Swagger UI's prebuilt files, from the swagger-ui-dist npm package (nothing from a CDN). */
const SWAGGER_UI_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
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

const staticOptions = { index: false, redirect: false, dotfiles: 'ignore', fallthrough: true } as const;

/** GET /, /assets/*, /openapi.json, /docs, /docs/*: the web page and the API docs. */
export function webRoutes(): Router {
  const router = Router();

  router.get('/', pagePolicy, (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile('index.html', { root: PUBLIC_DIR });
  });
  router.use('/assets', pagePolicy, express.static(path.join(PUBLIC_DIR, 'assets'), staticOptions));

  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });

  // Express matches /docs and /docs/ alike; only the latter may serve the page, because its
  // relative URLs resolve against the directory. The redirect is relative too (stage prefixes).
  router.get('/docs', pagePolicy, (req, res) => {
    if (!req.path.endsWith('/')) {
      res.status(301).location('docs/').end();
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile('index.html', { root: path.join(PUBLIC_DIR, 'docs') });
  });
  router.use('/docs', pagePolicy, express.static(path.join(PUBLIC_DIR, 'docs'), staticOptions));
  router.get('/docs/:file', (req, res, next) => {
    const file = req.params.file;
    if (!SWAGGER_UI_FILES.has(file)) {
      next();
      return;
    }
    res.sendFile(file, { root: SWAGGER_UI_DIR, maxAge: '1h' });
  });

  return router;
}
