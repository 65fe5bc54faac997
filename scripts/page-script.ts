import { build } from 'esbuild';

/** The page's one script, bundled from pages/src (with the client and ua-parser-js) into public/. */
export const PAGE_SCRIPT_FILE = 'public/assets/app.js';

const BANNER = [
  '// Built from pages/src by `npm run build:pages`; do not edit (test/page-script.test.ts checks it is current).',
  // The bundled packages' notices, which their own comments do not carry into a minified build.
  '// Includes UAParser.js v1.0 (MIT License, Copyright © 2012-2025 Faisal Salman) and openapi-fetch (MIT License, Copyright © 2023 Drew Powers).',
].join('\n');

export async function buildPageScript(): Promise<string> {
  const result = await build({
    entryPoints: ['pages/src/main.ts'],
    tsconfig: 'pages/tsconfig.json',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'eof',
    charset: 'utf8',
    banner: { js: BANNER },
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error('esbuild wrote nothing');
  return output.text;
}
