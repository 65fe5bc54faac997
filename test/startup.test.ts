import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { type AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_MFA_KEYS } from './support/app';
import { PRODUCTION_MAIL_ENV } from './support/config';
import { postJson } from './support/http-client';
import { listeningUrl } from './support/server-process';

/**
 * The rough edges a newcomer hit running the local server (issue 15), each on a child process as a
 * person starts it (`npm start`, `npm run serve`, or the entry under node), spoken to on 127.0.0.1.
 */

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
const NODE = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'node');
const BASE_ENV = {
  PATH: `${path.join(PROJECT_ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
  PORT: '0',
  LOG_LEVEL: 'info',
  BCRYPT_COST: '4',
};

interface Started {
  child: ChildProcessWithoutNullStreams;
  baseUrl: string;
  port: number;
  logLines: string[];
  stderr: () => string;
}

/**
 * Spawns the command in its own process group (so whatever it leaves behind can be found, and cleaned
 * up, by that group's id) and waits for the server's "listening on" line.
 */
async function start(command: string, args: string[], env: Record<string, string>): Promise<Started> {
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env: { ...BASE_ENV, ...env }, detached: true });
  groups.push(child.pid ?? 0);
  const logLines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const baseUrl = await listeningUrl(child, { logLines, stderr: () => stderr, timeoutMs: 30_000 });
  return { child, baseUrl, port: Number(new URL(baseUrl).port), logLines, stderr: () => stderr };
}

/** Runs the server to its exit, which must come by itself: its code and what it printed on stderr. */
async function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(NODE, ['--import', 'tsx', 'src/server.ts'], { cwd: PROJECT_ROOT, env: { ...BASE_ENV, ...env } });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr, stdout };
}

async function stop(started: Started): Promise<number | null> {
  if (started.child.exitCode !== null) return started.child.exitCode;
  started.child.kill('SIGTERM');
  const [code] = (await once(started.child, 'exit')) as [number | null];
  return code;
}

/** Whether anything accepts a connection on 127.0.0.1:port. */
async function accepts(port: number): Promise<boolean> {
  const socket = connect(port, '127.0.0.1');
  try {
    await Promise.race([once(socket, 'connect'), once(socket, 'error').then(([error]) => Promise.reject(error))]);
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

/** Whether any process of the group is left. */
function groupAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `condition` holds, for at most `limitMs`; whether it held. */
async function eventually(condition: () => boolean | Promise<boolean>, limitMs = 15_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < limitMs; await sleep(100)) {
    if (await condition()) return true;
  }
  return condition();
}

/** What a person reads on stderr: one line, no stack trace, no dynalite internals. */
function assertOneClearLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, not:\n${stderr}`);
  assert.match(lines[0] ?? '', pattern);
  assert.doesNotMatch(stderr, /^\s+at |Database is closed|node:internal/m);
}

