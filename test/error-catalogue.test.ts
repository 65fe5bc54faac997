import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { errorCodesOf } from '../src/contract/errors';
import { ROUTES } from '../src/contract/routes';
import {
  ADMIN_ROUTES,
  ERROR_CODES,
  ERRORS,
  EVERY_ROUTE,
  JSON_ROUTES,
  SIGNED_IN_ROUTES,
  STATE_CHANGING_ROUTES,
  UNKNOWN_PATHS,
  WRONG_METHODS,
} from '../src/errors';
import { openApiDocument } from '../src/openapi/document';
import { buildTestApp } from './support/app';
import { useTestStore } from './support/store';

const testStore = useTestStore();
const GROUPS = new Set<string>([
  EVERY_ROUTE,
  JSON_ROUTES,
  SIGNED_IN_ROUTES,
  STATE_CHANGING_ROUTES,
  UNKNOWN_PATHS,
  WRONG_METHODS,
  ADMIN_ROUTES,
]);

describe('the error catalogue', () => {
  it('names only routes the app has, or groups', () => {
    for (const code of ERROR_CODES) {
      for (const route of ERRORS[code].routes) {
        assert.ok(
          GROUPS.has(route) || Object.hasOwn(ROUTES, route),
          `${code} names ${route}, which is neither a route nor a group`,
        );
      }
    }
  });

  it('puts every code in the OpenAPI document, under its own status, on a route that can answer it', () => {
    const schemas = JSON.stringify(openApiDocument().components?.schemas ?? {});
    for (const code of ERROR_CODES) {
      assert.ok(schemas.includes(`"${code}"`), `${code} is in no error body of the document`);
      const answeredSomewhere =
        errorCodesOf(UNKNOWN_PATHS).includes(code) ||
        errorCodesOf(WRONG_METHODS).includes(code) ||
        (Object.keys(ROUTES) as (keyof typeof ROUTES)[]).some((route) => errorCodesOf(route).includes(code));
      assert.ok(answeredSomewhere, `${code} is answered by no route`);
    }
    assert.deepEqual(errorCodesOf('GET /me', 401), ['UNAUTHENTICATED']);
    assert.deepEqual(errorCodesOf('POST /refresh', 401), ['UNAUTHENTICATED', 'REFRESH_TOKEN_REUSED']);
    assert.deepEqual(errorCodesOf('GET /.well-known/jwks.json'), ['INTERNAL']);
  });

  it("answers body-parser's errors and unknown paths with their catalogue entries", async () => {
    const { app } = await buildTestApp(testStore);
    const malformed = await request(app).post('/login').type('json').send('{"username":').expect(400);
    assert.deepEqual(malformed.body, { message: ERRORS.MALFORMED_JSON.message, code: 'MALFORMED_JSON' });
    const large = await request(app)
      .post('/login')
      .type('json')
      .send(JSON.stringify({ username: 'x'.repeat(20_000) }))
      .expect(413);
    assert.deepEqual(large.body, { message: ERRORS.BODY_TOO_LARGE.message, code: 'BODY_TOO_LARGE' });
    const unknown = await request(app).get('/nowhere').expect(404);
    assert.deepEqual(unknown.body, { message: ERRORS.NOT_FOUND.message, code: 'NOT_FOUND' });
  });
});
