import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { httpApiEvent } from '../harness/api-gateway-events';
import { firstJsonLine, spawnNode } from './processes';
import { median } from './stats';

/**
 * Lambda cold starts, compared in the same run: the `sam build` artifact of AuthFunction against a
 * minimal handler that only does the verify's GetItem with the bare SDK, bundled the same way (esbuild,
 * minified CommonJS). Each start is a fresh Node process that loads the module and answers one HTTP API
 * (payload 2.0) verify event; the sides take turns so drift on a shared machine hits them alike.
 */
export const SAM_BUILD_DIR = resolve('.aws-sam/build');
export const ARTIFACT = join(SAM_BUILD_DIR, 'AuthFunction/lambda.js');

/** The layers template.yaml declares (AWS::Serverless::LayerVersion), by logical id, as built. */
async function builtLayers(): Promise<string[]> {
  const template = await readFile(resolve('template.yaml'), 'utf8').catch(() => '');
  const ids = [...template.matchAll(/^ {2}(\w+):\s*\n\s+Type:\s*AWS::Serverless::LayerVersion/gm)].map((match) => match[1] ?? '');
  const built = await Promise.all(ids.map(async (id) => ((await exists(join(SAM_BUILD_DIR, id))) ? join(SAM_BUILD_DIR, id) : undefined)));
  return built.filter((path): path is string => path !== undefined);
}

interface Invocation {
  nodeBootMs: number;
  loadMs: number;
  firstInvokeMs: number;
  coldStartMs: number;
  statusCode: number;
  /** Where bcrypt was loaded from, if it was. */
  bcryptFrom: string | null;
}

export interface ColdStartSide {
  bundleBytes: number;
  /** Medians over the runs. */
  coldStartMs: number;
  loadMs: number;
  firstInvokeMs: number;
  /** From spawning the process to its answer, Node's own start included. */
  processToAnswerMs: number;
  runs: Invocation[];
}

export type ColdStartResult =
  | {
      available: true;
      /** The artifact as template.yaml runs it (its NODE_OPTIONS included). */
      service: ColdStartSide;
      minimal: ColdStartSide;
      /** The artifact without the template's NODE_OPTIONS; null when the template sets none. */
      serviceWithoutNodeOptions: ColdStartSide | null;
      nodeOptions: string | null;
      /** Set when src/ changed after the artifact was built: the figures are then the old code's. */
      staleBuild: string | null;
      problems: string[];
    }
  | { available: false; reason: string };

const exists = (path: string) => stat(path).then(() => true, () => false);

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

/**
 * NODE_OPTIONS as template.yaml sets it for AuthFunction (it requires source-maps.js): it is part of what
 * a cold start costs there, so both handlers run with it.
 */
async function templateNodeOptions(): Promise<string | undefined> {
  const template = await readFile(resolve('template.yaml'), 'utf8').catch(() => '');
  return /^\s*NODE_OPTIONS:\s*(.+?)\s*$/m.exec(template)?.[1]?.replace(/^['"]|['"]$/g, '');
}

async function bundle(entry: string, outfile: string, minify: boolean): Promise<void> {
  // As template.yaml's esbuild Metadata builds AuthFunction: minified CommonJS for node24, with a source map.
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    minify,
    sourcemap: minify,
    sourcesContent: false,
    logLevel: 'error',
  });
}

async function invoke(runner: string, handler: string, eventFile: string, env: NodeJS.ProcessEnv): Promise<Invocation & { wallMs: number }> {
  const started = performance.now();
  const child = spawnNode([runner, handler, eventFile], env);
  try {
    const answer = await firstJsonLine<Invocation>(child, 30_000);
    return { ...answer, wallMs: performance.now() - started };
  } finally {
    await child.stop();
  }
}

function summarize(bundleBytes: number, runs: (Invocation & { wallMs: number })[]): ColdStartSide {
  return {
    bundleBytes,
    coldStartMs: median(runs.map((run) => run.coldStartMs)),
    loadMs: median(runs.map((run) => run.loadMs)),
    firstInvokeMs: median(runs.map((run) => run.firstInvokeMs)),
    processToAnswerMs: median(runs.map((run) => run.wallMs)),
    runs: runs.map(({ wallMs: _wallMs, ...run }) => run),
  };
}