const groups: number[] = [];
let dataDir: string;
before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'auth-startup-test-'));
});
after(async () => {
  // Anything a failing test left running (an orphaned server) goes with its process group.
  for (const group of groups) {
    if (groupAlive(group)) process.kill(-group, 'SIGKILL');
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('a start that cannot work says why in one line and exits with 1', () => {
  it('a second server on the same DATA_DIR names the data dir and its lock', async () => {
    const dir = path.join(dataDir, 'shared');
    const first = await start(NODE, ['--import', 'tsx', 'src/server.ts'], { DATA_DIR: dir });
    try {
      const second = await runToExit({ DATA_DIR: dir });
      assert.equal(second.code, 1);
      assertOneClearLine(second.stderr, /DATA_DIR .*shared is in use by another running server .*LOCK/);
      // The first one is unharmed.
      assert.equal((await postJson(first.baseUrl, '/verify', {})).status, 401);
    } finally {
      assert.equal(await stop(first), 0);
    }
  });

  it('a busy port names the address and PORT', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as AddressInfo;
    try {
      const result = await runToExit({ STORE_IN_MEMORY: 'true', PORT: String(port) });
      assert.equal(result.code, 1);
      assertOneClearLine(result.stderr, new RegExp(`127\\.0\\.0\\.1:${port}: the port is already in use.*PORT`));
    } finally {
      blocker.close();
    }
  });

  it('a HOST that does not resolve names HOST', async () => {
    const result = await runToExit({ STORE_IN_MEMORY: 'true', HOST: 'nonexistent.invalid' });
    assert.equal(result.code, 1);
    assertOneClearLine(result.stderr, /HOST=nonexistent\.invalid: no such host name/);
  });

  it('ALLOWED_ORIGINS without a scheme is refused, with the origin it probably means', async () => {
    const result = await runToExit({ STORE_IN_MEMORY: 'true', ALLOWED_ORIGINS: 'localhost:5173' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /ALLOWED_ORIGINS: "localhost:5173" is not an origin.*http:\/\/localhost:5173/);
    assert.doesNotMatch(result.stderr, /^\s+at /m);
  });
});

describe('npm start', () => {
  it('stops, the server with it, when the npm process gets SIGTERM (as from a service manager)', async () => {
    const started = await start('npm', ['start'], { DATA_DIR: path.join(dataDir, 'sigterm') });
    const group = started.child.pid ?? 0;
    assert.ok(await accepts(started.port));
    process.kill(group, 'SIGTERM'); // the npm process alone, not its group
    await once(started.child, 'exit');
    assert.ok(await eventually(async () => !(await accepts(started.port))), 'the port closes');
    assert.ok(await eventually(() => !groupAlive(group)), 'no process of the tree is left');
    assert.ok(
      started.logLines.some((line) => line.includes('"signal":"SIGTERM"') && line.includes('shutting down')),
      'the server shut down itself',
    );
  });

  it('keeps its generated JWT secret in DATA_DIR (mode 600): access tokens survive a restart', async () => {
    const dir = path.join(dataDir, 'secret');
    const env = { DATA_DIR: dir };
    const user = { name: 'Restart', username: 'restart-user', password: 'restart password 1' };
    const first = await start('npm', ['start'], env);
    let token: string;
    try {
      assert.ok(!first.logLines.some((line) => line.includes('JWT_SECRET is not set')), 'no warning: the secret is kept');
      assert.equal((await postJson(first.baseUrl, '/register', user)).status, 201);
      const login = await postJson(first.baseUrl, '/login', user);
      token = (login.body.response as { token: string }).token;
      // npm start serves plain HTTP on 127.0.0.1: cookies without Secure, so curl's cookie jar keeps them.
      assert.doesNotMatch(login.headers.getSetCookie()[0] ?? '', /Secure/);
    } finally {
      assert.equal(await stop(first), 0);
    }
    const file = path.join(dir, 'jwt-secret');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.ok(Buffer.byteLength((await readFile(file, 'utf8')).trim()) >= 32);

    const second = await start('npm', ['start'], env);
    try {
      assert.equal(
        (await postJson(second.baseUrl, '/verify', { token })).status,
        200,
        'the token from before the restart still verifies',
      );
    } finally {
      assert.equal(await stop(second), 0);
    }
  });
});

describe('npm run build, then npm run serve in production', () => {
  it('runs the compiled server with plain node, Secure cookies by default, no COOKIE_SECURE needed', async () => {
    const build = spawn('npm', ['run', 'build'], { cwd: PROJECT_ROOT, env: BASE_ENV });
    let buildOutput = '';
    build.stderr.on('data', (chunk: Buffer) => (buildOutput += chunk.toString()));
    const [buildCode] = (await once(build, 'exit')) as [number | null];
    assert.equal(buildCode, 0, buildOutput);
    const bundle = await readFile(path.join(PROJECT_ROOT, 'dist', 'server.js'), 'utf8');
    assert.doesNotMatch(bundle, /from ["']tsx/);

    const served = await start('npm', ['run', 'serve'], {
      NODE_ENV: 'production',
      BCRYPT_COST: '10',
      DATA_DIR: path.join(dataDir, 'production'),
      JWT_SECRET: 'a-production-secret-that-is-long-enough-1234',
      MFA_ENCRYPTION_KEYS: TEST_MFA_KEYS,
      ...PRODUCTION_MAIL_ENV,
    });
    try {
      const user = { name: 'Prod', username: 'prod-user', password: 'production password 1' };
      assert.equal((await postJson(served.baseUrl, '/register', user)).status, 201);
      const login = await postJson(served.baseUrl, '/login', user);
      assert.equal(login.status, 200);
      for (const cookie of login.headers.getSetCookie()) assert.match(cookie, /; Secure/);
      const page = await fetch(`${served.baseUrl}/`);
      assert.equal(page.status, 200, 'the page is found from dist/');
      await page.arrayBuffer();
    } finally {
      assert.equal(await stop(served), 0);
    }
  });
});
