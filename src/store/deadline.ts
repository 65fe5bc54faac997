import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One deadline per request, shared by every store call the request makes (the rate limiter's
 * bookkeeping included): a slow store cannot stretch a request past it one call at a time, the way a
 * per-call timeout alone lets it. Past the deadline a store call fails at once, as an outage does,
 * so the client gets its JSON 503 with Retry-After while there is still time to send it.
 */
export interface Deadline {
  /** Epoch milliseconds. */
  at: number;
  /** Aborts in-flight store requests when the deadline passes. */
  signal: AbortSignal;
}

const deadlines = new AsyncLocalStorage<Deadline>();

/** Runs `work` (and everything it starts) under a deadline `milliseconds` from now. */
export function withDeadline<T>(milliseconds: number, work: () => T): T {
  const budget = Math.max(0, Math.floor(milliseconds));
  return deadlines.run({ at: Date.now() + budget, signal: AbortSignal.timeout(budget) }, work);
}

export function currentDeadline(): Deadline | undefined {
  return deadlines.getStore();
}

/** Milliseconds left before the current deadline; Infinity outside any request. */
export function remainingMs(): number {
  const deadline = deadlines.getStore();
  return deadline === undefined ? Number.POSITIVE_INFINITY : deadline.at - Date.now();
}
