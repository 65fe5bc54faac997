import { resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * The server as built JavaScript, which is how production runs it (no tsx): src/server.ts bundled by
 * esbuild into bench/.server-build/ as `npm run build` bundles it (split, so what loads on first use stays
 * in chunks of its own), with the dependencies left to load from node_modules as they would from a compiled
 * tree. Two levels below the project, like src/web/, so the page's files are found.
 */
export const SERVER_BUILD_DIR = resolve('bench/.server-build');

export async function buildServer(): Promise<string> {
  await build({
    entryPoints: [resolve('src/server.ts')],
    outdir: SERVER_BUILD_DIR,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node24',
    format: 'esm',
    logLevel: 'error',
  });
  return resolve(SERVER_BUILD_DIR, 'server.mjs');
}
