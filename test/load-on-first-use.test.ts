import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build, type Metafile } from 'esbuild';
import { buildAsProduction } from '../scripts/production-server';

/**
 * What a Lambda cold start runs is what the handler imports statically; route-specific libraries are
 * imported on first use (src/on-first-use.ts). esbuild with code splitting puts every module reached only
 * through a dynamic import() into a chunk of its own, so the entry chunk and its static imports are what
 * loads at start. (The deployed bundle is one CommonJS file; there the same modules are wrapped and only
 * run when first required.)
 */
const LOADED_ON_FIRST_USE = [
  /node_modules\/@simplewebauthn\//,
  /node_modules\/@peculiar\//,
  /node_modules\/@asteasolutions\/zod-to-openapi\//,
  /node_modules\/@zxcvbn-ts\//,
  /node_modules\/nodemailer\//,
  /node_modules\/@aws-sdk\/client-sesv2\//,
  // TOTP enrolment's QR code.
  /node_modules\/qrcode\//,
  /node_modules\/pngjs\//,
  // The embedded store, which the local server starts only without DYNAMODB_ENDPOINT.
  /node_modules\/dynalite\//,
  /^src\/openapi\//,
];

let directory: string;
let metafile: Metafile;
before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'auth-first-use-'));
  ({ metafile } = await build({
    entryPoints: ['src/lambda.ts', 'src/server.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    external: ['bcrypt'],
    outdir: directory,
    metafile: true,
    logLevel: 'silent',
  }));
});
after(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** The chunks an entry point loads at start: its own and every chunk it imports statically. */
function chunksAtStart(built: Metafile, entry: string): string[] {
  const outputs = built.outputs;
  const start = Object.keys(outputs).find((name) => outputs[name]?.entryPoint === entry);
  assert.ok(start !== undefined, `no output for ${entry}`);
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const imported of outputs[name]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
  }
  return [...seen];
}

/** The source files an entry point loads at start, what of them is bundled. */
function loadedAtStart(entry: string): string[] {
  return chunksAtStart(metafile, entry).flatMap((name) =>
    Object.entries(metafile.outputs[name]?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file),
  );
}

/**
 * `npm run build` as package.json runs it, into a directory of the test's own: its dependencies stay
 * external, so what it loads at start is what its chunks import statically from node_modules.
 */
let production: Promise<Metafile> | undefined;
function productionBuild(): Promise<Metafile> {
  production ??= buildOnce();
  return production;
}
async function buildOnce(): Promise<Metafile> {
  const metafilePath = join(directory, 'dist.json');
  await buildAsProduction(join(directory, 'dist'), [`--metafile=${metafilePath}`]);
  return JSON.parse(await readFile(metafilePath, 'utf8')) as Metafile;
}

describe('modules loaded on first use', () => {
  for (const entry of ['src/lambda.ts', 'src/server.ts']) {
    it(`${entry} does not load passkeys, the OpenAPI generator, the common-password list, a mail transport or the embedded store at start`, () => {
      const files = loadedAtStart(entry);
      assert.ok(
        files.some((file) => file.startsWith('src/routes/')),
        'the routes load at start',
      );
      const early = files.filter((file) => LOADED_ON_FIRST_USE.some((pattern) => pattern.test(file)));
      assert.deepEqual(early, [], 'load these on first use (src/on-first-use.ts)');
    });

    it(`${entry} bundles zod's English messages only (import * as z from 'zod', so the other locales are shaken out)`, () => {
      const locales = loadedAtStart(entry).filter((file) => file.includes('node_modules/zod/v4/locales/'));
      assert.deepEqual(locales, ['node_modules/zod/v4/locales/en.js']);
    });
  }

  it('npm run build splits dist/server.js, so none of them is imported at start from node_modules either', async () => {
    const built = await productionBuild();
    const early = chunksAtStart(built, 'src/server.ts').flatMap((name) =>
      (built.outputs[name]?.imports ?? [])
        .filter((imported) => imported.kind === 'import-statement' && imported.external)
        .map((imported) => `node_modules/${imported.path}/`)
        .filter((path) => LOADED_ON_FIRST_USE.some((pattern) => pattern.test(path))),
    );
    assert.deepEqual(early, [], 'dynamic import() in the source must stay one in the build (esbuild --splitting)');
  });

  it('the built server does not import node:http as an ES module (its facade loads undici: process.getBuiltinModule)', async () => {
    const built = await productionBuild();
    const importers = Object.entries(built.outputs)
      .filter(([, output]) => output.imports.some((imported) => /^(node:)?http$/.test(imported.path)))
      .map(([name]) => name);
    assert.deepEqual(importers, []);
  });
});
