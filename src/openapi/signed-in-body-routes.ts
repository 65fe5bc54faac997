import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type * as z from 'zod';
import type { ApiRoute } from '../contract/routes';
import { jsonBody, noStore, registerRoute, SESSION_SECURITY } from './responses';

/** What one such route says for itself; the rest is the same for all of them. */
export interface SignedInBodyRoute {
  summary: string;
  description?: string;
  /** The JSON body: for a step-up, the fresh proof (src/contract/step-up.ts) and whatever else the route takes. */
  body: z.ZodType;
  /** Path parameters, for a route that names what it acts on. */
  params?: z.ZodObject;
  /** The answers that are not errors. */
  responses: RouteConfig['responses'];
}

/**
 * Registers routes under `tags` that act for a signed-in user on a JSON body, the step-ups among them
 * (password, second factor): they take the session's token, and every answer, errors included, carries
 * Cache-Control: no-store, since a proof or what it unlocks is for that user alone.
 */
export function signedInBodyRoutes(
  registry: OpenAPIRegistry,
  tags: string[],
): (route: ApiRoute, definition: SignedInBodyRoute) => void {
  return (route, { summary, description, body, params, responses }) =>
    registerRoute(registry, route, {
      tags,
      summary,
      ...(description === undefined ? {} : { description }),
      security: SESSION_SECURITY,
      request: { ...(params === undefined ? {} : { params }), body: jsonBody(body) },
      errorHeaders: noStore,
      responses,
    });
}
