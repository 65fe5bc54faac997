/**
 * Child-process entry for test/sam-artifact.test.ts (bundled to plain JS by the test first): loads the *built* handler from a copy of
 * `.aws-sam/build/AuthFunction` (argv[2], laid out like Lambda's /var/task, outside the project so no
 * project node_modules is reachable) and drives it like API Gateway would. Configuration comes from the
 * environment, as in Lambda; NODE_PATH plays the role of the layer's /opt/nodejs/node_modules.
 * Writes a JSON report to argv[3]; stdout is left to the function's own logs.
 *
 * With argv[4] (a copy of `.aws-sam/build/AuthorizerFunction`) and argv[5] (the DynamoDB endpoint the
 * authorizer is to use, a recording proxy), it also loads the built authorizer, before the auth function
 * so that anything it loads is its own, and runs it on HTTP API authorizer events for tokens the built
 * auth function issued and revoked.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { authorizerEvent } from '../../harness/authorizer-events';
import type { AuthorizerHandler } from '../../src/authorize';
import { WEB_PATHS, type WebResponseReport } from './artifact-web';
import { assertAuthFlowThroughHandler, invoke, type LambdaHandler } from './lambda-flow';
import { loadHandler } from './lambda-handlers';

/** What the built authorizer answered, case by case (see runAuthorizerCases). */
export interface AuthorizerRunReport {
  username: string;
  /** The session id of the login, from its refresh token `<userKey>.<sessionId>.<secret>`. */
  sessionId: string;
  /** Modules whose path mentions bcrypt that loading and running the authorizer pulled in. */
  bcryptModulesLoaded: string[];
  results: Record<string, unknown>;
}

export interface ArtifactRunReport {
  /** The architecture this process ran on (arm64 under qemu-user, as on Lambda). */
  arch: string;
  /** Where `require('bcrypt')` resolves from the artifact, or the error when it does not. */
  bcryptResolvedTo: string | null;
  loadError: string | null;
  /** Every loaded module file whose path mentions bcrypt (JS and the native .node binary). */
  bcryptModulesLoaded: string[];
  /** The auth cookie value of one more login, for the parent to check the token's signature. */
  token: string | null;
  authorizer: AuthorizerRunReport | null;
  web: WebResponseReport[];
}

const [taskDir, reportPath, authorizerDir, authorizerDynamoEndpoint] = process.argv.slice(2);
if (taskDir === undefined || reportPath === undefined) {
  throw new Error('usage: artifact-runner <taskDir> <reportPath> [<authorizerDir> <authorizerDynamoEndpoint>]');
}

const requireFromTask = createRequire(join(taskDir, 'lambda.mjs'));
const report: ArtifactRunReport = {
  arch: process.arch,
  bcryptResolvedTo: null,
  loadError: null,
  bcryptModulesLoaded: [],
  token: null,
  authorizer: null,
  web: [],
};

const bcryptModulesInCache = () => Object.keys(requireFromTask.cache).filter((path) => path.includes('bcrypt'));

/** The DynamoDB endpoint of the auth function (the shared store), as the parent set it. */
const sharedEndpoint = process.env.DYNAMODB_ENDPOINT;

/**
 * Loads the built authorizer with its own environment: the two are separate functions in AWS, and here
 * only the DynamoDB endpoint differs. Its first invocation awaits its cold start, so its configuration
 * and clients are set up before the auth function is loaded with the shared endpoint.
 */
async function loadAuthorizer(
  directory: string,
  dynamoEndpoint: string,
): Promise<{ handler: AuthorizerHandler; bcrypt: string[] }> {
  const handler = await loadHandler('authorizer', { DYNAMODB_ENDPOINT: dynamoEndpoint }, { taskDir: directory });
  const first = await handler(authorizerEvent({}));
  if (JSON.stringify(first) !== '{"isAuthorized":false}')
    throw new Error(`a request without a token got ${JSON.stringify(first)}`);
  return { handler, bcrypt: bcryptModulesInCache() };
}

