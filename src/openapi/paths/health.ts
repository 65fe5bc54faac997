import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { healthResponse, readyResponse } from '../../contract/health';
import { json, noStore, registerRoute } from '../responses';

/** GET /health, GET /health/ready (src/routes/health.ts). */
export function registerHealthPaths(registry: OpenAPIRegistry): void {
  registerRoute(registry, 'GET /health', {
    tags: ['Health'],
    summary: 'Liveness: the process answers (no store call)',
    responses: { 200: json('Alive', healthResponse, noStore) },
  });

  registerRoute(registry, 'GET /health/ready', {
    tags: ['Health'],
    summary: 'Readiness: the store answers one cheap read; 503 STORE_UNAVAILABLE when it does not',
    errorHeaders: noStore,
    responses: { 200: json('Ready', readyResponse, noStore) },
  });
}
