import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { ROUTES } from '../src/contract/routes';
import { ERRORS } from '../src/errors';
import { allowedMethods, pathMethodsOf } from '../src/http/methods';
import { buildTestApp, type TestApp, testEnv } from './support/app';
import { listen } from './support/http-client';
import { invoke, type LambdaHandler } from './support/lambda-flow';
import { loadHandler } from './support/lambda-handlers';
import { useTestStore } from './support/store';

/**
 * Issue 13, item 5: a wrong method on a known path answers 405 with Allow and the JSON error body (it
 * answered 404), OPTIONS answers 204 with Allow (it answered Express's text/plain), on a real socket
 * (supertest) and through the Lambda handler. Every answer also passes the contract check, which reads
 * the Allow it expects from the OpenAPI document, not from src/http/methods.ts.
 */

const testStore = useTestStore();
const ALLOWED = 'https://app.example.com';
let testApp: TestApp;
let handler: LambdaHandler;

before(async () => {
  testApp = await buildTestApp(testStore, { env: { ALLOWED_ORIGINS: ALLOWED } });
  handler = await loadHandler('lambda', testEnv(testStore.endpoint, await testStore.newTable()));
});

const METHOD_NOT_ALLOWED = { message: ERRORS.METHOD_NOT_ALLOWED.message, code: 'METHOD_NOT_ALLOWED' };

describe('a method a known path does not serve', () => {
  it('answers 405 with Allow and the JSON error body, before any CSRF or body check', async () => {
    const cases: [string, string, string][] = [
      ['put', '/login', 'OPTIONS, POST'],
      ['get', '/login', 'OPTIONS, POST'],
      ['delete', '/register', 'OPTIONS, POST'],
      ['patch', '/me', 'GET, HEAD, OPTIONS'],
      ['post', '/sessions', 'GET, HEAD, OPTIONS'],
      ['get', '/sessions/some-id', 'DELETE, OPTIONS'],
      ['put', '/.well-known/jwks.json', 'GET, HEAD, OPTIONS'],
      // Both /passkeys/register and /passkeys/{id} match: Express would route a DELETE to the latter.
      ['get', '/passkeys/register', 'DELETE, OPTIONS, POST'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await request(testApp.app)
        [method as 'put'](path)
        .set('Origin', 'https://evil.example')
        .type('text/plain')
        .send('x');
      assert.equal(response.status, 405, `${method} ${path}`);
      assert.equal(response.headers.allow, allow, `${method} ${path}`);
      assert.match(response.headers['content-type'] ?? '', /^application\/json/);
      assert.deepEqual(response.body, METHOD_NOT_ALLOWED);
    }
    const head = await request(testApp.app).head('/login').expect(405);
    assert.equal(head.headers.allow, 'OPTIONS, POST');
  });

  it('matches paths as Express does (any case, a trailing slash), and leaves unknown paths to the 404', async () => {
    // The document spells each path one way, so these go through a raw socket, past the contract check.
    const live = await listen(testApp.app);
    try {
      for (const path of ['/LOGIN', '/login/', '/Sessions/x/']) {
        const response = await live.send('PUT', path, {});
        assert.equal(response.status, 405, path);
        assert.deepEqual(JSON.parse(response.text), METHOD_NOT_ALLOWED);
      }
      assert.equal((await live.send('OPTIONS', '/LOGIN/', {})).headers.allow, 'OPTIONS, POST');
    } finally {
      await live.close();
    }
    const server = request(testApp.app);
    await server.put('/nowhere').expect(404);
    await server.get('/sessions/a/b').expect(404);
    // The methods a path serves still reach their routes.
    await server.post('/login').send({ username: 'nobody', password: 'not the password' }).expect(401);
    await server.get('/.well-known/jwks.json').expect(200);
  });

  it('takes its methods from the route table, so a route added there is covered', () => {
    const table = pathMethodsOf(Object.keys(ROUTES));
    for (const route of Object.keys(ROUTES)) {
      const [method = '', template = ''] = route.split(' ');
      const path = template.replace(/\{[^}]+\}/g, 'x');
      assert.ok(allowedMethods(table, path)?.includes(method), route);
    }
    const extended = pathMethodsOf([...Object.keys(ROUTES), 'PATCH /widgets/{id}']);
    assert.deepEqual(allowedMethods(extended, '/widgets/w1'), ['OPTIONS', 'PATCH']);
    assert.equal(allowedMethods(table, '/widgets/w1'), undefined);
  });
});

describe('OPTIONS', () => {
  it('answers 204 with Allow and no body on every known path', async () => {
    for (const route of Object.keys(ROUTES)) {
      const path = (route.split(' ')[1] ?? '').replace(/\{[^}]+\}/g, 'x');
      const response = await request(testApp.app).options(path).expect(204);
      assert.ok(
        String(response.headers.allow)
          .split(', ')
          .includes(route.split(' ')[0] ?? ''),
        `${route}: ${response.headers.allow}`,
      );
      assert.equal(response.text, '');
      assert.equal(response.headers['content-type'], undefined, 'no text/plain body');
      assert.equal(response.headers['access-control-allow-origin'], undefined, 'no CORS headers without an allowed Origin');
    }
    await request(testApp.app).options('/nowhere').expect(404);
  });

  it('still answers the preflight of an allowed origin with its CORS headers, and no other origin’s', async () => {
    const allowed = await request(testApp.app)
      .options('/logout')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type')
      .expect(204);
    assert.equal(allowed.headers['access-control-allow-origin'], ALLOWED);
    assert.equal(allowed.headers['access-control-allow-credentials'], 'true');
    assert.match(String(allowed.headers['access-control-allow-methods']), /POST/);
    assert.equal(allowed.headers.allow, 'OPTIONS, POST');

    const foreign = await request(testApp.app)
      .options('/logout')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    assert.equal(foreign.headers['access-control-allow-origin'], undefined);
  });
});

describe('through the Lambda handler', () => {
  for (const version of ['2.0', '1.0'] as const) {
    it(`answers 405 with Allow and OPTIONS with 204 (payload ${version})`, async () => {
      const wrong = await invoke(handler, version, { method: 'PUT', path: '/login', body: {} });
      assert.equal(wrong.statusCode, 405);
      assert.equal(wrong.headers.allow, 'OPTIONS, POST');
      assert.deepEqual(wrong.body, METHOD_NOT_ALLOWED);
      const options = await invoke(handler, version, { method: 'OPTIONS', path: '/sessions/abc' });
      assert.equal(options.statusCode, 204);
      assert.equal(options.headers.allow, 'DELETE, OPTIONS');
    });
  }
});
