import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * The server as production builds and starts it, read from package.json's `build` and `serve` scripts, so
 * that what measures or checks the built server (the bench, test/load-on-first-use.test.ts) builds and runs
 * exactly that, and cannot drift from it.
 */
const scripts = (JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

function words(script: string | undefined): string[] {
  if (script === undefined) throw new Error('package.json has no such script');
  return script.trim().split(/\s+/);
}

/** Runs `npm run build`'s esbuild command with its output in `outdir` instead of dist/, plus any `extraArgs`. */
export async function buildAsProduction(outdir: string, extraArgs: string[] = []): Promise<void> {
  const [command, ...args] = words(scripts.build);
  if (command !== 'esbuild') throw new Error(`npm run build runs ${command}, not esbuild`);
  await promisify(execFile)(resolve('node_modules/.bin/esbuild'), [
    ...args.filter((arg) => !arg.startsWith('--outdir=') && !arg.startsWith('--outfile=')),
    `--outdir=${outdir}`,
    '--log-level=error',
    ...extraArgs,
  ]);
}

/** The node flags `npm run serve` starts dist/server.js with, any file of dist/ they name taken from `outdir`. */
export function productionNodeArgs(outdir: string): string[] {
  const [exec, node, ...rest] = words(scripts.serve);
  const entry = rest.pop();
  if (exec !== 'exec' || node !== 'node' || entry !== 'dist/server.js') {
    throw new Error(`npm run serve is not "exec node [flags] dist/server.js": ${scripts.serve}`);
  }
  return rest.map((arg) => arg.replace(/^(\.\/)?dist\//, `${outdir}/`));
}