export async function measureColdStart(options: { runs: number; token: string; env: NodeJS.ProcessEnv }): Promise<ColdStartResult> {
  const layers = await builtLayers();
  if (!(await exists(ARTIFACT)) || layers.length === 0) {
    return {
      available: false,
      reason: `no sam build output at ${ARTIFACT} (with its layers): run npm run build:lambda (it installs the SAM CLI with scripts/setup-sam.sh)`,
    };
  }
  const work = await mkdtemp(join(tmpdir(), 'auth-bench-cold-'));
  try {
    const runner = join(work, 'invoke.cjs');
    const minimal = join(work, 'minimal/index.js');
    await bundle(resolve('bench/cold-start/invoke.ts'), runner, false);
    await bundle(resolve('bench/cold-start/minimal-handler.ts'), minimal, true);
    const eventFile = join(work, 'verify-event.json');
    await writeFile(eventFile, JSON.stringify(httpApiEvent({ method: 'POST', path: '/verify', body: { token: options.token } })));

    // Laid out as in Lambda, outside the project so no project node_modules is reachable: the function in
    // /var/task, every layer extracted into /opt, and /opt/nodejs/node_modules on NODE_PATH.
    const task = join(work, 'var/task');
    await cp(dirname(ARTIFACT), task, { recursive: true });
    for (const layer of layers) await cp(layer, join(work, 'opt'), { recursive: true });
    const opt = join(work, 'opt/nodejs/node_modules');
    const service = join(task, 'lambda.js');
    // The template's NODE_OPTIONS name files in Lambda's /var/task; here that is the copy in `task`.
    const templateOptions = await templateNodeOptions();
    const nodeOptions = templateOptions?.replaceAll('/var/task', task);
    const env: NodeJS.ProcessEnv = {
      ...options.env,
      ...(nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions }),
      NODE_PATH: opt,
      AWS_LAMBDA_FUNCTION_NAME: 'AuthFunction',
    };
    const { NODE_OPTIONS: _nodeOptions, ...envWithoutNodeOptions } = env;
    // Each side: a handler and the environment it starts in. The service also runs without the template's
    // NODE_OPTIONS, to show what they cost.
    const sides = [
      { name: 'service', handler: service, env },
      { name: 'minimal', handler: minimal, env },
      ...(nodeOptions === undefined ? [] : [{ name: 'serviceWithoutNodeOptions', handler: service, env: envWithoutNodeOptions }]),
    ] as const;
    const runs = new Map<string, (Invocation & { wallMs: number })[]>(sides.map((side) => [side.name, []]));
    for (let index = 0; index < options.runs; index += 1) {
      // Rotate which goes first so no side always gets the warmer page cache.
      for (let offset = 0; offset < sides.length; offset += 1) {
        const side = sides[(index + offset) % sides.length];
        if (side !== undefined) runs.get(side.name)?.push(await invoke(runner, side.handler, eventFile, side.env));
      }
    }
    const serviceRuns = runs.get('service') ?? [];
    const minimalRuns = runs.get('minimal') ?? [];
    const withoutRuns = runs.get('serviceWithoutNodeOptions') ?? [];
    const problems = [
      ...[...serviceRuns, ...withoutRuns].filter((run) => run.statusCode !== 200).map((run) => `cold start: the built AuthFunction answered ${run.statusCode}`),
      ...minimalRuns.filter((run) => run.statusCode !== 200).map((run) => `cold start: the minimal handler answered ${run.statusCode}`),
      ...[...serviceRuns, ...withoutRuns]
        .filter((run) => run.bcryptFrom === null || !run.bcryptFrom.startsWith(opt))
        .map((run) => `cold start: bcrypt did not load from the layer (${run.bcryptFrom ?? 'not loaded'})`),
    ];
    const serviceBytes = (await stat(ARTIFACT)).size;
    return {
      available: true,
      service: summarize(serviceBytes, serviceRuns),
      minimal: summarize((await stat(minimal)).size, minimalRuns),
      serviceWithoutNodeOptions: withoutRuns.length === 0 ? null : summarize(serviceBytes, withoutRuns),
      nodeOptions: templateOptions ?? null,
      staleBuild: await newerSource((await stat(ARTIFACT)).mtimeMs).then((path) =>
        path === null ? null : `${path} is newer than the sam build output: run npm run build:lambda for current figures`,
      ),
      problems,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
