import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';
import helmet from 'helmet';
import type { Branding } from '../config-branding';
import type { PageConfigResponse } from '../contract/web';
import { staticDirs } from '../web/static-dirs';
import { themeCss } from '../web/theme';

/** The Swagger UI files the docs page loads; the package's demo page and OAuth helper are not served. */
const SWAGGER_UI_FILES = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
]);

/**
 * The page's and the docs' policy: only our own files (and the configured logo), no inline script or
 * style, no framing. Set per route, so it replaces the API's stricter JSON-only policy on these responses only.
 */
function pagePolicy(logoUrl: string | undefined): RequestHandler {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', ...(logoUrl === undefined ? [] : [new URL(logoUrl).origin])],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
  });
}

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

export interface PageSettings {
  branding: Branding;
  /** ALLOWED_ORIGINS: where sign-in may return to (`?redirect_to=`). */
  allowedOrigins: readonly string[];
  /** The OpenAPI document, from the caller (src/openapi/ is built from the routes' contract, so routes/ does not import it). */
  openApiDocument: () => Promise<unknown>;
}

/**
 * GET /, /assets/*, /page-config.json, /page-theme.css, /openapi.json, /docs, /docs/*: the hosted pages
 * (their branding generated from the configuration, so no inline style is needed) and the API docs.
 */
export function webRoutes({ branding, allowedOrigins, openApiDocument }: PageSettings): Router {
  const router = Router();
  const { publicDir, swaggerUiDir } = staticDirs();
  const docsDir = publicDir === undefined ? undefined : path.join(publicDir, 'docs');
  const policy = pagePolicy(branding.logoUrl);
  const pageConfig = {
    name: branding.name,
    logoUrl: branding.logoUrl ?? null,
    redirectOrigins: [...allowedOrigins],
  } satisfies PageConfigResponse;
  const theme = themeCss(branding.accentColor);

  // Revalidated on each load (ETag), like the page: they change with the configuration, not the file.
  router.get('/page-config.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(pageConfig);
  });
  router.get('/page-theme.css', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('text/css').send(theme);
  });

  router.get('/', policy, sendFrom(publicDir, 'index.html', { noCache: true }));
  router.use('/assets', policy, staticFrom(publicDir === undefined ? undefined : path.join(publicDir, 'assets')));

  router.get('/openapi.json', async (_req, res) => {
    res.json(await openApiDocument());
  });

  // Express matches /docs and /docs/ alike; only the latter may serve the page, because its
  // relative URLs resolve against the directory. The redirect is relative too (stage prefixes).
  router.get(
    '/docs',
    policy,
    (req, res, next) => {
      if (req.path.endsWith('/')) {
        next();
        return;
      }
      res.status(301).location('docs/').end();
    },
    sendFrom(docsDir, 'index.html', { noCache: true }),
  );
  router.use('/docs', policy, staticFrom(docsDir));
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
