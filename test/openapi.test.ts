import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import express from 'express';
import request from 'supertest';
import { openApiDocument } from '../src/openapi/document';
import { loginBody, logoutBody, registerBody, verifyBody } from '../src/routes/schemas';
import { contractProblems, type ReceivedResponse } from './support/contract';
// The hook the test script preloads for every file; imported here too so this file checks it either way.
import './support/contract-preload';
import { buildTestApp, type TestApp } from './support/app';
import { startTestStore, type TestStore } from './support/store';

let testStore: TestStore;
let testApp: TestApp;
before(async () => {
  testStore = await startTestStore();
  testApp = await buildTestApp(testStore);
});
after(async () => {
  await testStore.close();
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
    for (const [path, id] of [['/register', 'RegisterRequest'], ['/login', 'LoginRequest'], ['/verify', 'VerifyRequest'], ['/logout', 'LogoutRequest']]) {
      const operation = document.paths?.[path ?? '']?.post;
      assert.ok(operation, `POST ${path} is documented`);
      const body = operation.requestBody as { content: Record<string, { schema: { $ref: string } }> };
      assert.equal(body.content['application/json']?.schema.$ref, `#/components/schemas/${id}`);
      for (const status of ['400', '413', '415', '500', '503']) assert.ok(operation.responses?.[status], `${path} documents ${status}`);
    }
    assert.ok(schemas.RegisterRequest && schemas.LoginRequest && schemas.VerifyRequest && schemas.LogoutRequest);
    assert.deepEqual(Object.keys(document.components?.securitySchemes ?? {}).sort(), ['bearerAuth', 'cookieAuth']);
    assert.deepEqual(document.paths?.['/verify']?.post?.security, [{ bearerAuth: [] }, { cookieAuth: [] }, {}]);
    const loginCookie = (document.paths?.['/login']?.post?.responses?.['200'] as { headers: Record<string, { required: boolean }> }).headers['Set-Cookie'];
    assert.equal(loginCookie?.required, true);
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

  it('is generated from the very schemas that validate requests', () => {
    // The password rule is a refinement (code points); its meta states the same bounds in JSON Schema.
    const register = openApiDocument().components?.schemas?.RegisterRequest as { properties: Record<string, { minLength?: number; maxLength?: number }> };
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
    assert.deepEqual(contractProblems(response({ method: 'GET', path: '/nowhere', status: 404, headers: json, text: '{"message":"Not found","code":"NOT_FOUND"}' })), []);
  });

  it('rejects a body with a field the document does not name', () => {
    const problems = contractProblems(response({ text: JSON.stringify({ message: 'Logged out successfully', passwordHash: 'x' }) }));
    assert.match(problems.join('\n'), /must NOT have additional properties/);
  });

  it('rejects an undocumented status, route, content type, error code, or missing cookie', () => {
    assert.match(contractProblems(response({ status: 418 })).join(), /status 418 is not documented/);
    assert.match(contractProblems(response({ path: '/sessions' })).join(), /route is not in the OpenAPI document/);
    assert.match(contractProblems(response({ method: 'DELETE' })).join(), /route is not in the OpenAPI document/);
    assert.match(contractProblems(response({ headers: { 'content-type': 'text/html' } })).join(), /content type "text\/html"/);
    assert.match(contractProblems(response({ headers: json })).join(), /required header Set-Cookie is missing/);
    assert.match(
      contractProblems(response({ status: 401, text: JSON.stringify({ message: 'x', code: 'SOMETHING_NEW' }) })).join(),
      /must be equal to one of the allowed values/,
    );
    assert.match(contractProblems(response({ status: 503, text: '{"message":"x","code":"STORE_UNAVAILABLE"}' })).join(), /Retry-After is missing/);
    const login = (cookie: string) =>
      contractProblems(response({
        path: '/login',
        headers: { ...json, 'set-cookie': [cookie] },
        text: JSON.stringify({ message: 'User logged in successfully', response: { username: 'a', name: 'A', token: 't', expiresAt: 1 } }),
      }));
    assert.deepEqual(login('auth_token=t; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Lax'), []);
    assert.match(login('auth_token=t; Max-Age=3600; Path=/; Secure; SameSite=Lax').join(), /header Set-Cookie/);
    assert.match(login('auth_token=t; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=None').join(), /header Set-Cookie/);
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
    await request(testApp.app).get('/docs/swagger-ui-bundle.js').expect('content-type', /javascript/).expect(200);
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
    const api = await request(testApp.app).post('/verify').expect(401);
    assert.doesNotMatch(api.headers['content-security-policy'] ?? '', /script-src 'self'/);
  });
});
