import { type Request, Router } from 'express';
import {
  type AdminDoneResponse,
  type AdminSessionsResponse,
  type AdminSignedOutResponse,
  type AdminUserDetailsResponse,
  type AdminUserPageResponse,
  type AdminUserResponse,
  userListQuery,
} from '../contract/admin';
import { type EventsResponse, eventsQuery } from '../contract/events';
import { type AdminAccess, adminActor, requireAdmin } from '../http/admin-access';
import { parseBody } from '../http/validate';
import type { AdminService } from '../services/admin';

/** The `{username}` of the path (Express has decoded it). */
function usernameOf(req: Request): string {
  const { username } = req.params as Record<string, unknown>;
  return typeof username === 'string' ? username : '';
}

/** The admin API under /admin/ (docs/admin.md): the admin CLI's operations over HTTP, for operators only. */
export function adminRoutes(admin: AdminService, access: AdminAccess): Router {
  const router = Router();
  // On each route, not on /admin as a whole: an unknown /admin path is a plain 404.
  const operator = requireAdmin(access);

  router.get('/admin/users', operator, async (req, res) => {
    const query = parseBody(userListQuery, req.query);
    const page = await admin.list({
      prefix: query.prefix,
      after: query.after,
      limit: query.limit === undefined ? undefined : Number(query.limit),
    });
    res.json(page satisfies AdminUserPageResponse);
  });

  router.get('/admin/users/:username', operator, async (req, res) => {
    res.json((await admin.show(usernameOf(req))) satisfies AdminUserDetailsResponse);
  });

  router.get('/admin/users/:username/sessions', operator, async (req, res) => {
    res.json({ sessions: await admin.sessionsOf(usernameOf(req)) } satisfies AdminSessionsResponse);
  });

  router.get('/admin/users/:username/events', operator, async (req, res) => {
    const { cursor, limit } = parseBody(eventsQuery, req.query);
    res.json((await admin.eventsOf(usernameOf(req), { cursor, limit })) satisfies EventsResponse);
  });

  router.post('/admin/users/:username/disable', operator, async (req, res) => {
    res.json((await admin.disable(usernameOf(req), adminActor(res))) satisfies AdminUserResponse);
  });

  router.post('/admin/users/:username/enable', operator, async (req, res) => {
    res.json((await admin.enable(usernameOf(req), adminActor(res))) satisfies AdminUserResponse);
  });

  router.post('/admin/users/:username/sign-out', operator, async (req, res) => {
    res.json({ revoked: await admin.signOut(usernameOf(req), adminActor(res)) } satisfies AdminSignedOutResponse);
  });

  router.post('/admin/users/:username/unlock', operator, async (req, res) => {
    await admin.unlock(usernameOf(req), adminActor(res));
    res.json({ message: 'Unlocked' } satisfies AdminDoneResponse);
  });

  router.delete('/admin/users/:username', operator, async (req, res) => {
    await admin.delete(usernameOf(req), adminActor(res));
    res.json({ message: 'Deleted' } satisfies AdminDoneResponse);
  });

  return router;
}
