import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { postJson } from './support/http-client';
import { listeningUrl } from './support/server-process';

/** src/server.ts as a user runs it: a child process on Node 24, spoken to over a real socket. */
interface RunningServer {
  baseUrl: string;
  process: ChildProcessWithoutNullStreams;
  logLines: string[];
}

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
const NODE = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'node');

async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(NODE, ['--import', 'tsx', 'src/server.ts'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', BCRYPT_COST: '4', COOKIE_SECURE: 'false', ...env },
  });
  const logLines: string[] = [];
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const baseUrl = await listeningUrl(child, { logLines, stderr: () => stderr.join(''), timeoutMs: 20_000 });
  return { baseUrl, process: child, logLines };
}

async function stopServer(server: RunningServer): Promise<number | null> {
  if (server.process.exitCode !== null) return server.process.exitCode;
  server.process.kill('SIGTERM');
  const [code] = (await once(server.process, 'exit')) as [number | null];
  return code;
}

let dataDir: string;
before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'auth-server-test-'));
});
after(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('src/server.ts over a real socket', () => {
  it('serves the four routes on the embedded store and keeps data on disk across restarts', async () => {
    const env = { DATA_DIR: dataDir, JWT_SECRET: 'a-local-secret-that-is-long-enough-1234' };
    const first = await startServer(env);
    try {
      assert.equal(
        (await postJson(first.baseUrl, '/register', { name: 'Sock', username: 'socket-user', password: 'socket password 1' }))
          .status,
        201,
      );
      const login = await postJson(first.baseUrl, '/login', { username: 'socket-user', password: 'socket password 1' });
      assert.equal(login.status, 200);
      const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
      assert.match(cookie, /^auth_token=/);
      assert.equal((await postJson(first.baseUrl, '/verify', {}, { cookie })).status, 200);
    } finally {
      assert.equal(await stopServer(first), 0, 'clean exit on SIGTERM');
    }

    const second = await startServer(env);
    try {
      const login = await postJson(second.baseUrl, '/login', { username: 'SOCKET-USER', password: 'socket password 1' });
      assert.equal(login.status, 200, 'the user survived the restart');
      const token = (login.body.response as { token: string }).token;
      assert.equal((await postJson(second.baseUrl, '/logout', { token })).status, 200);
      assert.equal((await postJson(second.baseUrl, '/verify', { token })).status, 401);
    } finally {
      assert.equal(await stopServer(second), 0);
    }
  });

  it('runs in memory when asked, warns about a generated secret, and exits cleanly on SIGINT', async () => {
    const server = await startServer({ STORE_IN_MEMORY: 'true' });
    try {
      assert.ok(server.logLines.some((line) => line.includes('JWT_SECRET is not set')));
      assert.equal((await postJson(server.baseUrl, '/verify', {})).status, 401);
    } finally {
      server.process.kill('SIGINT');
      const [code] = (await once(server.process, 'exit')) as [number | null];
      assert.equal(code, 0);
    }
  });

  it('refuses to start in production without a strong secret, naming the problem', async () => {
    for (const env of [{}, { JWT_SECRET: 'too-short' }]) {
      const child = spawn(NODE, ['--import', 'tsx', 'src/server.ts'], {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: '0', STORE_IN_MEMORY: 'true', ...env },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 1);
      assert.match(stderr, /JWT_SECRET/);
      assert.doesNotMatch(stderr, /too-short/, 'the secret itself is never printed');
    }
  });
});
