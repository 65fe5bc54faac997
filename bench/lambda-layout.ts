import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { SESSION_CHECK_ATTRIBUTES } from '../src/store/records';

/**
 * The built Lambda functions laid out as Lambda runs them, for the cold-start and warm-invoke figures:
 * each `sam build` artifact in a /var/task of its own, the layers it names extracted into /opt with
 * /opt/nodejs/node_modules on NODE_PATH, its NODE_OPTIONS from the built template, all outside the project so
 * no project node_modules is reachable. Beside them, the minimal bare-SDK handlers they are compared
 * with, bundled the same way (esbuild, minified CommonJS), and the runners that load and invoke them.
 */
export const SAM_BUILD_DIR = resolve('.aws-sam/build');

/** A handler module and the environment it starts in. */
export interface LaidOutHandler {
  handler: string;
  env: NodeJS.ProcessEnv;
  bundleBytes: number;
}

export interface LambdaLayout {
  /** AuthFunction as template.yaml runs it. */
  service: LaidOutHandler;
  /** AuthFunction without the template's NODE_OPTIONS (null when it sets none): what they cost. */
  serviceWithoutNodeOptions: LaidOutHandler | null;
  authorizer: LaidOutHandler;
  minimal: LaidOutHandler;
  minimalAuthorizer: LaidOutHandler;
  /** AuthFunction's NODE_OPTIONS in the template `sam build` wrote (what `sam deploy` ships), as written there. */
  nodeOptions: string | null;
  /** Where the layers' node_modules are: bcrypt must load from there. */
  layerModules: string;
  runners: { cold: string; warm: string };
  /** A scratch directory for event and job files. */
  work: string;
  /** Set when src/ changed after the artifact was built: the figures are then the old code's. */
  staleBuild: string | null;
  remove(): Promise<void>;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** A resource's block in template.yaml: from its logical id to the next resource at the same indent. */
function resourceBlock(template: string, id: string): string {
  const start = template.search(new RegExp(`^ {2}${id}:\\s*$`, 'm'));
  if (start < 0) return '';
  const rest = template.slice(start + id.length + 3);
  const end = rest.search(/^ {2}\w+:\s*$/m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The layers template.yaml declares (AWS::Serverless::LayerVersion) that a function names in its Layers, as built. */
async function builtLayersOf(template: string, functionBlock: string): Promise<string[]> {
  const ids = [...template.matchAll(/^ {2}(\w+):\s*\n\s+Type:\s*AWS::Serverless::LayerVersion/gm)].map((match) => match[1] ?? '');
  const named = ids.filter((id) => new RegExp(`!Ref ${id}\\b`).test(functionBlock));
  const built = await Promise.all(
    named.map(async (id) => ((await exists(join(SAM_BUILD_DIR, id))) ? join(SAM_BUILD_DIR, id) : undefined)),
  );
  return built.filter((path): path is string => path !== undefined);
}

const nodeOptionsOf = (functionBlock: string) =>
  /^\s*NODE_OPTIONS:\s*(.+?)\s*$/m.exec(functionBlock)?.[1]?.replace(/^['"]|['"]$/g, '');

/** The newest file under src/ when it is newer than the artifact, else null. */
async function newerSource(artifactMs: number): Promise<string | null> {
  const files = await readdir(resolve('src'), { recursive: true });
  let newest: { path: string; mtimeMs: number } | null = null;
  for (const file of files) {
    const path = join('src', file);
    const { mtimeMs } = await stat(path);
    if (mtimeMs > artifactMs && (newest === null || mtimeMs > newest.mtimeMs)) newest = { path, mtimeMs };
  }
  return newest?.path ?? null;
}

async function bundle(entry: string, outfile: string, minify: boolean): Promise<number> {
  // As template.yaml's esbuild Metadata builds the functions: minified CommonJS for node24 from ES module builds where a package has one, with a source map.
  await build({
    // The minimal handlers read the service's projection without bundling the store module that defines it.
    define: { 'process.env.BENCH_SESSION_CHECK_ATTRIBUTES': JSON.stringify(JSON.stringify(SESSION_CHECK_ATTRIBUTES)) },
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    mainFields: ['module', 'main'],
    minify,
    sourcemap: minify,
    sourcesContent: false,
    logLevel: 'error',
  });
  return (await stat(outfile)).size;
}

interface BuiltFunction {
  id: string;
  /** The handler's module, from the template's Handler (`lambda.handler` → lambda). */
  module: string;
}

const FUNCTIONS = {
  service: { id: 'AuthFunction', module: 'lambda' },
  authorizer: { id: 'AuthorizerFunction', module: 'authorizer' },
} as const satisfies Record<string, BuiltFunction>;

/** The handler module's file in a function directory: Lambda's Node runtime tries .js, .mjs and .cjs, in that order. */
async function handlerFile(directory: string, module: string): Promise<string | undefined> {
  for (const extension of ['.js', '.mjs', '.cjs']) {
    const file = join(directory, `${module}${extension}`);
    if (await exists(file)) return file;
  }
  return undefined;
}

/**
 * The bytes a cold start loads: the handler's file and, for a bundle split into ES module chunks, every chunk
 * it imports statically (esbuild writes them as `from"./chunk-….mjs"` or `import"./chunk-….mjs"`; a
 * dynamic `import("./…")` is loaded on first use and not counted).
 */
async function bytesLoadedAtStart(handler: string): Promise<number> {
  const seen = new Set<string>();
  const pending = [handler];
  let bytes = 0;
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(file, 'utf8');
    bytes += Buffer.byteLength(code);
    for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*"(\.\/[^"]+\.mjs)"/g))
      pending.push(join(dirname(file), match[1] ?? ''));
  }
  return bytes;
}

/**
 * AuthFunction bundled again as the template bundles it, but with lines of at most 200 characters, beside
 * the built one: a CPU profile of it can then tell apart the ES modules whose top level esbuild puts
 * into one function (V8 counts samples by line). For profiles only; the figures use the artifact.
 */
export async function serviceWithShortLines(layout: LambdaLayout): Promise<LaidOutHandler> {
  const template = await readFile(resolve('template.yaml'), 'utf8');
  const block = resourceBlock(template, FUNCTIONS.service.id);
  const external = [...(/^\s+External:\s*\n((?:\s+- .+\n)+)/m.exec(block)?.[1] ?? '').matchAll(/- (\S+)/g)].map(
    (match) => match[1] ?? '',
  );
  // The template's output format, chunks, file extension and banner (see its AuthFunction Metadata).
  const format = /^\s+Format:\s*(esm|cjs)\s*$/m.exec(block)?.[1] === 'esm' ? 'esm' : 'cjs';
  const splitting = /^\s+Splitting:\s*true\s*$/m.test(block);
  const extension = /^\s+OutExtension:\s*\n\s+- \.js=(\.\w+)\s*$/m.exec(block)?.[1] ?? '.js';
  const banner = /^\s+Banner:\s*\n\s+- '?js=(.+?)'?\s*$/m.exec(block)?.[1];
  // A directory of its own beside the built one: a split bundle is several files.
  const outdir = join(dirname(layout.service.handler), 'short-lines');
  await build({
    entryPoints: [resolve('src/lambda.ts')],
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format,
    splitting,
    outExtension: { '.js': extension },
    ...(banner === undefined ? {} : { banner: { js: banner } }),
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    external,
    lineLimit: 200,
    logLevel: 'error',
  });
  const handler = join(outdir, `${FUNCTIONS.service.module}${extension}`);
  return { ...layout.service, handler, bundleBytes: await bytesLoadedAtStart(handler) };
}

/** The functions' environment, as the bench's server is configured: production, the same secret, store and table. */
export function lambdaEnvironment(serverEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const passed = [
    'PATH',
    'HOME',
    'NODE_ENV',
    'JWT_SECRET',
    'MFA_ENCRYPTION_KEYS',
    'LOG_LEVEL',
    'BCRYPT_COST',
    'DYNAMODB_ENDPOINT',
    'TABLE_NAME',
    'AWS_REGION',
    'EMAIL_TRANSPORT',
    'SES_ENDPOINT',
    'SMTP_URL',
    'EMAIL_FROM',
    'PUBLIC_URL',
  ];
  return Object.fromEntries(passed.flatMap((name) => (serverEnv[name] === undefined ? [] : [[name, serverEnv[name]]])));
}

/** Lays out the built functions (needs `npm run build:lambda`); the reason when there is nothing to lay out. */
export async function prepareLambdaLayout(env: NodeJS.ProcessEnv): Promise<LambdaLayout | { unavailable: string }> {
  const template = await readFile(resolve('template.yaml'), 'utf8').catch(() => '');
  // NODE_OPTIONS as `sam build` wrote them into the template `sam deploy` ships, which need not be template.yaml's
  // (with a `Sourcemap` build property it appends --enable-source-maps there).
  const builtTemplate = await readFile(join(SAM_BUILD_DIR, 'template.yaml'), 'utf8').catch(() => '');
  const serviceBlock = resourceBlock(template, FUNCTIONS.service.id);
  const serviceLayers = await builtLayersOf(template, serviceBlock);
  const missing = [];
  for (const fn of Object.values(FUNCTIONS))
    if ((await handlerFile(join(SAM_BUILD_DIR, fn.id), fn.module)) === undefined) missing.push(`${fn.id}/${fn.module}.js`);
  if (missing.length > 0 || serviceLayers.length === 0) {
    return {
      unavailable: `no sam build output in ${SAM_BUILD_DIR} (${missing.length > 0 ? `missing ${missing.join(', ')}` : 'no layers'}): run npm run build:lambda (it installs the SAM CLI with scripts/setup-sam.sh)`,
    };
  }
  const work = await mkdtemp(join(tmpdir(), 'auth-bench-lambda-'));
  const opt = join(work, 'opt');
  const layerModules = join(opt, 'nodejs/node_modules');
  for (const layer of serviceLayers) await cp(layer, opt, { recursive: true });

  const layOut = async (
    fn: BuiltFunction,
    withLayers: boolean,
  ): Promise<{ laidOut: LaidOutHandler; nodeOptions: string | undefined }> => {
    const task = join(work, fn.id, 'var/task');
    await cp(join(SAM_BUILD_DIR, fn.id), task, { recursive: true });
    const nodeOptions = nodeOptionsOf(resourceBlock(builtTemplate, fn.id));
    const handler = (await handlerFile(task, fn.module)) as string;
    return {
      nodeOptions,
      laidOut: {
        handler,
        bundleBytes: await bytesLoadedAtStart(handler),
        env: {
          ...env,
          // The template's NODE_OPTIONS name files in Lambda's /var/task; here that is this function's copy.
          ...(nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions.replaceAll('/var/task', task) }),
          ...(withLayers ? { NODE_PATH: layerModules } : {}),
          AWS_LAMBDA_FUNCTION_NAME: fn.id,
        },
      },
    };
  };
  const service = await layOut(FUNCTIONS.service, true);
  const authorizer = await layOut(FUNCTIONS.authorizer, false);
  const { NODE_OPTIONS: _nodeOptions, ...envWithoutNodeOptions } = service.laidOut.env;

  const minimal = (name: string, entry: string, like: LaidOutHandler) =>
    bundle(resolve(entry), join(work, name, 'index.js'), true).then((bundleBytes) => ({
      handler: join(work, name, 'index.js'),
      bundleBytes,
      env: like.env,
    }));
  const runner = async (name: string) => {
    const file = join(work, `${name}.cjs`);
    await bundle(resolve(`bench/lambda/${name}.ts`), file, false);
    return file;
  };
  const artifactMs = (
    await stat((await handlerFile(join(SAM_BUILD_DIR, FUNCTIONS.service.id), FUNCTIONS.service.module)) as string)
  ).mtimeMs;
  const stale = await newerSource(artifactMs);
  return {
    service: service.laidOut,
    serviceWithoutNodeOptions: service.nodeOptions === undefined ? null : { ...service.laidOut, env: envWithoutNodeOptions },
    authorizer: authorizer.laidOut,
    // The minimal handlers start as their function does, NODE_OPTIONS included: they are part of what a start costs there.
    minimal: await minimal('minimal', 'bench/lambda/minimal-handler.ts', service.laidOut),
    minimalAuthorizer: await minimal('minimal-authorizer', 'bench/lambda/minimal-authorizer.ts', authorizer.laidOut),
    nodeOptions: service.nodeOptions ?? null,
    layerModules,
    runners: { cold: await runner('cold-invoke'), warm: await runner('warm-invoke') },
    work,
    staleBuild:
      stale === null ? null : `${stale} is newer than the sam build output: run npm run build:lambda for current figures`,
    remove: () => rm(work, { recursive: true, force: true }),
  };
}
