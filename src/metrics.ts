/**
 * The service's operational counters. In Lambda they become CloudWatch metrics through the embedded
 * metric format (src/lambda-metrics.ts, flushed once per invocation by src/lambda.ts); the local
 * server keeps them in memory and prints nothing. Every name here is documented in docs/operations.md,
 * and the alarms in template.yaml read some of them.
 */
export const METRIC = {
  /** Successful sign-ins (password or passkey). */
  logins: 'Logins',
  /** Sign-ins refused for a wrong username or password. */
  loginFailures: 'LoginFailures',
  /** A failure that used up a failure budget (account, device or IP): the next attempts are refused. */
  lockouts: 'Lockouts',
  /** Sign-ins refused because a budget is used up (429). */
  lockedOutAttempts: 'LockedOutAttempts',
  /** A refresh credential presented again: its session was revoked. */
  refreshReuse: 'RefreshReuse',
  /** Answers with a 5xx status. */
  serverErrors: 'ServerErrors',
  /** Answers of 503 STORE_UNAVAILABLE: the store could not answer (throttled, down, too slow). */
  storeErrors: 'StoreErrors',
  /** Security events that could not be written (the request they belong to went on). */
  eventWriteFailures: 'SecurityEventWriteFailures',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

export interface AppMetrics {
  count(name: MetricName, value?: number): void;
}

/** Counters kept in memory (the local server, tests): no output at all. */
export class CountingMetrics implements AppMetrics {
  private readonly counts = new Map<MetricName, number>();

  count(name: MetricName, value = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + value);
  }

  value(name: MetricName): number {
    return this.counts.get(name) ?? 0;
  }
}
