import serverlessExpress from '@codegenie/serverless-express';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createAwsApp } from './bootstrap';
import { withDeadline } from './store/deadline';

/**
 * Time kept back from the invocation's remaining time, for the answer to get out: past the function
 * timeout API Gateway answers a bare error with no JSON and no Retry-After.
 */
const RESPONSE_MARGIN_MS = 1000;

// Config, secrets and clients are set up once per cold start and shared by every invocation.
const ready = createAwsApp().then(({ app, events, metrics }) => ({ serve: serverlessExpress({ app }), events, metrics }));

/** API Gateway HTTP API (payload 2.0) and REST API (payload 1.0) events. */
export const handler = async (event: APIGatewayProxyEventV2 | APIGatewayProxyEvent, context: Context): Promise<unknown> => {
  const { serve, events, metrics } = await ready;
  metrics.captureColdStart();
  const invoke = () => serve(event, context, () => undefined);
  try {
    // The deadline is counted from now, after a cold start's set-up, from what is left of this invocation.
    return await (typeof context.getRemainingTimeInMillis === 'function'
      ? withDeadline(context.getRemainingTimeInMillis() - RESPONSE_MARGIN_MS, invoke)
      : invoke());
  } finally {
    // Lambda may freeze the sandbox once this returns: no security event write is left in flight, and
    // this invocation's metrics are printed now (one EMF line), not with the next one's.
    await events.drain();
    metrics.flush();
  }
};
