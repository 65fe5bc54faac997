import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { API_CONTENT_SECURITY_POLICY, securityHeaders } from '../src/http/security-headers';
import { buildTestApp, type TestApp } from './support/app';
import { listen } from './support/http-client';
import { useTestStore } from './support/store';

const testStore = useTestStore();
let testApp: TestApp;
let token: string;
const ALLOWED = 'https://app.example.com';
const user = { name: 'Casey', username: 'casey', password: 'a perfectly fine passphrase' };

before(async () => {
  testApp = await buildTestApp(testStore, { env: { ALLOWED_ORIGINS: `${ALLOWED},http://localhost:5173` } });
  await request(testApp.app).post('/register').send(user).expect(201);
  token = (await request(testApp.app).post('/login').send(user).expect(200)).body.response.token;
});

const withCookie = (path: string) => request(testApp.app).post(path).set('Cookie', `auth_token=${token}`);

describe('CSRF', () => {
  it('refuses a cross-site form post with 403 JSON and changes nothing', async () => {
    const before = await testStore.scan(testApp.tableName);
    const response = await withCookie('/logout')
      .set('Origin', 'https://evil.example')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send('x=1')
      .expect(403);
    assert.equal(response.body.code, 'CSRF_REFUSED');
    assert.equal(typeof response.body.message, 'string');
    assert.deepEqual(await testStore.scan(testApp.tableName), before);
  });

  it('refuses a foreign Origin on every state-changing route, even with a JSON body', async () => {
    for (const path of ['/register', '/login', '/verify', '/logout']) {
      for (const origin of ['https://evil.example', 'null', 'https://app.example.com.evil.example', 'http://app.example.com']) {
        const response = await request(testApp.app).post(path).set('Origin', origin).send({ token }).expect(403);
        assert.equal(response.body.code, 'CSRF_REFUSED', `${path} ${origin}`);
      }
    }
  });

  it('refuses Sec-Fetch-Site: cross-site without an allowed Origin', async () => {
    await request(testApp.app).post('/verify').set('Sec-Fetch-Site', 'cross-site').send({ token }).expect(403);
  });

  it('refuses a cookie-authenticated request without a JSON content type, even bodyless', async () => {
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const call = withCookie('/logout');
      if (type !== undefined) call.set('Content-Type', type);
      const response = await call.expect(403);
      assert.equal(response.body.code, 'CSRF_REFUSED');
    }
    await withCookie('/verify').type('json').expect(200);
  });

  it('accepts allowed origins, its own origin, and non-browser clients', async () => {
    await withCookie('/verify').type('json').set('Origin', ALLOWED).set('Sec-Fetch-Site', 'cross-site').expect(200);
    await withCookie('/verify').type('json').set('Origin', 'http://localhost:5173').expect(200);
    const ownOrigin = await withCookie('/verify')
      .type('json')
      .set('Host', 'auth.example.com')
      .set('Origin', 'https://auth.example.com')
      .set('Sec-Fetch-Site', 'same-origin');
    assert.equal(ownOrigin.status, 200);
    // A bearer token or a body token cannot be sent by a forged form: no content type needed.
    await request(testApp.app).post('/verify').set('Authorization', `Bearer ${token}`).expect(200);
    await request(testApp.app).post('/verify').send({ token }).expect(200);
  });

  it('leaves safe methods alone', async () => {
    await request(testApp.app).get('/nope').set('Origin', 'https://evil.example').set('Sec-Fetch-Site', 'cross-site').expect(404);
  });
});

/** Preflights and a toy app are outside the OpenAPI document, so they go through a raw socket, not supertest. */
async function raw(app: express.Express, method: string, path: string, headers: Record<string, string>) {
  const server = await listen(app);
  try {
    return await server.send(method, path, headers);
  } finally {
    await server.close();
  }
}

