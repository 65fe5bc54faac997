import { Router } from 'express';
import type { JwksResponse } from '../contract/keys';
import type { TokenService } from '../services/tokens';

/** Cached briefly so a rotated-in key reaches verifiers well before tokens signed by it are common. */
const JWKS_MAX_AGE_SECONDS = 300;

/** GET /.well-known/jwks.json: the public keys that check our ES256 tokens (empty with HS256 alone). */
export function jwksRoutes(tokens: TokenService): Router {
  const router = Router();
  router.get('/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`).json(tokens.jwks() satisfies JwksResponse);
  });
  return router;
}
