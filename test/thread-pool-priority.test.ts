import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config';

const run = promisify(execFile);

/** The project's Node (engines: >=24, whose libuv names its pool threads), whichever node runs the tests. */
const PROJECT_NODE = existsSync('node_modules/.bin/node') ? 'node_modules/.bin/node' : process.execPath;

/** In a process of its own (the test runner's pool stays as it is): lowers the pool, then reads every thread's nice value. */
const PROBE = `
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { lowerThreadPoolPriority } from './src/thread-pool-priority.ts';
const lowered = await lowerThreadPoolPriority(Number(process.argv[1]));
const threads = readdirSync('/proc/self/task').map((task) => ({
  name: readFileSync('/proc/self/task/' + task + '/comm', 'utf8').trim(),
  nice: getPriority(Number(task)),
}));
console.log(JSON.stringify({ lowered, threads }));
`;

async function probe(nice: number): Promise<{ lowered: number; threads: { name: string; nice: number }[] }> {
  const { stdout } = await run(PROJECT_NODE, ['--import', 'tsx', '--input-type=module', '-e', PROBE, String(nice)], {
    env: { PATH: process.env.PATH, UV_THREADPOOL_SIZE: '3' },
  });
  return JSON.parse(stdout) as { lowered: number; threads: { name: string; nice: number }[] };
}

describe('the hashing threads yield to the event loop (HASHING_THREAD_NICE)', {
  skip: process.platform !== 'linux' && 'nice values per thread are a Linux feature',
}, () => {
  it('defaults to 10 and accepts 0-19 only', async () => {
    assert.equal((await loadConfig({ NODE_ENV: 'development' })).hashingThreadNice, 10);
    assert.equal((await loadConfig({ NODE_ENV: 'development', HASHING_THREAD_NICE: '0' })).hashingThreadNice, 0);
    await assert.rejects(loadConfig({ NODE_ENV: 'development', HASHING_THREAD_NICE: '20' }), /HASHING_THREAD_NICE/);
  });

  it("lowers every thread of libuv's pool, and no other thread", async () => {
    const { lowered, threads } = await probe(10);
    const pool = threads.filter((thread) => thread.name === 'libuv-worker');
    assert.equal(pool.length, 3, 'UV_THREADPOOL_SIZE threads');
    assert.equal(lowered, 3);
    assert.deepEqual(
      pool.map((thread) => thread.nice),
      [10, 10, 10],
    );
    for (const thread of threads.filter((other) => other.name !== 'libuv-worker')) assert.equal(thread.nice, 0, thread.name);
  });

  it('leaves every thread as it is with 0', async () => {
    const { lowered, threads } = await probe(0);
    assert.equal(lowered, 0);
    for (const thread of threads) assert.equal(thread.nice, 0, thread.name);
  });
});
