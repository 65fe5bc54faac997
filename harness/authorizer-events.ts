import { randomUUID } from 'node:crypto';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';

/**
 * The event API Gateway HTTP API sends a Lambda authorizer (payload format 2.0). Without identity
 * sources configured (caching off), `identitySource` is empty; `cookies` is absent when the request
 * carried none, as API Gateway omits it.
 */
export function authorizerEvent(request: {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  cookies?: string[];
}): APIGatewayRequestAuthorizerEventV2 {
  const method = request.method ?? 'GET';
  const path = request.path ?? '/protected';
  const now = Date.now();
  const headers = {
    accept: 'application/json',
    host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
    'user-agent': 'authorizer-test/1.0',
    'x-forwarded-for': '203.0.113.10',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...(request.cookies === undefined ? {} : { cookie: request.cookies.join('; ') }),
    ...request.headers,
  };
  const event = {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/$default/${method}${path}`,
    identitySource: [],
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'a1b2c3d4e5',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'authorizer-test/1.0' },
      requestId: randomUUID(),
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    pathParameters: {},
    stageVariables: {},
  };
  return (request.cookies === undefined ? event : { ...event, cookies: request.cookies }) as APIGatewayRequestAuthorizerEventV2;
}
