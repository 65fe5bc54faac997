import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import request from 'supertest';
import { authorizerEvent } from '../harness/authorizer-events';
import { type AuthorizerHandler, buildAuthorizer } from '../src/authorize';
import { systemClock } from '../src/clock';
import { buildTestApp, type TestApp } from './support/app';
import { useTestStore } from './support/store';
import { injectStoreFaults, type StoreFaults } from './support/store-faults';

/**
 * Account deletion and password change with the store failing at each of their steps in turn (and at
 * a racing login's): whatever step fails, no session survives a change that committed, except the
 * password changer's own when its re-stamp went through; and a change that did not commit changed
 * nothing. /verify, /refresh and the authorizer must agree on every session.
 */

const testStore = useTestStore();
const password = 'an old and trusted passphrase';
const newPassword = 'a brand new passphrase for it';

interface Credentials {
  token: string;
  refreshToken: string;
}

interface Fixture {
  testApp: TestApp;
  faults: StoreFaults;
  authorizer: AuthorizerHandler;
}

async function fixture(): Promise<Fixture> {
  // Many accounts from one client address: lift the per-IP registration limit.
  const testApp = await buildTestApp(testStore, { env: { REGISTER_IP_MAX: '100000', LOGIN_IP_MAX_FAILURES: '100000' } });
  return { testApp, faults: injectStoreFaults(testApp.dynamo), authorizer: buildAuthorizer(testApp.config, systemClock) };
}

const login = ({ testApp }: Fixture, username: string, secret = password): request.Test =>
  request(testApp.app).post('/login').send({ username, password: secret });

async function signedInUser(f: Fixture): Promise<{ username: string; current: Credentials; others: Credentials[] }> {
  const username = `user-${randomUUID().slice(0, 8)}`;
  await request(f.testApp.app).post('/register').send({ name: 'Faulty', username, password }).expect(201);
  const sessions: Credentials[] = [];
  for (let index = 0; index < 3; index += 1) sessions.push((await login(f, username).expect(200)).body.response as Credentials);
  const [current, ...others] = sessions as [Credentials, ...Credentials[]];
  return { username, current, others };
}

/** Whether the authorizer, /verify and /refresh accept the session, which they must agree on. */
async function accepted(f: Fixture, session: Credentials, label: string): Promise<boolean> {
  const byAuthorizer = (await f.authorizer(authorizerEvent({ headers: { authorization: `Bearer ${session.token}` } })))
    .isAuthorized;
  const refresh = await request(f.testApp.app).post('/refresh').send({ refreshToken: session.refreshToken });
  const verify = await request(f.testApp.app).post('/verify').send({ token: session.token });
  assert.ok(
    [200, 401].includes(refresh.status) && [200, 401].includes(verify.status),
    `${label}: ${refresh.status} ${verify.status}`,
  );
  assert.equal(refresh.status === 200, byAuthorizer, `${label}: /refresh and the authorizer disagree`);
  assert.equal(verify.status === 200, byAuthorizer, `${label}: /verify and the authorizer disagree`);
  return byAuthorizer;
}

interface Operation {
  name: string;
  send(f: Fixture, current: Credentials): request.Test;
  /** Whether the account still has its original credentials (the change did not commit). */
  unchanged(f: Fixture, username: string): Promise<boolean>;
  /** Whether the caller's session may be kept when the change committed. */
  keepsCurrent: boolean;
}

const operations: Operation[] = [
  {
    name: 'DELETE /account',
    send: (f, current) =>
      request(f.testApp.app).delete('/account').set('Authorization', `Bearer ${current.token}`).send({ password }),
    unchanged: async (f, username) => (await login(f, username)).status === 200,
    keepsCurrent: false,
  },
  {
    name: 'POST /password',
    send: (f, current) =>
      request(f.testApp.app)
        .post('/password')
        .set('Authorization', `Bearer ${current.token}`)
        .send({ currentPassword: password, newPassword }),
    unchanged: async (f, username) => (await login(f, username, newPassword)).status !== 200,
    keepsCurrent: true,
  },
];

/** How many store calls the operation makes when nothing fails. */
async function storeSteps(f: Fixture, operation: Operation): Promise<number> {
  const { current } = await signedInUser(f);
  f.faults.reset();
  await operation.send(f, current).expect(200);
  const steps = f.faults.calls.length;
  f.faults.reset();
  return steps;
}

for (const operation of operations) {
  for (const racing of [false, true]) {
    describe(`${operation.name} with the store failing at each step${racing ? ', while a login races it' : ''}`, () => {
      it('leaves no live session but the kept one once it has committed, and changes nothing otherwise', async () => {
        const f = await fixture();
        const steps = await storeSteps(f, operation);
        assert.ok(steps >= 5, `the operation made ${steps} store calls`);
        // One past the last step as well: then nothing fails, and the operation must have committed.
        for (let failing = 1; failing <= steps + (racing ? 4 : 1); failing += 1) {
          const { username, current, others } = await signedInUser(f);
          f.faults.failCall(failing);
          const [answer, raced] = await Promise.all([operation.send(f, current), racing ? login(f, username) : undefined]);
          f.faults.reset();
          const label = `${operation.name}, store call ${failing} of ${steps} failing${racing ? ' (racing login)' : ''}`;
          assert.ok([200, 503].includes(answer.status), `${label}: answered ${answer.status} ${JSON.stringify(answer.body)}`);

          const racedSession = raced?.status === 200 ? (raced.body.response as Credentials) : undefined;
          if (await operation.unchanged(f, username)) {
            assert.equal(answer.status, 503, `${label}: answered 200 but did not commit`);
            for (const session of [current, ...others])
              assert.equal(await accepted(f, session, label), true, `${label}: a session was lost`);
            continue;
          }
          for (const [index, session] of others.entries()) {
            assert.equal(
              await accepted(f, session, `${label}, other session ${index}`),
              false,
              `${label}: another session survived`,
            );
          }
          if (racedSession !== undefined) {
            // A login that read the account before the commit is born dead; one after it used the old password and failed.
            assert.equal(
              await accepted(f, racedSession, `${label}, raced login`),
              false,
              `${label}: the racing login's session survived`,
            );
          }
          const currentKept = await accepted(f, current, `${label}, current session`);
          if (!operation.keepsCurrent) assert.equal(currentKept, false, `${label}: the caller's session survived`);
          if (answer.status === 200 && operation.keepsCurrent) {
            // Answered 200 only once the caller's session carries the new stamp.
            assert.equal(currentKept, true, `${label}: answered 200 but lost the caller's session`);
          }
        }
      });
    });
  }
}

describe('a session check that DynamoDB leaves unprocessed', () => {
  it('asks again once, and answers 503 (never a refusal) when the keys stay unprocessed', async () => {
    const f = await fixture();
    const { current } = await signedInUser(f);
    f.faults.leaveUnprocessed(1);
    await request(f.testApp.app).post('/verify').send({ token: current.token }).expect(200);
    f.faults.leaveUnprocessed(2);
    const response = await request(f.testApp.app).post('/verify').send({ token: current.token }).expect(503);
    assert.equal(response.body.code, 'STORE_UNAVAILABLE');
    f.faults.reset();
    await request(f.testApp.app).post('/verify').send({ token: current.token }).expect(200);
  });
});
