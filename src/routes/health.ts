import { Router } from 'express';
import type { HealthResponse, ReadyResponse } from '../contract/health';

/**
 * GET /health: liveness, answered by the process alone (no store call), so a load balancer or service
 * manager restarts only a process that cannot answer at all. GET /health/ready: readiness, one cheap
 * store call (a GetItem of a fixed key that never exists; the role's existing GetItem permission
 * covers it); 503 STORE_UNAVAILABLE with Retry-After when the store cannot answer.
 */
export function healthRoutes(storeReachable: () => Promise<void>): Router {
  const router = Router();

  router.get('/health', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' } satisfies HealthResponse);
  });

  router.get('/health/ready', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    await storeReachable();
    res.json({ status: 'ready', store: 'ok' } satisfies ReadyResponse);
  });

  return router;
}
