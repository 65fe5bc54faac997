import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  type EventRequest,
  type EventResponse,
  httpApiEvent,
  lambdaContext,
  readEventResponse,
  restApiEvent,
} from '../../harness/api-gateway-events';
import { assertMatchesContract } from './contract';

export type LambdaHandler = (event: never, context: never) => Promise<unknown>;
export type PayloadVersion = '1.0' | '2.0';

/** Invokes a handler with an API Gateway event of the given payload version; checks the answer against the OpenAPI document. */
export async function invoke(handler: LambdaHandler, version: PayloadVersion, request: EventRequest): Promise<EventResponse> {
  const event = version === '2.0' ? httpApiEvent(request) : restApiEvent(request);
  const raw = await handler(event as never, lambdaContext() as never);
  const response = readEventResponse(raw);
  assertMatchesContract({
    method: request.method,
    path: request.path,
    status: response.statusCode,
    headers: { ...response.headers, 'set-cookie': response.setCookies },
    text: (raw as { body?: string }).body ?? '',
  });
  return response;
}

/**
 * Registers a new user (a random username, so tests can share a table) through the handler and signs
 * in: the username and the Authorization header of that session.
 */
export async function newUserBearer(
  call: (request: EventRequest) => Promise<EventResponse>,
  password: string,
): Promise<{ username: string; bearer: { authorization: string } }> {
  const username = `user-${randomUUID().slice(0, 8)}`;
  assert.equal(
    (await call({ method: 'POST', path: '/register', body: { name: 'Lambda User', username, password } })).statusCode,
    201,
  );
  const login = await call({ method: 'POST', path: '/login', body: { username, password } });
  return { username, bearer: { authorization: `Bearer ${String((login.body.response as { token: string }).token)}` } };
}

const cookieValue = (setCookie: string): string => setCookie.split(';')[0] ?? '';
/** A request with the auth cookie must declare JSON even without a body (CSRF defence). */
const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * register → login → verify (by cookie) → logout → verify refused, through a Lambda handler.
 * Shared by the tests of `src/lambda.ts` and of the `sam build` artifact.
 */
export async function assertAuthFlowThroughHandler(handler: LambdaHandler, version: PayloadVersion): Promise<void> {
  const username = `user-${randomUUID().slice(0, 8)}`;
  const password = 'a perfectly fine passphrase';

  const registered = await invoke(handler, version, {
    method: 'POST',
    path: '/register',
    body: { name: 'Event User', username, password },
  });
  assert.equal(registered.statusCode, 201, JSON.stringify(registered.body));

  const login = await invoke(handler, version, { method: 'POST', path: '/login', body: { username, password } });
  assert.equal(login.statusCode, 200, JSON.stringify(login.body));
  assert.equal(login.setCookies.length, 3, 'the access token cookie, the refresh cookie and the device cookie');
  assert.match(login.setCookies[1] ?? '', /^refresh_token=[^;]+; Max-Age=\d+; Path=\/refresh; [\s\S]*HttpOnly/);
  assert.match(login.setCookies[2] ?? '', /^auth_device=[^;]+; Max-Age=\d+; Path=\/login; [\s\S]*HttpOnly/);
  const authCookie = cookieValue(login.setCookies[0] ?? '');
  assert.match(authCookie, /^auth_token=ey/);
  assert.match(login.setCookies[0] ?? '', /HttpOnly/);
  // Signing in again from the same browser: the device is known, and keeps its cookie.
  const deviceCookie = cookieValue(login.setCookies[2] ?? '');
  const again = await invoke(handler, version, {
    method: 'POST',
    path: '/login',
    body: { username, password },
    cookies: [deviceCookie],
  });
  assert.equal(again.statusCode, 200, JSON.stringify(again.body));
  assert.equal(again.setCookies.length, 2, 'no new device cookie for a known device');

  const verified = await invoke(handler, version, { method: 'POST', path: '/verify', cookies: [authCookie], headers: JSON_TYPE });
  assert.equal(verified.statusCode, 200, JSON.stringify(verified.body));
  assert.deepEqual(verified.body, { verified: true, message: 'success', username, amr: ['pwd'] });

  const loggedOut = await invoke(handler, version, {
    method: 'POST',
    path: '/logout',
    cookies: [authCookie],
    headers: JSON_TYPE,
  });
  assert.equal(loggedOut.statusCode, 200, JSON.stringify(loggedOut.body));
  assert.match(loggedOut.setCookies[0] ?? '', /^auth_token=;/);

  const refused = await invoke(handler, version, { method: 'POST', path: '/verify', cookies: [authCookie], headers: JSON_TYPE });
  assert.equal(refused.statusCode, 401);
  assert.equal(refused.body.verified, false);
}
