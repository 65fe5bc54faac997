import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEnv } from './support/app';
import { PRODUCTION_MAIL_ENV } from './support/config';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy';
import { invoke, type LambdaHandler } from './support/lambda-flow';
import { loadHandler } from './support/lambda-handlers';
import { useTestStore } from './support/store';

/**
 * The metrics the Lambda handler emits: CloudWatch embedded metric format lines on stdout (what the
 * function's log group turns into metrics), one per invocation that counted something, plus ColdStart
 * on a sandbox's first invocation. The handler is loaded as its cold start does, with API Gateway's events.
 */

const testStore = useTestStore();
const NAMESPACE = 'ServerlessAuthTest';
let handler: LambdaHandler;
let proxy: FaultProxy;

interface EmfLine {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
  service: string;
  [metric: string]: unknown;
}

/** A line of output as JSON, or null: the test runner writes lines of its own that may start with "{" too. */
function jsonLine(line: string): Partial<EmfLine> | null {
  if (!line.startsWith('{')) return null;
  try {
    return JSON.parse(line) as Partial<EmfLine>;
  } catch {
    return null;
  }
}

/** The EMF lines the handler prints on stdout while `work` runs (other output passes through). */
async function emfLinesOf(work: () => Promise<unknown>): Promise<EmfLine[]> {
  const lines: EmfLine[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    for (const line of chunk.toString().split('\n')) {
      const parsed = jsonLine(line);
      if (parsed?._aws !== undefined) lines.push(parsed as EmfLine);
    }
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    await work();
  } finally {
    process.stdout.write = write;
  }
  return lines;
}

/** Every metric of the lines with its summed value (a metric counted twice in an invocation is an array). */
function totals(lines: EmfLine[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const line of lines) {
    for (const { Name } of line._aws.CloudWatchMetrics.flatMap((directive) => directive.Metrics)) {
      const value = line[Name];
      sums[Name] = (sums[Name] ?? 0) + (Array.isArray(value) ? value.reduce((a: number, b: number) => a + b, 0) : Number(value));
    }
  }
  return sums;
}

const alice = { name: 'Alice', username: 'alice', password: 'a perfectly fine passphrase' };
const login = (password: string) =>
  invoke(handler, '2.0', { method: 'POST', path: '/login', body: { username: 'alice', password } });

before(async () => {
  const tableName = await testStore.newTable();
  proxy = await startFaultProxy(testStore.endpoint);
  handler = await loadHandler(
    'lambda',
    testEnv(proxy.endpoint, tableName, {
      NODE_ENV: 'production',
      BCRYPT_COST: '10',
      ...PRODUCTION_MAIL_ENV,
      METRICS_NAMESPACE: NAMESPACE,
      STORE_TIMEOUT_MS: '400',
      LOGIN_ACCOUNT_MAX_FAILURES: '2',
      REFRESH_REUSE_GRACE_SECONDS: '0',
      // Lambda sets this for an on-demand sandbox (not for provisioned concurrency, whose starts are not cold).
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    }),
  );
});
after(async () => {
  await proxy.close();
});

describe('metrics in Lambda (CloudWatch EMF through Powertools)', () => {
  it('prints ColdStart on the first invocation only, and one EMF line per invocation that counted something', async () => {
    const first = await emfLinesOf(() => invoke(handler, '2.0', { method: 'POST', path: '/register', body: alice }));
    assert.deepEqual(totals(first), { ColdStart: 1 });
    const [coldStart] = first;
    assert.equal(coldStart?._aws.CloudWatchMetrics[0]?.Namespace, NAMESPACE);
    assert.equal(coldStart?.service, 'serverless-auth');

    const quiet = await emfLinesOf(() => invoke(handler, '2.0', { method: 'GET', path: '/health' }));
    assert.deepEqual(quiet, [], 'nothing counted, nothing printed');

    const signedIn = await emfLinesOf(() => login(alice.password));
    assert.equal(signedIn.length, 1);
    const [line] = signedIn;
    assert.deepEqual(line?._aws.CloudWatchMetrics, [
      { Namespace: NAMESPACE, Dimensions: [['service']], Metrics: [{ Name: 'Logins', Unit: 'Count' }] },
    ]);
    assert.equal(line?.service, 'serverless-auth');
    assert.equal(line?.Logins, 1);
    assert.ok(Math.abs(Number(line?._aws.Timestamp) - Date.now()) < 60_000);
  });

  it('counts login failures, lockouts, locked-out attempts and refresh reuse', async () => {
    const lines = await emfLinesOf(async () => {
      const session = await login(alice.password);
      const refreshToken = (session.body.response as { refreshToken: string }).refreshToken;
      await invoke(handler, '2.0', { method: 'POST', path: '/refresh', body: { refreshToken } });
      const reused = await invoke(handler, '2.0', { method: 'POST', path: '/refresh', body: { refreshToken } });
      assert.equal(reused.statusCode, 401);
      assert.equal((await login('wrong one')).statusCode, 401);
      assert.equal((await login('wrong two')).statusCode, 401);
      assert.equal((await login(alice.password)).statusCode, 429);
    });
    assert.deepEqual(totals(lines), { Logins: 1, RefreshReuse: 1, LoginFailures: 2, Lockouts: 1, LockedOutAttempts: 1 });
  });

  it('counts 5xx answers and store errors when the store is down (readiness too)', async () => {
    proxy.setMode('reset');
    try {
      const lines = await emfLinesOf(async () => {
        assert.equal((await invoke(handler, '2.0', { method: 'GET', path: '/health/ready' })).statusCode, 503);
        assert.equal(
          (await invoke(handler, '2.0', { method: 'POST', path: '/register', body: { ...alice, username: 'bob' } })).statusCode,
          503,
        );
        assert.equal((await invoke(handler, '2.0', { method: 'GET', path: '/health' })).statusCode, 200);
      });
      assert.equal(lines.length, 2);
      assert.deepEqual(totals(lines), { ServerErrors: 2, StoreErrors: 2 });
    } finally {
      proxy.setMode('forward');
    }
  });
});
