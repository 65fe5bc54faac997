import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { type Clock, toEpochSeconds } from '../clock';
import { AppError, ValidationError } from '../errors';
import type { Logger } from '../logger';
import { type AppMetrics, METRIC, type MetricName } from '../metrics';
import type { EventStore } from '../store/events';
import type { AccountRecord, EventDetails, EventOutcome, SecurityEventRecord } from '../store/records';
import { eventItems } from '../store/table';

/**
 * The one place security events are recorded: each becomes an item in the user's partition (with a
 * TTL), and a metric. Every kind is listed here with its outcome and the metric it counts; a new kind
 * (email, MFA, admin actions) is one entry.
 *
 * An event names the user by the partition it is written to, and carries the time, the client's IP and
 * user agent (from the request: see `withClient`), the outcome and a few details. Never a secret:
 * detail keys that look like one are dropped. Events are written only for accounts that exist: a
 * failed sign-in with an unknown name (often a typo, or a password typed into the username field,
 * which the logs only ever show pseudonymised: log-pseudonyms.ts) is counted, never stored, so no name
 * typed at sign-in ever reaches the table.
 *
 * Why the write does not slow anyone down, and why it is awaited. `record` starts the PutItem at once
 * and its promise never rejects. The sign-in path starts it together with the store writes it makes
 * anyway at that point (the rate limiter's counters, see attempt-limits.ts) and awaits them together,
 * so the answer waits for one round trip either way: the event adds none. It is awaited, not left to
 * finish after the answer, because in Lambda an invocation's sandbox may be frozen as soon as the
 * handler returns: a write still in flight then runs at the next invocation, or never. Awaiting before
 * the answer is correct in both runtimes and needs no queue; `drain` (which src/lambda.ts calls before
 * an invocation returns, and the local server before it closes the store) waits for any write a caller
 * left running all the same.
 *
 * A write that fails never fails the request: it is logged (without the event's details) and counted
 * as SecurityEventWriteFailures.
 */

/** Every kind of event, with its outcome and the metric it counts (if any). */
export const SECURITY_EVENT_KINDS = {
  register: { outcome: 'success' },
  'login.success': { outcome: 'success', metric: METRIC.logins },
  /** A wrong password for an existing account (an unknown name is counted only). */
  'login.failure': { outcome: 'failure', metric: METRIC.loginFailures },
  /** A wrong password that used up a failure budget: the account (or this device, `scope`) is locked for a while. */
  'login.locked': { outcome: 'failure', metric: METRIC.lockouts },
  /** A sign-in refused by a used-up budget (never stored: the name may not be an account). */
  'login.refused': { outcome: 'refused', metric: METRIC.lockedOutAttempts },
  /** The right password for an account with a second factor: the sign-in waits for the code (POST /login/mfa). */
  'login.mfa_required': { outcome: 'success' },
  /** A wrong second-factor code (at sign-in or in a step-up). */
  'mfa.failure': { outcome: 'failure' },
  logout: { outcome: 'success' },
  /** A refresh credential presented a second time: its session was revoked. */
  'refresh.reused': { outcome: 'refused', metric: METRIC.refreshReuse },
  'password.changed': { outcome: 'success' },
  'password.reset': { outcome: 'success' },
  /** A signed-in user's password confirmation (password change, account deletion) was wrong. */
  'password.confirm_failure': { outcome: 'failure' },
  'session.revoked': { outcome: 'success' },
  'sessions.revoked_all': { outcome: 'success' },
  'account.deleted': { outcome: 'success' },
  'passkey.added': { outcome: 'success' },
  'passkey.removed': { outcome: 'success' },
  /** A new address was given (`newAddress`); the verified one stays in force until it is verified. */
  'email.change_requested': { outcome: 'success' },
  'email.verified': { outcome: 'success' },
  /** An operator's action on the account; `actor` names who did it, `action` what. */
  'admin.action': { outcome: 'success' },
} as const satisfies Record<string, { outcome: EventOutcome; metric?: MetricName }>;

export type SecurityEventKind = keyof typeof SECURITY_EVENT_KINDS;

