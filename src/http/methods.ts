import type { RequestHandler } from 'express';
import { ROUTES } from '../contract/routes';
import { MethodNotAllowedError } from '../errors';

/**
 * The methods of every known path, from the route table (src/contract/routes.ts), so a route added
 * there is covered here with no other change:
 * - OPTIONS on a known path answers 204 with `Allow` (after the CORS middleware has added its headers
 *   for an allowed origin's preflight), never Express's `text/plain` default;
 * - a method none of the path's routes serves answers 405 with `Allow` and the JSON error body, before
 *   the CSRF and body checks (whatever the request carries, that method is not served there).
 * Unknown paths pass on, to the JSON 404.
 */

interface PathMethods {
  pattern: RegExp;
  methods: readonly string[];
}

/**
 * `/sessions/{id}` as Express matches it: a parameter is one non-empty segment, letters match in any
 * case, and a trailing slash is optional.
 */
function pathPattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('')
    .replace(/\/$/, '');
  return new RegExp(`^${source}/?$`, 'i');
}

/** Each path template with the methods its routes serve (GET implies HEAD; OPTIONS is always served). */
export function pathMethodsOf(routeIds: readonly string[]): PathMethods[] {
  const byTemplate = new Map<string, Set<string>>();
  for (const id of routeIds) {
    const [method = '', template = ''] = id.split(' ');
    const methods = byTemplate.get(template) ?? new Set<string>(['OPTIONS']);
    methods.add(method);
    if (method === 'GET') methods.add('HEAD');
    byTemplate.set(template, methods);
  }
  return [...byTemplate].map(([template, methods]) => ({ pattern: pathPattern(template), methods: [...methods] }));
}

/** The methods `path` is served with, sorted (several templates can match one path: /passkeys/register); undefined for an unknown path. */
export function allowedMethods(table: readonly PathMethods[], path: string): string[] | undefined {
  const methods = new Set<string>();
  for (const entry of table) {
    if (entry.pattern.test(path)) for (const method of entry.methods) methods.add(method);
  }
  return methods.size === 0 ? undefined : [...methods].sort();
}

export function methodsOfKnownPaths(routeIds: readonly string[] = Object.keys(ROUTES)): RequestHandler {
  const table = pathMethodsOf(routeIds);
  return (req, res, next) => {
    // Every request passes here: a served method is found with the first matching route of that method,
    // and the full Allow list is built only for OPTIONS and refusals.
    if (req.method !== 'OPTIONS' && table.some((entry) => entry.methods.includes(req.method) && entry.pattern.test(req.path))) {
      next();
      return;
    }
    const allowed = allowedMethods(table, req.path);
    if (allowed === undefined) {
      next();
      return;
    }
    if (req.method === 'OPTIONS') {
      res.set('Allow', allowed.join(', ')).status(204).end();
      return;
    }
    next(new MethodNotAllowedError(allowed));
  };
}
