import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { openApiDocumentResponse } from '../../routes/response-schemas';
import { errorResponses, json } from '../responses';

const file = (mediaTypes: string[], description: string): ResponseConfig => ({
  description,
  content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: z.string() }])),
});

/** Static files carry an ETag; a conditional request for an unchanged one gets a bodiless 304. */
const notModified: ResponseConfig = { description: 'Not modified since the copy the client holds (ETag)' };

const fileParam = z.object({ file: z.string().meta({ description: 'A file name' }) });

/** The web page, its static files, this document and the interactive docs (src/routes/web.ts). */
export function registerWebPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/',
    tags: ['Web'],
    summary: 'The sign-in page',
    description: 'Answers 404 when the page is not deployed (a Lambda function without WebAssetsLayer).',
    responses: { 304: notModified, 200: file(['text/html'], 'The page'), ...errorResponses(404, 500) },
  });

  registry.registerPath({
    method: 'get',
    path: '/assets/{file}',
    tags: ['Web'],
    summary: "The page's script and style sheet",
    request: { params: fileParam },
    responses: { 304: notModified, 200: file(['text/javascript', 'text/css'], 'The file'), ...errorResponses(404, 500) },
  });

  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    tags: ['Docs'],
    summary: 'This document (OpenAPI 3.1)',
    responses: { 200: json('The document', openApiDocumentResponse), ...errorResponses(500) },
  });

  registry.registerPath({
    method: 'get',
    path: '/docs',
    tags: ['Docs'],
    summary: 'Redirects to /docs/ (relatively, so it works under an API Gateway stage prefix)',
    responses: {
      301: { description: 'Moved', headers: z.object({ Location: z.literal('docs/') }) },
      ...errorResponses(500),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/docs/',
    tags: ['Docs'],
    summary: 'Interactive API docs (Swagger UI)',
    description: 'Answers 404 when the page is not deployed (a Lambda function without WebAssetsLayer).',
    responses: { 304: notModified, 200: file(['text/html'], 'The docs page'), ...errorResponses(404, 500) },
  });

  registry.registerPath({
    method: 'get',
    path: '/docs/{file}',
    tags: ['Docs'],
    summary: 'Swagger UI files (from the swagger-ui-dist package) and its initializer',
    request: { params: fileParam },
    responses: { 304: notModified, 200: file(['text/javascript', 'text/css', 'image/png'], 'The file'), ...errorResponses(404, 500) },
  });
}