/** A login through the built auth function, then the built authorizer on valid, revoked, missing and malformed tokens. */
async function runAuthorizerCases(
  handler: LambdaHandler,
  authorize: AuthorizerHandler,
): Promise<Omit<AuthorizerRunReport, 'bcryptModulesLoaded'>> {
  const username = `authz-${Date.now()}`;
  const password = 'a passphrase for the authorizer';
  const registered = await invoke(handler, '2.0', {
    method: 'POST',
    path: '/register',
    body: { name: 'Authorizer', username, password },
  });
  if (registered.statusCode !== 201) throw new Error(`register answered ${registered.statusCode}`);
  const login = await invoke(handler, '2.0', { method: 'POST', path: '/login', body: { username, password } });
  const { token, refreshToken } = login.body.response as { token: string; refreshToken: string };
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url')}.${signature}`;
  const bearer = (value: string) => authorizerEvent({ headers: { authorization: `Bearer ${value}` } });

  const results: Record<string, unknown> = {};
  results.bearer = await authorize(bearer(token));
  results.cookie = await authorize(authorizerEvent({ cookies: ['theme=dark', `auth_token=${token}`] }));
  results.missing = await authorize(authorizerEvent({}));
  results.emptyCookie = await authorize(authorizerEvent({ cookies: ['auth_token='] }));
  results.basicAuth = await authorize(authorizerEvent({ headers: { authorization: 'Basic dXNlcjpwYXNz' } }));
  results.garbage = await authorize(bearer('garbage'));
  results.notAJwt = await authorize(authorizerEvent({ cookies: ['auth_token=a.b.c'] }));
  results.badSignature = await authorize(bearer(`${token}x`));
  results.forgedClaims = await authorize(bearer(forged));
  const loggedOut = await invoke(handler, '2.0', {
    method: 'POST',
    path: '/logout',
    headers: { authorization: `Bearer ${token}` },
  });
  if (loggedOut.statusCode !== 200) throw new Error(`logout answered ${loggedOut.statusCode}`);
  results.afterLogoutBearer = await authorize(bearer(token));
  results.afterLogoutCookie = await authorize(authorizerEvent({ cookies: [`auth_token=${token}`] }));
  return { username, sessionId: refreshToken.split('.')[1] ?? '', results };
}

try {
  report.bcryptResolvedTo = requireFromTask.resolve('bcrypt');
} catch (error) {
  report.loadError = (error as Error).message;
}

try {
  const authorizer =
    authorizerDir === undefined || authorizerDynamoEndpoint === undefined
      ? undefined
      : await loadAuthorizer(authorizerDir, authorizerDynamoEndpoint);
  const handler = await loadHandler('lambda', { DYNAMODB_ENDPOINT: sharedEndpoint }, { taskDir });
  for (const version of ['2.0', '1.0'] as const) await assertAuthFlowThroughHandler(handler, version);
  if (authorizer !== undefined) {
    report.authorizer = { ...(await runAuthorizerCases(handler, authorizer.handler)), bcryptModulesLoaded: authorizer.bcrypt };
  }

  const username = `token-${Date.now()}`;
  const password = 'another perfectly fine passphrase';
  const registered = await invoke(handler, '2.0', {
    method: 'POST',
    path: '/register',
    body: { name: 'Token', username, password },
  });
  if (registered.statusCode !== 201) throw new Error(`register answered ${registered.statusCode}`);
  const login = await invoke(handler, '2.0', { method: 'POST', path: '/login', body: { username, password } });
  report.token = /^auth_token=([^;]+)/.exec(login.setCookies[0] ?? '')?.[1] ?? null;

  for (const version of ['2.0', '1.0'] as const) {
    for (const path of WEB_PATHS) {
      const response = await invoke(handler, version, { method: 'GET', path, headers: { accept: '*/*' } });
      report.web.push({
        version,
        path,
        statusCode: response.statusCode,
        contentType: response.headers['content-type'] ?? '',
        csp: response.headers['content-security-policy'] ?? null,
        isBase64Encoded: response.isBase64Encoded,
        sha256: createHash('sha256').update(response.bodyBytes).digest('hex'),
        length: response.bodyBytes.length,
      });
    }
  }
} catch (error) {
  report.loadError ??= (error as Error).stack ?? String(error);
  throw error;
} finally {
  report.bcryptModulesLoaded = bcryptModulesInCache();
  writeFileSync(reportPath, JSON.stringify(report));
}
