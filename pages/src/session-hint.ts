import type { SessionTimes } from '@serverless-auth/client';

/**
 * When this browser's session expires, as the client last heard (no secret: two timestamps). The session
 * itself is in HttpOnly cookies the page cannot read; without this, every signed-out visit would have
 * to ask the API and take a 401 (an error in the console) to learn that nobody is signed in, and a
 * signed-in one whose access token has run out would take a 401 before refreshing. A stale hint (the
 * session ended elsewhere) costs one refused request, after which it is dropped.
 */
const KEY = 'serverless-auth:session';

export type SessionState = 'signed-out' | 'expired' | 'live';

/** A token this close to its expiry is refreshed first rather than sent and refused. */
const MARGIN_SECONDS = 10;

export function sessionState(now = Date.now() / 1000): SessionState {
  let times: Partial<SessionTimes>;
  try {
    times = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<SessionTimes>;
  } catch {
    return 'live'; // storage blocked or garbled: ask the API
  }
  if (typeof times.refreshExpiresAt !== 'number' || times.refreshExpiresAt <= now) return 'signed-out';
  return typeof times.expiresAt === 'number' && times.expiresAt - MARGIN_SECONDS > now ? 'live' : 'expired';
}

/** Given to the client as its `onSession`: kept on every login and refresh, dropped when the session ends. */
export function rememberSession(times: SessionTimes | undefined): void {
  try {
    if (times === undefined) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify({ expiresAt: times.expiresAt, refreshExpiresAt: times.refreshExpiresAt }));
  } catch {
    // storage blocked: the page asks the API on each load instead
  }
}
