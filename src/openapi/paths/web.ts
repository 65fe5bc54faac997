import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { openApiDocumentResponse, pageConfigResponse } from '../../contract/web';
import { json, registerRoute } from '../responses';

const file = (mediaTypes: string[], description: string): ResponseConfig => ({
  description,
  content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: z.string() }])),
});

/** Static files carry an ETag; a conditional request for an unchanged one gets a bodiless 304. */
const notModified: ResponseConfig = { description: 'Not modified since the copy the client holds (ETag)' };

const fileParam = z.object({ file: z.string().meta({ description: 'A file name' }) });

/** The web page, its static files, this document and the interactive docs (src/routes/web.ts). */
export function registerWebPaths(registry: OpenAPIRegistry): void {
  registerRoute(registry, 'GET /', {
    tags: ['Web'],
    summary: 'The hosted pages: sign in, sign up and the account console',
    description:
      'Answers 404 when the page is not deployed (a Lambda function without WebAssetsLayer). `?redirect_to=<url>` returns the browser there after sign-in when its origin is the service or one of ALLOWED_ORIGINS.',
    request: { query: z.object({ redirect_to: z.string().optional().meta({ description: 'Where to return after sign-in' }) }) },
    responses: { 304: notModified, 200: file(['text/html'], 'The page') },
  });

  registerRoute(registry, 'GET /assets/{file}', {
    tags: ['Web'],
    summary: "The page's script, style sheet and icon",
    request: { params: fileParam },
    responses: { 304: notModified, 200: file(['text/javascript', 'text/css', 'image/svg+xml'], 'The file') },
  });

  registerRoute(registry, 'GET /page-config.json', {
    tags: ['Web'],
    summary: "The hosted pages' branding and the origins sign-in may return to",
    responses: {
      304: notModified,
      200: json('The configuration the page reads', pageConfigResponse, z.object({ 'Cache-Control': z.literal('no-cache') })),
    },
  });

  registerRoute(registry, 'GET /page-theme.css', {
    tags: ['Web'],
    summary: "The hosted pages' accent colour (BRAND_ACCENT_COLOR) as CSS custom properties",
    responses: { 304: notModified, 200: file(['text/css'], 'The style sheet') },
  });

  registerRoute(registry, 'GET /openapi.json', {
    tags: ['Docs'],
    summary: 'This document (OpenAPI 3.1)',
    responses: { 200: json('The document', openApiDocumentResponse) },
  });

  registerRoute(registry, 'GET /docs', {
    tags: ['Docs'],
    summary: 'Redirects to /docs/ (relatively, so it works under an API Gateway stage prefix)',
    responses: {
      301: { description: 'Moved', headers: z.object({ Location: z.literal('docs/') }) },
    },
  });

  registerRoute(registry, 'GET /docs/', {
    tags: ['Docs'],
    summary: 'Interactive API docs (Swagger UI)',
    description: 'Answers 404 when the page is not deployed (a Lambda function without WebAssetsLayer).',
    responses: { 304: notModified, 200: file(['text/html'], 'The docs page') },
  });

  registerRoute(registry, 'GET /docs/{file}', {
    tags: ['Docs'],
    summary: 'Swagger UI files (from the swagger-ui-dist package) and its initializer',
    request: { params: fileParam },
    responses: { 304: notModified, 200: file(['text/javascript', 'text/css', 'image/png'], 'The file') },
  });
}
