import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { jwksResponse } from '../../contract/keys';
import { json, registerRoute } from '../responses';

/** GET /.well-known/jwks.json (src/routes/jwks.ts). */
export function registerKeyPaths(registry: OpenAPIRegistry): void {
  registerRoute(registry, 'GET /.well-known/jwks.json', {
    tags: ['Keys'],
    summary: 'The public keys that check ES256 access tokens (JWK Set, RFC 7517)',
    description: 'During a key rotation both the new key and the previous one are listed; match a token to its key by `kid`.',
    responses: {
      200: json('The key set', jwksResponse, z.object({ 'Cache-Control': z.string().regex(/^public, max-age=\d+$/) })),
    },
  });
}
