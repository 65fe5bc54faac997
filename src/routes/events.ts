import { Router } from 'express';
import { type EventsResponse, eventsQuery } from '../contract/events';
import { currentSession, requireSession } from '../http/authenticate';
import type { SessionCookies } from '../http/cookies';
import { parseBody } from '../http/validate';
import type { SecurityEvents } from '../services/security-events';
import type { SessionService } from '../services/sessions';

/** GET /me/events: the signed-in user's own security events, newest first, a page at a time. */
export function eventRoutes(sessions: SessionService, events: SecurityEvents, cookies: SessionCookies): Router {
  const router = Router();

  router.get('/me/events', requireSession(sessions, cookies), async (req, res) => {
    const { cursor, limit } = parseBody(eventsQuery, req.query);
    const page = await events.history(currentSession(res).userKey, { cursor, limit });
    res.json(page satisfies EventsResponse);
  });

  return router;
}