describe('CORS', () => {
  it('answers preflights for allowed origins only, with credentials', async () => {
    const allowed = await raw(testApp.app, 'OPTIONS', '/logout', {
      Origin: ALLOWED,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    });
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers['access-control-allow-origin'], ALLOWED);
    assert.equal(allowed.headers['access-control-allow-credentials'], 'true');
    assert.match(String(allowed.headers['access-control-allow-headers']), /Content-Type/);

    const foreign = await raw(testApp.app, 'OPTIONS', '/logout', {
      Origin: 'https://evil.example',
      'Access-Control-Request-Method': 'POST',
    });
    // Without Allow-Origin the browser refuses the request, whatever else is sent.
    assert.equal(foreign.headers['access-control-allow-origin'], undefined);
  });

  it('never sends a wildcard, and none at all when no origin is configured', async () => {
    const response = await request(testApp.app).post('/verify').set('Origin', ALLOWED).send({ token }).expect(200);
    assert.equal(response.headers['access-control-allow-origin'], ALLOWED);
    const closed = await buildTestApp(testStore);
    const preflight = await raw(closed.app, 'OPTIONS', '/login', { Origin: ALLOWED, 'Access-Control-Request-Method': 'POST' });
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  });
});

describe('security headers', () => {
  it('are on every response, errors included, without X-Powered-By', async () => {
    const responses = [
      await request(testApp.app).post('/verify').send({ token }),
      await request(testApp.app).post('/login').send({ username: 'casey', password: 'wrong password' }),
      await request(testApp.app).get('/nope'),
      await request(testApp.app).post('/login').set('content-type', 'application/json').send('{bad'),
    ];
    for (const response of responses) {
      const headers = response.headers;
      assert.equal(headers['x-powered-by'], undefined);
      assert.equal(
        headers['content-security-policy'],
        "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
      );
      assert.equal(headers['x-content-type-options'], 'nosniff');
      assert.equal(headers['x-frame-options'], 'SAMEORIGIN');
      assert.match(headers['strict-transport-security'] ?? '', /max-age=\d+/);
      assert.equal(headers['referrer-policy'], 'no-referrer');
      assert.equal(headers['cross-origin-resource-policy'], 'same-origin');
      assert.equal(headers['cache-control'], 'no-store');
      assert.match(headers['content-type'] ?? '', /^application\/json/);
      assert.match(headers['x-request-id'] ?? '', /^[0-9a-f-]{36}$/);
    }
  });

  it('lets a router that serves HTML replace the CSP for its own responses', async () => {
    const app = express();
    app.use(securityHeaders());
    const pages = express.Router();
    pages.use(helmet.contentSecurityPolicy({ directives: { defaultSrc: ["'self'"] } }));
    pages.get('/', (_req, res) => res.type('html').send('<p>hi</p>'));
    app.use('/docs', pages);
    app.get('/api', (_req, res) => res.json({ ok: true }));
    const page = await raw(app, 'GET', '/docs', {});
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    const api = await raw(app, 'GET', '/api', {});
    assert.match(String(api.headers['content-security-policy']), /default-src 'none'/);
    assert.equal(API_CONTENT_SECURITY_POLICY.useDefaults, false);
  });
});

describe('CSRF on the session routes', () => {
  it('refuses a bodyless refresh carrying the refresh cookie without a JSON content type', async () => {
    const login = await request(testApp.app).post('/login').send(user).expect(200);
    const refresh = login.body.response.refreshToken as string;
    const refused = await request(testApp.app).post('/refresh').set('Cookie', `refresh_token=${refresh}`).expect(403);
    assert.equal(refused.body.code, 'CSRF_REFUSED');
    await request(testApp.app).post('/refresh').type('json').set('Cookie', `refresh_token=${refresh}`).expect(200);
  });

  it('refuses a cookie-authenticated DELETE from a foreign origin', async () => {
    const login = await request(testApp.app).post('/login').send(user).expect(200);
    const response = await request(testApp.app)
      .delete('/account')
      .set('Cookie', `auth_token=${login.body.response.token}`)
      .set('Origin', 'https://evil.example')
      .send({ password: user.password })
      .expect(403);
    assert.equal(response.body.code, 'CSRF_REFUSED');
    await request(testApp.app).post('/verify').send({ token: login.body.response.token }).expect(200);
  });
});
