import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import type { ArtifactRunReport } from './support/artifact-runner';
import { startFakeSecretsManager, type FakeSecretsManager } from './support/fake-secrets-manager';
import { startTestStore, type TestStore } from './support/store';

/**
 * Tests the `sam build` output (what `sam deploy` uploads), not src/. Build it first with
 * `npm run build:lambda` (scripts/build-lambda.sh, which also fails on any `sam validate --lint` warning).
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = join(ROOT, '.aws-sam', 'build');
const FUNCTION_DIR = join(BUILD, 'AuthFunction');
const LAYER_DIR = join(BUILD, 'BcryptLayer');
const BUILD_HINT = 'run `npm run build:lambda` (scripts/build-lambda.sh) first';

/** Unzipped size limit for AuthFunction + BcryptLayer. Today ~5.7 MiB; a jump past this means something big got bundled. */
const SIZE_BUDGET_BYTES = 8 * 1024 * 1024;

const SECRET_NAME = 'serverless-auth/jwt-signing-key';
const SECRET_VALUE = randomBytes(48).toString('base64url');

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function newestMtime(paths: string[]): Promise<{ path: string; mtimeMs: number }> {
  let newest = { path: '', mtimeMs: 0 };
  for (const path of paths) {
    const { mtimeMs } = await stat(path);
    if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  }
  return newest;
}

/** Refuses to test a missing build, or one older than any input of `sam build`. */
async function assertBuildIsFresh(): Promise<void> {
  const builtFiles = [join(FUNCTION_DIR, 'lambda.js'), join(BUILD, 'template.yaml'), join(LAYER_DIR, 'nodejs', 'node_modules', 'bcrypt', 'package.json')];
  for (const file of builtFiles) {
    assert.ok(existsSync(file), `the sam build output is missing (${file}); ${BUILD_HINT}`);
  }
  const builtAt = Math.min(...(await Promise.all(builtFiles.slice(0, 2).map(async (file) => (await stat(file)).mtimeMs))));
  const inputs = [
    ...(await filesUnder(join(ROOT, 'src'))),
    join(ROOT, 'template.yaml'),
    join(ROOT, 'package-lock.json'),
    ...(await filesUnder(join(ROOT, 'layers'))),
  ];
  const newest = await newestMtime(inputs);
  assert.ok(
    newest.mtimeMs <= builtAt,
    `the sam build output is older than ${newest.path.slice(ROOT.length + 1)}; ${BUILD_HINT}`,
  );
}

/** True when no directory from `start` up to the root holds a node_modules the artifact could fall back to. */
function noNodeModulesAbove(start: string): boolean {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'node_modules'))) return false;
    if (dirname(directory) === directory) return true;
  }
}

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  report: ArtifactRunReport;
}

let testStore: TestStore;
let secrets: FakeSecretsManager;
let sandbox: string;
let taskDir: string;
let layerModules: string;

