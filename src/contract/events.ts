import * as z from 'zod';
import { EVENT_PAGE_DEFAULT, EVENT_PAGE_MAX } from '../services/security-events';

/** GET /me/events: the query and the answer. */

export const eventsQuery = z.object({
  cursor: z
    .string({ error: 'must be a single string' })
    .max(400, 'is not a cursor this API gave')
    .optional()
    .meta({ description: 'The `next` of the previous page; left out for the newest events' }),
  limit: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(EVENT_PAGE_MAX, `must be at most ${EVENT_PAGE_MAX}`)
    .optional()
    .meta({ description: `Events per page (1–${EVENT_PAGE_MAX}, default ${EVENT_PAGE_DEFAULT})` }),
});

export const securityEventView = z
  .strictObject({
    id: z.string().meta({ description: 'The event id' }),
    kind: z.string().meta({
      description:
        'What happened: `register`, `login.success`, `login.failure`, `login.locked`, `logout`, `refresh.reused`, `password.changed`, ' +
        '`password.reset`, `password.confirm_failure`, `session.revoked`, `sessions.revoked_all`, `account.deleted`, `admin.action`, … ' +
        '(docs/operations.md lists them; new kinds may appear)',
    }),
    outcome: z.enum(['success', 'failure', 'refused']),
    at: z.iso.datetime().meta({ description: 'When it happened' }),
    ip: z.string().nullable().meta({ description: 'The client IP, as the service saw it (see TRUST_PROXY)' }),
    userAgent: z.string().nullable().meta({ description: "The client's User-Agent (at most 512 characters)" }),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).meta({
      description: 'A few facts of the event: `sessionId`, `method`, `scope`, `count`, `actor`, `action`; never a secret',
    }),
  })
  .meta({ id: 'SecurityEvent' });

export const eventsResponse = z
  .strictObject({
    events: z
      .array(securityEventView)
      .meta({ description: 'Newest first; only unexpired events (see SECURITY_EVENT_RETENTION_DAYS)' }),
    next: z.string().optional().meta({ description: 'Pass as `cursor` for the next, older page; absent on the last page' }),
  })
  .meta({ id: 'SecurityEventsResponse' });

export type EventsResponse = z.infer<typeof eventsResponse>;
