import { resolve } from 'node:path';
import { buildAsProduction } from '../scripts/production-server';

/**
 * The server as built JavaScript, which is how production runs it (no tsx): src/server.ts built as
 * `npm run build` builds it (split, with source maps), into bench/.server-build/ instead of dist/, with the
 * dependencies left to load from node_modules as they would from a compiled tree. Two levels below the
 * project, like src/web/, so the page's files are found.
 */
export const SERVER_BUILD_DIR = resolve('bench/.server-build');

export async function buildServer(): Promise<string> {
  await buildAsProduction(SERVER_BUILD_DIR);
  return resolve(SERVER_BUILD_DIR, 'server.js');
}
