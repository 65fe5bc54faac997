import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { buildTestApp } from './support/app';
import { useTestStore } from './support/store';

const testStore = useTestStore();

describe('concurrent sessions', () => {
  it('50 parallel logins give 50 distinct tokens that all verify; logging one out leaves the other 49', async () => {
    const { app } = await buildTestApp(testStore);
    const user = { name: 'Para', username: 'parallel', password: 'a perfectly fine passphrase' };
    await request(app).post('/register').send(user).expect(201);

    const logins = await Promise.all(Array.from({ length: 50 }, () => request(app).post('/login').send(user).expect(200)));
    const tokens = logins.map((response) => response.body.response.token as string);
    assert.equal(new Set(tokens).size, 50);

    const verifications = await Promise.all(tokens.map((token) => request(app).post('/verify').send({ token })));
    assert.deepEqual(
      verifications.map((response) => response.status),
      Array(50).fill(200),
    );

    const [revoked, ...others] = tokens;
    await request(app).post('/logout').send({ token: revoked }).expect(200);
    await request(app).post('/verify').send({ token: revoked }).expect(401);
    const stillValid = await Promise.all(others.map((token) => request(app).post('/verify').send({ token })));
    assert.deepEqual(
      stillValid.map((response) => response.status),
      Array(49).fill(200),
    );
  });

  it('parallel logouts of one session revoke it exactly once', async () => {
    const { app } = await buildTestApp(testStore);
    const user = { name: 'Twice', username: 'twice', password: 'a perfectly fine passphrase' };
    await request(app).post('/register').send(user).expect(201);
    const token = (await request(app).post('/login').send(user).expect(200)).body.response.token as string;
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => request(app).post('/logout').send({ token }))))
      .map((response) => response.status)
      .sort();
    assert.deepEqual(statuses, [200, ...Array(9).fill(401)]);
  });

  it('parallel registrations of one username create exactly one user', async () => {
    const { app, tableName } = await buildTestApp(testStore);
    const statuses = (
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          request(app)
            .post('/register')
            .send({ name: `Racer ${index}`, username: index % 2 ? 'RACER' : 'racer', password: `a fine passphrase ${index}` }),
        ),
      )
    ).map((response) => response.status);
    assert.equal(statuses.filter((status) => status === 201).length, 1);
    assert.equal(statuses.filter((status) => status === 409).length, 19);
    assert.equal((await testStore.scan(tableName)).filter((item) => item.type === 'user').length, 1);
  });
});
