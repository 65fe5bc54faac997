import * as z from 'zod';
import { ERROR_CODES, ERRORS, type ErrorCode, type ErrorDefinition, EVERY_ROUTE, UNKNOWN_PATHS, WRONG_METHODS } from '../errors';
import { type ApiRoute, ROUTES, type RouteTraits } from './routes';

/**
 * The `{ message, code }` error bodies, built from the error catalogue (src/errors.ts): which codes a
 * route can answer, and one shared body schema per status listing every code answered in it.
 */

const definition = (code: ErrorCode): ErrorDefinition => ERRORS[code];

/** What each status's shared body is called in the OpenAPI document. */
const STATUS_BODY_NAMES: Record<number, string> = {
  400: 'BadRequestError',
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  405: 'MethodNotAllowedError',
  409: 'ConflictError',
  413: 'PayloadTooLargeError',
  415: 'UnsupportedMediaTypeError',
  429: 'TooManyAttemptsError',
  500: 'InternalError',
  503: 'ServiceUnavailableError',
};

/** The answers given outside any route: an unknown path, a known path with a method it does not serve. */
export type OutsideRoutes = typeof UNKNOWN_PATHS | typeof WRONG_METHODS;
const OUTSIDE_ROUTES: readonly OutsideRoutes[] = [UNKNOWN_PATHS, WRONG_METHODS];
const isOutside = (route: ApiRoute | OutsideRoutes): route is OutsideRoutes =>
  (OUTSIDE_ROUTES as readonly string[]).includes(route);

/** The codes a route (or an unknown path, or a wrong method) can answer, in catalogue order; with `status`, only that status's. */
export function errorCodesOf(route: ApiRoute | OutsideRoutes, status?: number): ErrorCode[] {
  const names: ReadonlySet<string> = new Set<string>([
    EVERY_ROUTE,
    ...(isOutside(route) ? [route] : [route, ...(ROUTES[route] as RouteTraits).groups]),
  ]);
  return ERROR_CODES.filter(
    (code) =>
      (status === undefined || definition(code).status === status) && definition(code).routes.some((name) => names.has(name)),
  );
}

/** The statuses a route answers with the shared error bodies (its own bodies left out). */
export function sharedErrorStatuses(route: ApiRoute): number[] {
  const own = new Set((ROUTES[route] as RouteTraits).ownErrorBodies ?? []);
  return [...new Set(errorCodesOf(route).map((code) => definition(code).status))].filter((status) => !own.has(status));
}

/** A `{ message, code }` body for these codes, with the extra fields they carry. */
export function errorBody(id: string, codes: readonly ErrorCode[]) {
  const [first, ...rest] = codes;
  if (first === undefined) throw new Error(`${id}: an error body needs at least one code`);
  const details: z.ZodRawShape = Object.assign({}, ...codes.map((code) => definition(code).details ?? {}));
  return z
    .strictObject({
      message: z.string().meta({ description: 'A human-readable explanation, safe to show to the user' }),
      code: z.enum([first, ...rest]).meta({ description: 'A stable machine-readable code' }),
      ...details,
    })
    .meta({ id });
}

/** Whether answers of this status carry Retry-After. */
export const sendsRetryAfter = (codes: readonly ErrorCode[]): boolean =>
  codes.some((code) => definition(code).retryAfter === true);

function buildSharedBodies(): Map<number, ReturnType<typeof errorBody>> {
  const codesByStatus = new Map<number, Set<ErrorCode>>();
  const add = (status: number, codes: ErrorCode[]) => {
    const known = codesByStatus.get(status) ?? new Set<ErrorCode>();
    for (const code of codes) known.add(code);
    codesByStatus.set(status, known);
  };
  for (const route of Object.keys(ROUTES) as ApiRoute[]) {
    for (const status of sharedErrorStatuses(route)) add(status, errorCodesOf(route, status));
  }
  for (const outside of OUTSIDE_ROUTES) {
    for (const code of errorCodesOf(outside)) add(definition(code).status, [code]);
  }
  return new Map(
    [...codesByStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, codes]) => [
        status,
        errorBody(
          STATUS_BODY_NAMES[status] ?? `Error${status}`,
          ERROR_CODES.filter((code) => codes.has(code)),
        ),
      ]),
  );
}

/** The shared error body of each status. */
export const errorBodies = buildSharedBodies();

export function sharedErrorBody(status: number): ReturnType<typeof errorBody> {
  const body = errorBodies.get(status);
  if (body === undefined) throw new Error(`no route answers ${status} with a shared error body`);
  return body;
}
