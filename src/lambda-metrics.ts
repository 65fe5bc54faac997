import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AppMetrics, MetricName } from './metrics';

/** The `service` dimension every metric carries (the alarms in template.yaml name it). */
export const METRICS_SERVICE = 'serverless-auth';

/**
 * The counters as CloudWatch embedded metric format, through Powertools for AWS Lambda: counted in
 * memory during an invocation and printed as one EMF line on stdout when src/lambda.ts flushes them
 * before the invocation returns (CloudWatch turns the line into metrics; nothing is sent anywhere).
 * A Lambda sandbox runs one invocation at a time, so each line holds exactly that invocation's counts.
 */
export class EmfMetrics implements AppMetrics {
  private readonly metrics: Metrics;

  constructor(namespace: string) {
    this.metrics = new Metrics({ namespace, serviceName: METRICS_SERVICE });
  }

  count(name: MetricName, value = 1): void {
    this.metrics.addMetric(name, MetricUnit.Count, value);
  }

  /** ColdStart = 1, on the first invocation of a sandbox only (a line of its own). */
  captureColdStart(): void {
    this.metrics.captureColdStartMetric();
  }

  /** Prints what this invocation counted (nothing when it counted nothing). */
  flush(): void {
    if (this.metrics.hasStoredMetrics()) this.metrics.publishStoredMetrics();
  }
}
