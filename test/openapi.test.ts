import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import express from 'express';
import request from 'supertest';
import { changePasswordBody, deleteAccountBody } from '../src/contract/account';
import { loginBody, logoutBody, registerBody, verifyBody } from '../src/contract/auth';
import { refreshBody } from '../src/contract/sessions';
import { openApiDocument } from '../src/openapi/document';
import { loadPasswordPolicy } from '../src/services/password-policy';
import { contractProblems, type ReceivedResponse } from './support/contract';
// The hook the test script preloads for every file; imported here too so this file checks it either way.
import './support/contract-preload';
import { buildTestApp, type TestApp } from './support/app';
import { useTestStore } from './support/store';

const testStore = useTestStore();
let testApp: TestApp;
before(async () => {
  testApp = await buildTestApp(testStore);
});

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every (method, path) the Express app routes, with `:param` written as OpenAPI's `{param}`. */
function appRoutes(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route !== undefined) {
      const path = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map((method) => `${method} ${path}`);
    }
    if (layer.handle.stack === undefined) return [];
    const mount = layer.rawPath === undefined || layer.rawPath === '/' ? '' : layer.rawPath;
    return appRoutes(layer.handle.stack, `${prefix}${mount}`);
  });
}

const json = { 'content-type': 'application/json; charset=utf-8' };
const response = (overrides: Partial<ReceivedResponse>): ReceivedResponse => ({
  method: 'POST',
  path: '/logout',
  status: 200,
  headers: { ...json, 'set-cookie': ['auth_token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax'] },
  text: JSON.stringify({ message: 'Logged out successfully' }),
  ...overrides,
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(openApiDocument())) as Record<string, unknown>);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.equal(validator.version, '3.1');
    const broken = JSON.parse(JSON.stringify(openApiDocument())) as Record<string, unknown>;
    delete broken.info;
    assert.equal((await new Validator().validate(broken)).valid, false, 'the validator does reject a broken document');
  });

  it('is served at /openapi.json', async () => {
    const served = await request(testApp.app).get('/openapi.json').expect(200);
    assert.deepEqual(served.body, JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('documents every core route with its request schema, bearer and cookie security', () => {
    const document = openApiDocument();
    const schemas = document.components?.schemas ?? {};
    for (const [path, id] of [
      ['/register', 'RegisterRequest'],
      ['/login', 'LoginRequest'],
      ['/verify', 'VerifyRequest'],
      ['/logout', 'LogoutRequest'],
    ]) {
      const operation = document.paths?.[path ?? '']?.post;
      assert.ok(operation, `POST ${path} is documented`);
      const body = operation.requestBody as { content: Record<string, { schema: { $ref: string } }> };
      assert.equal(body.content['application/json']?.schema.$ref, `#/components/schemas/${id}`);
      for (const status of ['400', '413', '415', '500', '503'])
        assert.ok(operation.responses?.[status], `${path} documents ${status}`);
    }
    assert.ok(schemas.RegisterRequest && schemas.LoginRequest && schemas.VerifyRequest && schemas.LogoutRequest);
    assert.deepEqual(Object.keys(document.components?.securitySchemes ?? {}).sort(), [
      'adminApiKey',
      'awsSigV4',
      'bearerAuth',
      'cookieAuth',
      'refreshCookieAuth',
    ]);
    assert.deepEqual(document.paths?.['/verify']?.post?.security, [{ bearerAuth: [] }, { cookieAuth: [] }, {}]);
    const cookieOf = (path: string) => {
      const answer = document.paths?.[path]?.post?.responses?.['200'] as
        | { headers: Record<string, { required: boolean }> }
        | undefined;
      return answer?.headers['Set-Cookie'];
    };
    // A password sign-in that still needs its second step sets no cookie; the second step always does.
    assert.equal(cookieOf('/login')?.required, false);
    assert.equal(cookieOf('/login/mfa')?.required, true);
  });

  it('documents the session, account and key routes with every status they answer', () => {
    const document = openApiDocument();
    const operation = (method: 'get' | 'post' | 'delete', path: string) => {
      const found = document.paths?.[path]?.[method];
      assert.ok(found, `${method.toUpperCase()} ${path} is documented`);
      return found;
    };
    const statuses = (method: 'get' | 'post' | 'delete', path: string) =>
      Object.keys(operation(method, path).responses ?? {}).sort();
    const signedIn = ['200', '400', '401', '413', '415', '500', '503'];
    // State-changing routes can also refuse a cross-site request (403 CSRF_REFUSED).
    assert.deepEqual(statuses('post', '/refresh'), [...signedIn, '403'].sort());
    assert.deepEqual(statuses('get', '/me'), signedIn);
    assert.deepEqual(statuses('get', '/sessions'), signedIn);
    assert.deepEqual(statuses('delete', '/sessions/{id}'), [...signedIn, '403', '404'].sort());
    assert.deepEqual(statuses('post', '/logout-all'), [...signedIn, '403'].sort());
    // Confirming the password counts against the same brute-force limit as a login (429).
    assert.deepEqual(statuses('post', '/password'), [...signedIn, '403', '409', '429'].sort());
    assert.deepEqual(statuses('delete', '/account'), [...signedIn, '403', '409', '429'].sort());
    assert.deepEqual(statuses('get', '/.well-known/jwks.json'), ['200', '500']);

    const requestSchema = (method: 'post' | 'delete', path: string) =>
      (operation(method, path).requestBody as { content: Record<string, { schema: { $ref: string } }> }).content[
        'application/json'
      ]?.schema.$ref;
    assert.equal(requestSchema('post', '/refresh'), '#/components/schemas/RefreshRequest');
    assert.equal(requestSchema('post', '/password'), '#/components/schemas/ChangePasswordRequest');
    assert.equal(requestSchema('delete', '/account'), '#/components/schemas/DeleteAccountRequest');
    for (const schema of [refreshBody, changePasswordBody, deleteAccountBody]) assert.ok(schema.meta()?.id);

    for (const [method, path] of [
      ['get', '/me'],
      ['get', '/sessions'],
      ['delete', '/sessions/{id}'],
      ['post', '/logout-all'],
      ['post', '/password'],
      ['delete', '/account'],
    ] as const) {
      assert.deepEqual(operation(method, path).security, [{ bearerAuth: [] }, { cookieAuth: [] }], `${path} needs a session`);
    }
    assert.deepEqual(operation('post', '/refresh').security, [{ refreshCookieAuth: [] }, {}]);

    const schemas = document.components?.schemas ?? {};
    const codes = (id: string) => (schemas[id] as { properties: { code: { enum: string[] } } }).properties.code.enum;
    assert.deepEqual(codes('RefreshRefusedError'), ['UNAUTHENTICATED', 'REFRESH_TOKEN_REUSED']);
    assert.deepEqual(codes('ForbiddenError'), [
      'CSRF_REFUSED',
      'WRONG_PASSWORD',
      'SECOND_FACTOR_REQUIRED',
      'WRONG_SECOND_FACTOR',
      'ACCOUNT_DISABLED',
    ]);
    assert.ok(codes('ConflictError').includes('CONFLICT'));
    assert.ok(!codes('UnauthorizedError').includes('REFRESH_TOKEN_REUSED'), 'only /refresh answers a reused credential');
  });

  it('documents every route the app has, even one no test calls', () => {
    const routes = appRoutes((testApp.app as unknown as { router: { stack: Layer[] } }).router.stack);
    assert.ok(routes.includes('post /register') && routes.includes('get /docs/{file}'), routes.join(', '));
    const paths = openApiDocument().paths ?? {};
    const undocumented = routes.filter((route) => {
      const [method = '', path = ''] = route.split(' ');
      return (paths[path] as Record<string, unknown> | undefined)?.[method] === undefined;
    });
    assert.deepEqual(undocumented, []);
  });

  it('is generated from the very schemas that validate requests', async () => {
    await loadPasswordPolicy();
    // The password rule is a refinement (code points); its meta states the same bounds in JSON Schema.
    const register = openApiDocument().components?.schemas?.RegisterRequest as {
      properties: Record<string, { minLength?: number; maxLength?: number }>;
    };
    assert.equal(register.properties.password?.minLength, 8);
    assert.equal(register.properties.password?.maxLength, 256);
    assert.equal(registerBody.safeParse({ name: 'A', username: 'abc', password: '1234567' }).success, false);
    assert.equal(registerBody.safeParse({ name: 'A', username: 'abc', password: 'k9#Lm2@x' }).success, true);
    for (const schema of [registerBody, loginBody, verifyBody, logoutBody]) assert.ok(schema.meta()?.id);
  });
});

describe('the response contract check', () => {
  it('accepts a documented response', () => {
    assert.deepEqual(contractProblems(response({})), []);
    assert.deepEqual(
      contractProblems(
        response({
          method: 'GET',
          path: '/nowhere',
          status: 404,
          headers: json,
          text: '{"message":"Not found","code":"NOT_FOUND"}',
        }),
      ),
      [],
    );
  });

  it('rejects a body with a field the document does not name', () => {
    const problems = contractProblems(
      response({ text: JSON.stringify({ message: 'Logged out successfully', passwordHash: 'x' }) }),
    );
    assert.match(problems.join('\n'), /must NOT have additional properties/);
  });

  it('rejects an undocumented status, route, content type, error code, or missing cookie', () => {
    assert.match(contractProblems(response({ status: 418 })).join(), /status 418 is not documented/);
    assert.match(contractProblems(response({ path: '/nowhere' })).join(), /route is not in the OpenAPI document/);
    // A known path with a method it does not serve: only 405 (or 204 to OPTIONS), with the document's Allow.
    assert.match(contractProblems(response({ path: '/sessions' })).join(), /a method the path does not serve must answer 405/);
    assert.match(contractProblems(response({ method: 'DELETE' })).join(), /must answer 405/);
    const wrongMethod = {
      status: 405,
      headers: { ...json, allow: 'OPTIONS, POST' },
      text: JSON.stringify({ message: 'Method not allowed', code: 'METHOD_NOT_ALLOWED' }),
    };
    assert.deepEqual(contractProblems(response({ method: 'PUT', ...wrongMethod })), []);
    assert.match(
      contractProblems(response({ method: 'PUT', ...wrongMethod, headers: json })).join(),
      /Allow is undefined, the document says OPTIONS, POST/,
    );
    assert.match(
      contractProblems(
        response({ method: 'PUT', ...wrongMethod, text: JSON.stringify({ message: 'x', code: 'NOT_FOUND' }) }),
      ).join(),
      /must be equal to one of the allowed values/,
    );
    assert.deepEqual(
      contractProblems(response({ method: 'OPTIONS', status: 204, headers: { allow: 'OPTIONS, POST' }, text: '' })),
      [],
    );
    assert.match(
      contractProblems(
        response({ method: 'OPTIONS', headers: { 'content-type': 'text/plain', allow: 'OPTIONS, POST' }, text: 'POST' }),
      ).join(),
      /OPTIONS must answer 204/,
    );
    assert.match(contractProblems(response({ headers: { 'content-type': 'text/html' } })).join(), /content type "text\/html"/);
    assert.match(contractProblems(response({ headers: json })).join(), /required header Set-Cookie is missing/);
    assert.match(
      contractProblems(response({ status: 401, text: JSON.stringify({ message: 'x', code: 'SOMETHING_NEW' }) })).join(),
      /must be equal to one of the allowed values/,
    );
    assert.match(
      contractProblems(response({ status: 503, text: '{"message":"x","code":"STORE_UNAVAILABLE"}' })).join(),
      /Retry-After is missing/,
    );
    const loginBody = { username: 'a', name: 'A', token: 't', expiresAt: 1, refreshToken: 'r', refreshExpiresAt: 2 };
    const refresh = 'refresh_token=r; Max-Age=604800; Path=/refresh; HttpOnly; Secure; SameSite=Strict';
    const login = (...cookies: string[]) =>
      contractProblems(
        response({
          path: '/login',
          headers: { ...json, 'set-cookie': cookies },
          text: JSON.stringify({ message: 'User logged in successfully', response: loginBody }),
        }),
      );
    assert.deepEqual(login('auth_token=t; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Lax', refresh), []);
    assert.match(login('auth_token=t; Max-Age=3600; Path=/; Secure; SameSite=Lax', refresh).join(), /header Set-Cookie/);
    assert.match(
      login('auth_token=t; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=None', refresh).join(),
      /header Set-Cookie/,
    );
    // The refresh credential only ever goes to /refresh, never to a cross-site request, never to script.
    const auth = 'auth_token=t; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Lax';
    assert.match(login(auth, refresh.replace('Path=/refresh', 'Path=/')).join(), /header Set-Cookie/);
    assert.match(login(auth, refresh.replace('SameSite=Strict', 'SameSite=Lax')).join(), /header Set-Cookie/);
    assert.match(login(auth, refresh.replace('HttpOnly; ', '')).join(), /header Set-Cookie/);
  });

  it('holds each route to its own error codes, headers and strict bodies', () => {
    const reused = JSON.stringify({ message: 'x', code: 'REFRESH_TOKEN_REUSED' });
    const cleared = [
      'auth_token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
      'refresh_token=; Path=/refresh; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict',
    ];
    assert.deepEqual(
      contractProblems(response({ path: '/refresh', status: 401, headers: { ...json, 'set-cookie': cleared }, text: reused })),
      [],
    );
    assert.match(
      contractProblems(response({ path: '/refresh', status: 401, headers: json, text: reused })).join(),
      /Set-Cookie is missing/,
    );
    assert.match(
      contractProblems(response({ method: 'GET', path: '/me', status: 401, headers: json, text: reused })).join(),
      /allowed values/,
    );

    const session = {
      id: 's',
      createdAt: '2026-01-01T00:00:00.000Z',
      lastUsedAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-08T00:00:00.000Z',
      userAgent: null,
      ip: '127.0.0.1',
      amr: ['pwd'],
      current: true,
    };
    const sessions = (body: unknown, headers: Record<string, string> = { ...json, 'cache-control': 'no-store' }) =>
      contractProblems(response({ method: 'GET', path: '/sessions', headers, text: JSON.stringify(body) }));
    assert.deepEqual(sessions({ sessions: [session] }), []);
    assert.match(sessions({ sessions: [{ ...session, refreshHash: 'x' }] }).join(), /additional properties/);
    assert.match(sessions({ sessions: [{ ...session, createdAt: 'yesterday' }] }).join(), /date-time/);
    assert.match(sessions({ sessions: [session] }, json).join(), /Cache-Control is missing/);
    assert.match(sessions({ sessions: [session] }, { ...json, 'cache-control': 'public, max-age=60' }).join(), /Cache-Control/);

    const key = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k', alg: 'ES256', use: 'sig' };
    const jwks = (body: unknown) =>
      contractProblems(
        response({
          method: 'GET',
          path: '/.well-known/jwks.json',
          headers: { ...json, 'cache-control': 'public, max-age=300' },
          text: JSON.stringify(body),
        }),
      );
    assert.deepEqual(jwks({ keys: [key] }), []);
    assert.match(jwks({ keys: [{ ...key, d: 'private' }] }).join(), /additional properties/, 'a private key member is refused');
  });

  it('fails a supertest request whose response does not match', async () => {
    const rogue = express().post('/logout', (_req, res) => {
      res.json({ message: 'Logged out successfully', token: 'leaked' });
    });
    await assert.rejects(request(rogue).post('/logout').expect(200), /does not match the OpenAPI document/);
    const unknown = express().get('/secret', (_req, res) => {
      res.json({ ok: true });
    });
    await assert.rejects(request(unknown).get('/secret'), /route is not in the OpenAPI document/);
  });
});

describe('the docs and the page', () => {
  it('redirects /docs relatively and serves Swagger UI from the npm package', async () => {
    const redirect = await request(testApp.app).get('/docs').expect(301);
    assert.equal(redirect.headers.location, 'docs/');
    const page = await request(testApp.app).get('/docs/').expect(200);
    assert.match(page.text, /<script src="swagger-initializer.js" defer><\/script>/);
    assert.doesNotMatch(page.text, /<script>(?!<)|https?:\/\//);
    await request(testApp.app)
      .get('/docs/swagger-ui-bundle.js')
      .expect('content-type', /javascript/)
      .expect(200);
    await request(testApp.app).get('/docs/swagger-ui.css').expect(200);
    await request(testApp.app).get('/docs/swagger-initializer.js').expect(200);
    // Only the files the page needs: not the package's demo page or its OAuth helper.
    await request(testApp.app).get('/docs/oauth2-redirect.html').expect(404);
    await request(testApp.app).get('/docs/..%2Fpackage.json').expect(404);
  });

  it('serves the page with a strict Content-Security-Policy, and the API without it', async () => {
    for (const path of ['/', '/docs/', '/assets/app.js']) {
      const served = await request(testApp.app).get(path).expect(200);
      const policy = served.headers['content-security-policy'] ?? '';
      assert.match(policy, /default-src 'none'/, path);
      assert.match(policy, /script-src 'self'(;|$)/, path);
      assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/, path);
    }
    const page = await request(testApp.app).get('/').expect(200);
    assert.doesNotMatch(page.text, /<script>|<script(?![^>]*\bsrc=)|\son\w+=|<style/i);
    assert.doesNotMatch(page.text, /(src|href)="\//, 'every URL is relative, so a stage prefix works');
    const script = await request(testApp.app).get('/assets/app.js').expect(200);
    // API text (a session's user agent is whatever the client sent) only ever goes in as text.
    assert.doesNotMatch(script.text, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    const api = await request(testApp.app).post('/verify').expect(401);
    assert.doesNotMatch(api.headers['content-security-policy'] ?? '', /script-src 'self'/);
  });
});
