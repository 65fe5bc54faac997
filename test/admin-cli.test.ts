import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { connectStore } from '../src/dependencies/store';
import { createLogger } from '../src/logger';
import { ensureTable, type LocalStore, STORE_ENDPOINT_FILE, startLocalStore } from '../src/store/local';
import { buildTestApp, TEST_MFA_KEYS, TEST_SECRET } from './support/app';
import { useTestStore } from './support/store';

/**
 * The admin CLI (src/admin.ts) as an operator runs it: a child process, on the test's dynalite through
 * DYNAMODB_ENDPOINT, on a DATA_DIR (through a running server's store, and opened itself), and with
 * --aws through the AWS SDK's default chain (its endpoint pointed at dynalite). Every command, its
 * help, its usage errors and exit codes.
 */

const run = promisify(execFile);
const testStore = useTestStore();
const password = 'a perfectly fine passphrase';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run admin -- <args>` as its script does (tsx src/admin.ts), with only `env` set. */
async function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/admin.ts', ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'silent',
        BCRYPT_COST: '4',
        JWT_SECRET: TEST_SECRET,
        MFA_ENCRYPTION_KEYS: TEST_MFA_KEYS,
        ...env,
      },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const json = (result: CliResult): Record<string, unknown> => {
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, unknown>;
};

async function register(app: Express, username: string): Promise<void> {
  await request(app)
    .post('/register')
    .send({ name: `Name of ${username}`, username, password })
    .expect(201);
}

const login = (app: Express, username: string, pass = password) => request(app).post('/login').send({ username, password: pass });

describe('npm run admin (on DYNAMODB_ENDPOINT)', () => {
  let app: Express;
  let env: Record<string, string>;
  const prefix = `c${randomUUID().slice(0, 6)}`;
  const [ann = '', ben = '', cat = '', dan = ''] = ['Ann', 'ben', 'Cat', 'dan'].map((name) => `${prefix}-${name}`);

  before(async () => {
    const built = await buildTestApp(testStore, { env: { LOGIN_ACCOUNT_MAX_FAILURES: '3' } });
    app = built.app;
    env = { DYNAMODB_ENDPOINT: testStore.endpoint, TABLE_NAME: built.tableName, LOGIN_ACCOUNT_MAX_FAILURES: '3' };
    for (const name of [ann, ben, cat, dan]) await register(app, name);
  });

  it('prints its help, and refuses unknown commands, options and arguments with exit code 2', async () => {
    const help = await cli(['--help'], env);
    assert.equal(help.code, 0);
    for (const command of [
      'users list',
      'users show',
      'users disable',
      'users enable',
      'users sign-out',
      'users unlock',
      'users delete',
      'sessions list',
      '--aws',
    ]) {
      assert.ok(help.stdout.includes(command), `the help names ${command}`);
    }
    for (const args of [
      ['users', 'fly'],
      ['users', 'show'],
      ['users', 'list', '--yes'],
      ['--bogus'],
      ['users', 'delete', ann],
      ['users', 'list', '--limit', 'ten'],
    ]) {
      const refused = await cli(args, env);
      assert.equal(refused.code, 2, `${args.join(' ')}: ${refused.stderr}`);
      assert.match(refused.stderr, /^error: .+\nRun npm run admin -- --help/);
    }
  });

  it('lists users by prefix, a page at a time, and shows one', async () => {
    const listed = json(await cli(['--json', 'users', 'list', '--prefix', prefix], env));
    assert.deepEqual(
      (listed.users as { username: string }[]).map((user) => user.username),
      [ann, ben, cat, dan],
    );
    const first = json(await cli(['--json', 'users', 'list', '--prefix', prefix, '--limit', '3'], env));
    assert.equal((first.users as unknown[]).length, 3);
    assert.equal(typeof first.next, 'string');
    const rest = json(await cli(['--json', 'users', 'list', '--prefix', prefix, '--after', String(first.next)], env));
    assert.deepEqual(
      (rest.users as { username: string }[]).map((user) => user.username),
      [dan],
    );
    const text = await cli(['users', 'list', '--prefix', prefix, '--limit', '3'], env);
    assert.match(text.stdout, /^USERNAME +NAME +CREATED +STATUS\n/);
    assert.match(text.stdout, new RegExp(`${ann} +Name of ${ann} +\\S+ +active`));
    assert.match(text.stdout, /more: npm run admin -- users list --prefix ".+" --after ".+"/);

    const shown = json(await cli(['--json', 'users', 'show', ann.toUpperCase()], env));
    assert.deepEqual(
      { ...shown, createdAt: typeof shown.createdAt },
      { username: ann, name: `Name of ${ann}`, createdAt: 'string', disabled: false, sessions: 0 },
    );
  });

  it('disables (login refused, sessions ended) and enables an account', async () => {
    const signedIn = await login(app, ben);
    const token = (signedIn.body.response as { token: string }).token;
    const disabled = json(await cli(['--json', 'users', 'disable', ben], env));
    assert.equal(disabled.disabled, true);
    await request(app).get('/me').set('authorization', `Bearer ${token}`).expect(401);
    const refused = await login(app, ben);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'ACCOUNT_DISABLED');
    const enabled = await cli(['users', 'enable', ben], env);
    assert.equal(enabled.code, 0, enabled.stderr);
    assert.match(enabled.stdout, /^enabled .+: it can sign in again\n$/);
    assert.equal((await login(app, ben)).status, 200);
  });

  it('lists sessions and signs a user out everywhere', async () => {
    const tokens = [];
    for (const agent of ['Laptop/1', 'Phone/2']) {
      const signedIn = await request(app).post('/login').set('user-agent', agent).send({ username: cat, password });
      tokens.push((signedIn.body.response as { token: string }).token);
    }
    const listed = json(await cli(['--json', 'sessions', 'list', cat], env));
    const sessions = listed.sessions as { userAgent: string; current: boolean }[];
    assert.deepEqual(sessions.map((session) => session.userAgent).sort(), ['Laptop/1', 'Phone/2']);
    const text = await cli(['sessions', 'list', cat], env);
    assert.match(text.stdout, /^ID +CREATED +LAST USED +EXPIRES +METHODS +IP +USER AGENT\n/);
    assert.deepEqual(json(await cli(['--json', 'users', 'sign-out', cat], env)), { revoked: 2 });
    for (const token of tokens) await request(app).get('/me').set('authorization', `Bearer ${token}`).expect(401);
    assert.match((await cli(['sessions', 'list', cat], env)).stdout, /^no live sessions for /);
  });

  it('unlocks an account locked by failed sign-ins', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) assert.equal((await login(app, dan, 'a wrong password!')).status, 401);
    assert.equal((await login(app, dan)).status, 429);
    const unlocked = await cli(['users', 'unlock', dan], env);
    assert.equal(unlocked.code, 0, unlocked.stderr);
    assert.equal((await login(app, dan)).status, 200);
  });

  it("reads a user's security events, newest first, a page at a time, with who made each admin change", async () => {
    await cli(['users', 'sign-out', ann], env);
    const all = json(await cli(['--json', 'users', 'events', ann], env));
    const events = all.events as { id: string; kind: string; details: Record<string, unknown> }[];
    assert.equal(events[0]?.kind, 'admin.action');
    assert.equal(events[0]?.details.action, 'sign-out');
    assert.match(String(events[0]?.details.actor), /^cli:.+@.+$/);
    assert.equal(events.at(-1)?.kind, 'register');
    const text = await cli(['users', 'events', ann, '--limit', '1'], env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^AT +KIND +OUTCOME +IP +DETAILS\n.+admin\.action +success/);
    const more = /--after ("[^"]+")/.exec(text.stdout)?.[1];
    assert.ok(more, `a next page: ${text.stdout}`);
    const second = json(
      await cli(['--json', 'users', 'events', ann, '--limit', '1', '--after', JSON.parse(more) as string], env),
    );
    assert.equal((second.events as { id: string }[])[0]?.id, events[1]?.id);
    const refused = await cli(['users', 'events', ann, '--after', 'not-a-cursor'], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /VALIDATION_FAILED/);
  });

  it('deletes an account only with --yes, and answers exit 1 for unknown users', async () => {
    const name = `${prefix}-zed`;
    await register(app, name);
    const deleted = await cli(['users', 'delete', name, '--yes'], env);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal((await login(app, name)).status, 401);
    for (const args of [
      ['users', 'show', name],
      ['users', 'disable', name],
      ['sessions', 'list', name],
      ['users', 'delete', name, '--yes'],
    ]) {
      const missing = await cli(args, env);
      assert.equal(missing.code, 1, args.join(' '));
      assert.equal(missing.stderr, 'error: User not found (NOT_FOUND)\n');
    }
  });

  it('adds accounts from before the user directory with users reindex', async () => {
    const { store, dynamo } = connectStore({
      endpoint: testStore.endpoint,
      region: 'us-east-1',
      timeoutMs: 5000,
      tableName: env.TABLE_NAME ?? '',
    });
    const old = `${prefix}-old`;
    // An account item written as before the directory: no entry.
    const created = await store.createAccount({
      userKey: old,
      username: old,
      name: 'Old',
      passwordHash: 'x',
      createdAt: 1,
      securityStamp: 's',
    });
    assert.ok(created);
    await store.directory().remove(old, 1);
    dynamo.destroy();
    const before = json(await cli(['--json', 'users', 'list', '--prefix', old], env));
    assert.deepEqual(before.users, []);
    const reindexed = json(await cli(['--json', 'users', 'reindex'], env));
    assert.equal(reindexed.added, 1);
    const after = json(await cli(['--json', 'users', 'list', '--prefix', old], env));
    assert.deepEqual(
      (after.users as { username: string }[]).map((user) => user.username),
      [old],
    );
    assert.equal(json(await cli(['--json', 'users', 'reindex'], env)).added, 0, 'a second run adds nothing');
  });
});

describe('npm run admin on DATA_DIR, and with --aws', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'admin-cli-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('works through the running server’s store, and on the directory itself when no server runs', async () => {
    const username = `user-${randomUUID().slice(0, 8)}`;
    const env = { DATA_DIR: dataDir };
    // A server on the data directory, as src/server.ts runs it.
    const local: LocalStore = await startLocalStore({ dataDir });
    try {
      assert.ok(existsSync(join(dataDir, STORE_ENDPOINT_FILE)));
      const config = await loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        BCRYPT_COST: '4',
        JWT_SECRET: TEST_SECRET,
        MFA_ENCRYPTION_KEYS: TEST_MFA_KEYS,
        DYNAMODB_ENDPOINT: local.endpoint,
      });
      const { dynamo, store, rateLimits } = connectStore(config.store);
      await ensureTable(dynamo, config.store.tableName);
      const app = createApp({ config, store, rateLimits, logger: createLogger('silent') });
      await register(app, username);
      const listed = await cli(['users', 'list'], env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, new RegExp(`^USERNAME .*\\n${username} `));
      assert.equal(json(await cli(['--json', 'users', 'disable', username], env)).disabled, true);
      assert.equal((await login(app, username)).status, 403);
      dynamo.destroy();
    } finally {
      await local.close();
    }
    assert.ok(!existsSync(join(dataDir, STORE_ENDPOINT_FILE)), 'the server’s store took its endpoint file with it');
    // No server now: the CLI opens the directory itself.
    const shown = json(await cli(['--json', 'users', 'show', username], env));
    assert.equal(shown.disabled, true);
    assert.equal(json(await cli(['--json', 'users', 'enable', username], env)).disabled, false);
  });

  it('says so when DATA_DIR does not exist', async () => {
    const missing = await cli(['users', 'list'], { DATA_DIR: join(dataDir, 'nothing-here') });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^error: DATA_DIR .*nothing-here: no such directory/);
  });

  it('--aws: the table TABLE_NAME through the AWS SDK’s default chain (credentials and endpoint from the environment)', async () => {
    const { app, tableName } = await buildTestApp(testStore);
    const username = `user-${randomUUID().slice(0, 8)}`;
    await register(app, username);
    const env = {
      TABLE_NAME: tableName,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
      // The SDK's own setting for a service endpoint (as for a VPC endpoint); here, the test's dynalite.
      AWS_ENDPOINT_URL_DYNAMODB: testStore.endpoint,
      DATA_DIR: join(dataDir, 'not-used'),
    };
    const shown = json(await cli(['--aws', '--json', 'users', 'show', username], env));
    assert.equal(shown.username, username);
    assert.deepEqual(json(await cli(['--aws', '--json', 'users', 'sign-out', username], env)), { revoked: 0 });
  });
});
