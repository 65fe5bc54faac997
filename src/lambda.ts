import serverlessExpress from '@codegenie/serverless-express';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createAwsApp } from './bootstrap';

// Config, secrets and clients are set up once per cold start and shared by every invocation.
const ready = createAwsApp().then((app) => serverlessExpress({ app }));

/** API Gateway HTTP API (payload 2.0) and REST API (payload 1.0) events. */
export const handler = async (event: APIGatewayProxyEventV2 | APIGatewayProxyEvent, context: Context): Promise<unknown> =>
  (await ready)(event, context, () => undefined);
