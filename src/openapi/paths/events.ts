import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { eventsQuery, eventsResponse } from '../../contract/events';
import { json, noStore, registerRoute, SESSION_SECURITY } from '../responses';

/** GET /me/events (src/routes/events.ts). */
export function registerEventPaths(registry: OpenAPIRegistry): void {
  registerRoute(registry, 'GET /me/events', {
    tags: ['Account'],
    summary: "The signed-in user's security events (sign-ins, failures, lockouts, logouts, password changes, …), newest first",
    description:
      "Paginated: pass the answer's `next` as `cursor` for the next page. A cursor this API did not give answers 400 " +
      '`VALIDATION_FAILED` naming `cursor`. Events are kept for SECURITY_EVENT_RETENTION_DAYS (90 days by default).',
    security: SESSION_SECURITY,
    request: { query: eventsQuery },
    responses: { 200: json('One page of events', eventsResponse, noStore) },
  });
}
