import { resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * The server as built JavaScript, which is how production runs it (no tsx): src/server.ts bundled by
 * esbuild into bench/.server-build/, with the dependencies left to load from node_modules as they would
 * from a compiled tree. Two levels below the project, like src/web/, so the page's files are found.
 */
export const SERVER_BUILD_DIR = resolve('bench/.server-build');

export async function buildServer(): Promise<string> {
  const outfile = resolve(SERVER_BUILD_DIR, 'server.mjs');
  await build({
    entryPoints: [resolve('src/server.ts')],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node24',
    format: 'esm',
    logLevel: 'error',
  });
  return outfile;
}
