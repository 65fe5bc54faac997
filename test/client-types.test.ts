import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import request from 'supertest';
import { CLIENT_TYPES_FILE, clientTypesSource } from '../scripts/client-types';
import { buildTestApp } from './support/app';
import { useTestStore } from './support/store';

const testStore = useTestStore();

describe("the client's generated types", () => {
  it('are exactly what openapi-typescript makes of the document the service serves', async () => {
    const { app } = await buildTestApp(testStore);
    const served = await request(app).get('/openapi.json').expect(200);
    const committed = await readFile(CLIENT_TYPES_FILE, 'utf8');
    assert.ok(
      committed === (await clientTypesSource(served.body)),
      `${CLIENT_TYPES_FILE} is out of date with GET /openapi.json: run \`npm run client:types\` and commit the result`,
    );
  });
});