/** Runs test/support/artifact-runner.ts in a fresh Node process, with cwd in the Lambda-like copy. */
async function runArtifact(env: Record<string, string>): Promise<ChildRun> {
  const reportPath = join(sandbox, `report-${randomBytes(4).toString('hex')}.json`);
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx/esm'), join(ROOT, 'test', 'support', 'artifact-runner.ts'), taskDir, reportPath],
    // Only what Lambda would set: nothing of this process's environment leaks in (no NODE_PATH, no AWS profile).
    { cwd: taskDir, env: { PATH: process.env.PATH ?? '', HOME: sandbox, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
  const report = JSON.parse(await readFile(reportPath, 'utf8').catch(() => '{}')) as ArtifactRunReport;
  return { code, stdout, stderr, report };
}

async function lambdaEnv(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    BCRYPT_COST: '10',
    TABLE_NAME: await testStore.newTable(),
    DYNAMODB_ENDPOINT: testStore.endpoint,
    JWT_SECRET_ID: SECRET_NAME,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAFAKEFORTESTS',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key-for-tests',
    AWS_EC2_METADATA_DISABLED: 'true',
    // Lambda's NODE_PATH includes /opt/nodejs/node_modules, where a layer's node_modules lands.
    NODE_PATH: layerModules,
    ...overrides,
  };
}

before(async () => {
  await assertBuildIsFresh();
  // Lay the artifact out as Lambda does: the function in "/var/task", the layer under "/opt".
  sandbox = await mkdtemp(join(tmpdir(), 'sam-artifact-'));
  taskDir = join(sandbox, 'task');
  await cp(FUNCTION_DIR, taskDir, { recursive: true });
  await cp(LAYER_DIR, join(sandbox, 'opt'), { recursive: true });
  layerModules = join(sandbox, 'opt', 'nodejs', 'node_modules');
  testStore = await startTestStore();
  secrets = await startFakeSecretsManager({ name: SECRET_NAME, value: SECRET_VALUE });
});

after(async () => {
  await secrets?.close();
  await testStore?.close();
  if (sandbox !== undefined) await rm(sandbox, { recursive: true, force: true });
});

describe('the sam build artifact', () => {
  it('cannot fall back to the project node_modules: without the layer, bcrypt is missing', async () => {
    assert.ok(!taskDir.startsWith(ROOT + sep), 'the copy must live outside the project');
    assert.ok(noNodeModulesAbove(taskDir), `a node_modules above ${taskDir} would hide a missing dependency`);

    const { NODE_PATH: _withoutLayer, ...env } = await lambdaEnv();
    const run = await runArtifact(env);
    assert.notEqual(run.code, 0, 'the artifact must not run without its bcrypt layer');
    assert.equal(run.report.bcryptResolvedTo, null);
    assert.match(run.report.loadError ?? '', /Cannot find module 'bcrypt'/);
  });

  it('runs register → login → verify → logout with HTTP API and REST API events, secret from Secrets Manager', async () => {
    secrets.requests.length = 0;
    const run = await runArtifact(await lambdaEnv());
    assert.equal(run.code, 0, `artifact run failed:\n${run.stderr}\n${run.report.loadError ?? ''}`);

    // bcrypt, JS and native binary, came from the layer copy and nowhere else.
    assert.ok(run.report.bcryptResolvedTo?.startsWith(layerModules + sep), String(run.report.bcryptResolvedTo));
    assert.ok(run.report.bcryptModulesLoaded.some((path) => path.endsWith('.node')), 'the native addon was loaded');
    for (const path of run.report.bcryptModulesLoaded) assert.ok(path.startsWith(layerModules + sep), path);

    // The secret was read once, at cold start, through the signed SDK call, and the tokens are signed with it.
    assert.deepEqual(secrets.requests, [{ target: 'secretsmanager.GetSecretValue', secretId: SECRET_NAME, signed: true }]);
    const token = run.report.token ?? '';
    const claims = jwt.verify(token, SECRET_VALUE, { algorithms: ['HS256'] });
    assert.equal(typeof claims, 'object');
    assert.throws(() => jwt.verify(token, randomBytes(48).toString('base64url'), { algorithms: ['HS256'] }), /invalid signature/);

    // The function logged its requests, and neither the secret nor a token appears in those logs.
    assert.match(run.stdout, /"level":"info"/);
    assert.ok(!run.stdout.includes(SECRET_VALUE), 'the JWT secret must never be logged');
    assert.ok(!run.stdout.includes(token), 'tokens must never be logged');
  });

  it('refuses to start when the secret cannot be read', async () => {
    const run = await runArtifact(await lambdaEnv({ JWT_SECRET_ID: 'no-such-secret' }));
    assert.notEqual(run.code, 0);
    assert.match(run.report.loadError ?? '', /can't find the specified secret/);
  });
});

describe('the bcrypt layer', () => {
  it("holds bcrypt's linux-arm64 (glibc) binary for Lambda's arm64 runtime", async () => {
    const binary = join(LAYER_DIR, 'nodejs', 'node_modules', 'bcrypt', 'prebuilds', 'linux-arm64', 'bcrypt.glibc.node');
    const handle = await open(binary, 'r');
    const header = Buffer.alloc(20);
    try {
      await handle.read(header, 0, 20, 0);
    } finally {
      await handle.close();
    }
    assert.deepEqual([...header.subarray(0, 4)], [0x7f, 0x45, 0x4c, 0x46], 'ELF magic');
    assert.equal(header[4], 2, 'ELFCLASS64');
    assert.equal(header[5], 1, 'little-endian');
    assert.equal(header.readUInt16LE(16), 3, 'ET_DYN: a shared object');
    assert.equal(header.readUInt16LE(18), 183, 'e_machine EM_AARCH64');
    // node-gyp-build picks the prebuild at run time, so it must ship too.
    assert.ok(existsSync(join(LAYER_DIR, 'nodejs', 'node_modules', 'node-gyp-build', 'package.json')));
  });

  it('ships the same bcrypt version as the project is tested with', async () => {
    const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    const layered = JSON.parse(await readFile(join(LAYER_DIR, 'nodejs', 'node_modules', 'bcrypt', 'package.json'), 'utf8')) as { version: string };
    assert.equal(layered.version, lock.packages['node_modules/bcrypt']?.version, 'bump layers/bcrypt/package.json with the root bcrypt');
  });
});

describe('the artifact size', () => {
  it(`stays under ${SIZE_BUDGET_BYTES / 1024 / 1024} MiB unzipped (function + layer)`, async () => {
    const sizeOf = async (directory: string) =>
      (await Promise.all((await filesUnder(directory)).map(async (file) => (await stat(file)).size))).reduce((a, b) => a + b, 0);
    const functionBytes = await sizeOf(FUNCTION_DIR);
    const layerBytes = await sizeOf(LAYER_DIR);
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
    console.log(
      `sam build size: AuthFunction ${kib(functionBytes)} + BcryptLayer ${kib(layerBytes)} = ${kib(functionBytes + layerBytes)} (budget ${kib(SIZE_BUDGET_BYTES)})`,
    );
    assert.ok(functionBytes + layerBytes < SIZE_BUDGET_BYTES);
  });
});

describe('template.yaml', () => {
  interface Statement {
    Action: string | string[];
    Resource: unknown;
  }

  /** The template as JSON, parsed by the SAM CLI's own YAML loader (it knows the !Ref/!Sub tags). */
  function loadTemplate(): { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> } {
    const python = join(ROOT, '.venv', 'bin', 'python');
    assert.ok(existsSync(python), `the SAM CLI virtualenv is missing; ${BUILD_HINT}`);
    const parsed = spawnSync(
      python,
      ['-c', 'import json,sys; from samcli.yamlhelper import yaml_parse; print(json.dumps(yaml_parse(open(sys.argv[1]).read())))', join(ROOT, 'template.yaml')],
      { encoding: 'utf8' },
    );
    assert.equal(parsed.status, 0, parsed.stderr);
    return JSON.parse(parsed.stdout);
  }

  it('grants only the DynamoDB actions the store uses, on the table alone, and the secret alone', async () => {
    const template = loadTemplate();
    const fn = template.Resources.AuthFunction!.Properties;
    const statements = (fn.Policies as Array<{ Statement: Statement[] }>).flatMap((policy) => policy.Statement);
    assert.equal((fn.Policies as unknown[]).length, 1, 'no managed policies (no *FullAccess)');

    const commandToAction: Record<string, string> = {
      GetCommand: 'dynamodb:GetItem',
      PutCommand: 'dynamodb:PutItem',
      DeleteCommand: 'dynamodb:DeleteItem',
      UpdateCommand: 'dynamodb:UpdateItem',
      QueryCommand: 'dynamodb:Query',
    };
    const storeSource = (await Promise.all((await filesUnder(join(ROOT, 'src', 'store'))).map((file) => readFile(file, 'utf8')))).join('\n');
    const used = Object.entries(commandToAction)
      .filter(([command]) => new RegExp(`new ${command}\\(`).test(storeSource))
      .map(([, action]) => action);

    const dynamo = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('dynamodb:')));
    assert.equal(dynamo.length, 1);
    const granted = [dynamo[0]!.Action].flat();
    for (const action of used) assert.ok(granted.includes(action), `the store calls ${action} but the policy does not grant it`);
    for (const action of granted) assert.ok(Object.values(commandToAction).includes(action), `${action} is not needed`);
    assert.deepEqual(dynamo[0]!.Resource, { 'Fn::GetAtt': ['AuthTable', 'Arn'] });

    const secret = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('secretsmanager:')));
    assert.deepEqual(secret.map((statement) => statement.Action), ['secretsmanager:GetSecretValue']);
    assert.ok(!JSON.stringify(statements).includes('"*"'), 'no wildcard resources or actions');
  });

  it('configures the function and table as the deploy docs say', () => {
    const { Resources } = loadTemplate();
    const fn = Resources.AuthFunction!.Properties;
    assert.equal(fn.Handler, 'lambda.handler');
    const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    assert.equal(env.NODE_ENV, 'production');
    assert.ok('JWT_SECRET_ID' in env && !('JWT_SECRET' in env), 'the function gets the secret id, never the value');
    assert.deepEqual(
      Object.keys(env).sort(),
      ['ALLOWED_ORIGINS', 'BCRYPT_COST', 'JWT_SECRET_ID', 'LOG_LEVEL', 'NODE_ENV', 'NODE_OPTIONS', 'TABLE_NAME', 'TOKEN_TTL_SECONDS'],
    );

    const table = Resources.AuthTable!.Properties;
    assert.equal(table.BillingMode, 'PAY_PER_REQUEST');
    assert.equal(table.TableName, undefined, 'the table name is generated');
    assert.deepEqual(table.TimeToLiveSpecification, { AttributeName: 'expiresAt', Enabled: true });
    assert.deepEqual(table.PointInTimeRecoverySpecification, { PointInTimeRecoveryEnabled: true });
    assert.equal(table.DeletionProtectionEnabled, true);
    assert.deepEqual(table.SSESpecification, { SSEEnabled: true });
  });
});