/** The client a request comes from, as events record it. */
export interface EventClient {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export interface SecurityEventSettings {
  /** How long an event is kept (its TTL), in days. */
  retentionDays: number;
}

/** An event as its user (or an operator) reads it. */
export interface SecurityEventView {
  id: string;
  kind: string;
  outcome: EventOutcome;
  /** ISO 8601. */
  at: string;
  ip: string | null;
  userAgent: string | null;
  details: EventDetails;
}

export interface SecurityEventPage {
  events: SecurityEventView[];
  /** Pass as `cursor` for the next (older) page; absent on the last one. */
  next?: string;
}

export const EVENT_PAGE_DEFAULT = 20;
export const EVENT_PAGE_MAX = 100;
/** User agents are the client's to choose: kept to this length. */
const MAX_USER_AGENT_LENGTH = 512;
/** Detail keys that could hold a secret are never stored, whatever a caller passes. */
const SECRET_LOOKING_KEY = /pass|secret|token|cookie|hash|credential/i;
const SECONDS_PER_DAY = 86_400;

const clients = new AsyncLocalStorage<EventClient>();

/** Runs `work` (and everything it starts) as a request from `client`: events recorded meanwhile carry it. */
export function withClient<T>(client: EventClient, work: () => T): T {
  return clients.run(client, work);
}

/** An event of an existing account, as it is recorded: what the security notices are sent from. */
export interface RecordedEvent {
  kind: SecurityEventKind;
  userKey: string;
  details: EventDetails;
  client: EventClient;
}

export interface SecurityEventDependencies {
  /** Told of every event of an existing account (the security notices); must never reject. */
  observer?: (event: RecordedEvent) => Promise<void>;
  /** Null where nothing may be written (the authorizer): events are counted only. */
  store: EventStore | null;
  /** Reads the account's creation time, so a later account of the same name never sees an earlier one's events. */
  accounts: { getAccount(userKey: string): Promise<AccountRecord | null> } | null;
  settings: SecurityEventSettings;
  metrics: AppMetrics;
  logger: Logger;
  clock: Clock;
}

export class SecurityEvents {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: SecurityEventDependencies) {}

  /**
   * Counts the event and, for an existing account (`userKey` not null), writes it. Never rejects: await
   * it together with the store calls the caller makes anyway (see above).
   */
  record(kind: SecurityEventKind, userKey: string | null, details: EventDetails = {}): Promise<void> {
    const definition: { outcome: EventOutcome; metric?: MetricName } = SECURITY_EVENT_KINDS[kind];
    if (definition.metric !== undefined) this.deps.metrics.count(definition.metric);
    if (userKey === null || this.deps.store === null) return Promise.resolve();
    const client = clients.getStore() ?? {};
    const event = this.event(kind, definition.outcome, userKey, details, client);
    const observed = this.deps.observer?.({ kind, userKey, details, client }).catch(() => undefined);
    const written = Promise.all([this.write(this.deps.store, event), observed]).then(() => undefined);
    this.inFlight.add(written);
    void written.finally(() => this.inFlight.delete(written));
    return written;
  }

  /** Waits for every write still in flight (they never reject). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** One page of a user's events, newest first; `cursor` is a page's `next`, refused with 400 when it is not one. */
  async history(
    userKey: string,
    page: { cursor?: string | undefined; limit?: number | undefined } = {},
  ): Promise<SecurityEventPage> {
    const { store, accounts } = this.deps;
    if (store === null || accounts === null) throw new AppError('INTERNAL');
    const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
    const limit = page.limit ?? EVENT_PAGE_DEFAULT;
    const account = await accounts.getAccount(userKey);
    const found = await store.list(userKey, {
      notBefore: account?.createdAt ?? 0,
      nowSeconds: toEpochSeconds(this.deps.clock.now()),
      limit,
      ...(after === undefined ? {} : { after }),
    });
    return {
      events: found.events.map(toView),
      ...(found.next === undefined ? {} : { next: encodeCursor(found.next) }),
    };
  }

  private event(
    kind: SecurityEventKind,
    outcome: EventOutcome,
    userKey: string,
    details: EventDetails,
    client: EventClient,
  ): SecurityEventRecord {
    const now = this.deps.clock.now();
    const kept = Object.fromEntries(Object.entries(details).filter(([key]) => !SECRET_LOOKING_KEY.test(key)));
    return {
      userKey,
      eventId: randomBytes(9).toString('base64url'),
      kind,
      outcome,
      createdAt: now,
      expiresAt: toEpochSeconds(now) + this.deps.settings.retentionDays * SECONDS_PER_DAY,
      ...(client.ip === undefined ? {} : { ip: client.ip }),
      ...(client.userAgent === undefined ? {} : { userAgent: client.userAgent.slice(0, MAX_USER_AGENT_LENGTH) }),
      details: kept,
    };
  }

  private async write(store: EventStore, event: SecurityEventRecord): Promise<void> {
    try {
      await store.put(event);
    } catch (error) {
      this.deps.metrics.count(METRIC.eventWriteFailures);
      // An outage needs no stack; anything else does. The event's details stay out of the log.
      const detail = error instanceof AppError ? { code: error.code } : { err: error };
      this.deps.logger.warn(
        { ...detail, event: 'security_event.write_failed', kind: event.kind, userKey: event.userKey },
        'a security event could not be written',
      );
    }
  }
}

function toView(event: SecurityEventRecord): SecurityEventView {
  return {
    id: event.eventId,
    kind: event.kind,
    outcome: event.outcome,
    at: new Date(event.createdAt).toISOString(),
    ip: event.ip ?? null,
    userAgent: event.userAgent ?? null,
    details: event.details,
  };
}

/** A cursor is the sort key to continue after, base64url: opaque to clients, and checked when it comes back. */
const encodeCursor = (sortKey: string): string => Buffer.from(sortKey, 'utf8').toString('base64url');

function decodeCursor(cursor: string): string {
  const sortKey = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!eventItems.isSortKey(sortKey)) throw new ValidationError('cursor', 'is not a cursor this API gave');
  return sortKey;
}
