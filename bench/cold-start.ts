import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { httpApiEvent } from '../test/support/events';
import { firstJsonLine, spawnNode } from './processes';
import { median } from './stats';

/**
 * Lambda cold starts, compared in the same run: the `sam build` artifact of AuthFunction against a
 * minimal handler that only does the verify's GetItem with the bare SDK, bundled the same way (esbuild,
 * minified CommonJS). Each start is a fresh Node process that loads the module and answers one HTTP API
 * (payload 2.0) verify event; the two alternate so drift on a shared machine hits both alike.
 */
export const SAM_BUILD_DIR = resolve('.aws-sam/build');
export const ARTIFACT = join(SAM_BUILD_DIR, 'AuthFunction/lambda.js');

interface Invocation {
  nodeBootMs: number;
  loadMs: number;
  firstInvokeMs: number;
  coldStartMs: number;
  statusCode: number;
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
  | { available: true; service: ColdStartSide; minimal: ColdStartSide; nodePath: string[]; problems: string[] }
  | { available: false; reason: string };

const exists = (path: string) => stat(path).then(() => true, () => false);

/** Where the built bcrypt lives: a layer's nodejs/node_modules, which Lambda puts on NODE_PATH. */
async function layerModulePaths(): Promise<string[]> {
  const entries = await readdir(SAM_BUILD_DIR, { withFileTypes: true }).catch(() => []);
  const candidates = entries.filter((entry) => entry.isDirectory()).map((entry) => join(SAM_BUILD_DIR, entry.name, 'nodejs/node_modules'));
  const found = await Promise.all(candidates.map(async (path) => ((await exists(path)) ? path : undefined)));
  return found.filter((path): path is string => path !== undefined);
}

async function bundle(entry: string, outfile: string, minify: boolean): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    minify,
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
  if (!(await exists(ARTIFACT))) {
    return {
      available: false,
      reason: `no sam build output at ${ARTIFACT}: run scripts/setup-sam.sh once, then npm run build:lambda`,
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

    const nodePath = await layerModulePaths();
    const env: NodeJS.ProcessEnv = {
      ...options.env,
      ...(nodePath.length === 0 ? {} : { NODE_PATH: nodePath.join(':') }),
      AWS_LAMBDA_FUNCTION_NAME: 'AuthFunction',
    };
    const serviceRuns: (Invocation & { wallMs: number })[] = [];
    const minimalRuns: (Invocation & { wallMs: number })[] = [];
    for (let index = 0; index < options.runs; index += 1) {
      // Alternate which goes first so neither always gets the warmer page cache.
      const order = index % 2 === 0 ? (['service', 'minimal'] as const) : (['minimal', 'service'] as const);
      for (const side of order) {
        if (side === 'service') serviceRuns.push(await invoke(runner, ARTIFACT, eventFile, env));
        else minimalRuns.push(await invoke(runner, minimal, eventFile, env));
      }
    }
    const problems = [
      ...serviceRuns.filter((run) => run.statusCode !== 200).map((run) => `cold start: the built AuthFunction answered ${run.statusCode}`),
      ...minimalRuns.filter((run) => run.statusCode !== 200).map((run) => `cold start: the minimal handler answered ${run.statusCode}`),
    ];
    return {
      available: true,
      service: summarize((await stat(ARTIFACT)).size, serviceRuns),
      minimal: summarize((await stat(minimal)).size, minimalRuns),
      nodePath,
      problems,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
