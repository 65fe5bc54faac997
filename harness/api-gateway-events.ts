import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda';

/**
 * Real API Gateway event shapes, as API Gateway sends them to Lambda, for invoking handlers directly
 * (the tests and the bench both use them; nothing in src/ imports harness/, so it never ships).
 * HTTP API (payload 2.0) passes cookies in `cookies` and expects them back in `cookies`; REST API
 * (payload 1.0) passes them in the Cookie header and expects `multiValueHeaders['set-cookie']`.
 */

export interface EventRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  cookies?: string[];
  sourceIp?: string;
}

const API_ID = 'a1b2c3d4e5';
const HOST = `${API_ID}.execute-api.us-east-1.amazonaws.com`;

function requestHeaders(request: EventRequest): Record<string, string> {
  return {
    accept: 'application/json',
    host: HOST,
    'user-agent': 'event-test/1.0',
    'x-forwarded-for': request.sourceIp ?? '203.0.113.10',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...request.headers,
  };
}

const encodedBody = (body: unknown): string | null =>
  body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);

export function httpApiEvent(request: EventRequest): APIGatewayProxyEventV2 {
  const now = Date.now();
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: request.path,
    rawQueryString: '',
    ...(request.cookies === undefined ? {} : { cookies: request.cookies }),
    headers: requestHeaders(request),
    requestContext: {
      accountId: '123456789012',
      apiId: API_ID,
      domainName: HOST,
      domainPrefix: API_ID,
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '203.0.113.10',
        userAgent: 'event-test/1.0',
      },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(request.body === undefined ? {} : { body: encodedBody(request.body) ?? '' }),
    isBase64Encoded: false,
  };
}

export function restApiEvent(request: EventRequest): APIGatewayProxyEvent {
  const headers = requestHeaders(request);
  if (request.cookies !== undefined) headers.cookie = request.cookies.join('; ');
  const multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, [value]]));
  const requestId = randomUUID();
  return {
    resource: '/{proxy+}',
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { proxy: request.path.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: API_ID,
      authorizer: null,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp ?? '203.0.113.10',
        user: null,
        userAgent: 'event-test/1.0',
        userArn: null,
      },
      path: `/prod${request.path}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'abc123',
      resourcePath: '/{proxy+}',
      stage: 'prod',
    },
    body: encodedBody(request.body),
    isBase64Encoded: false,
  };
}

export function lambdaContext(functionName = 'AuthFunction'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/27/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** What a handler answered, normalised across payload versions. */
export interface EventResponse {
  statusCode: number;
  /** The parsed JSON body; {} when there is none or it is not JSON (see `bodyBytes`). */
  body: Record<string, unknown>;
  /** The body's bytes, base64-decoded when the handler flagged it so (binary content types). */
  bodyBytes: Buffer;
  isBase64Encoded: boolean;
  headers: Record<string, string>;
  /** Set-Cookie values, from `cookies` (2.0) or `multiValueHeaders['set-cookie']` (1.0). */
  setCookies: string[];
}

interface RawLambdaResponse {
  statusCode: number;
  body?: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  cookies?: string[];
  isBase64Encoded?: boolean;
}

export function readEventResponse(raw: unknown): EventResponse {
  const response = raw as RawLambdaResponse;
  // Payload 1.0 answers may carry headers in either map (serverless-express uses multiValueHeaders).
  const headers = Object.fromEntries([
    ...Object.entries(response.multiValueHeaders ?? {}).map(([key, values]) => [key.toLowerCase(), values.join(', ')]),
    ...Object.entries(response.headers ?? {}).map(([key, value]) => [key.toLowerCase(), String(value)]),
  ]);
  const multiValueSetCookie = Object.entries(response.multiValueHeaders ?? {}).find(
    ([key]) => key.toLowerCase() === 'set-cookie',
  )?.[1];
  const isBase64Encoded = response.isBase64Encoded === true;
  const bodyBytes = Buffer.from(response.body ?? '', isBase64Encoded ? 'base64' : 'utf8');
  const isJson = /[/+]json\b/.test(headers['content-type'] ?? '');
  return {
    statusCode: response.statusCode,
    body: response.body && isJson ? (JSON.parse(bodyBytes.toString('utf8')) as Record<string, unknown>) : {},
    bodyBytes,
    isBase64Encoded,
    headers,
    setCookies: response.cookies ?? multiValueSetCookie ?? [],
  };
}
