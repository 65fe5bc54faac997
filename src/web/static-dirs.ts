import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where the page's files (`public/`) and Swagger UI's (the swagger-ui-dist package) are on disk.
 * Looked up on first use rather than at import, and never fatal: a Lambda function deployed without the
 * layers that ship them (WebAssetsLayer, DependenciesLayer) must still start and serve the API (the page
 * and docs then answer 404).
 */
export interface StaticDirs {
  publicDir: string | undefined;
  swaggerUiDir: string | undefined;
}

/** This module's directory; undefined in a CommonJS bundle, where `import.meta` is empty. */
function moduleDir(): string | undefined {
  if (typeof import.meta.dirname === 'string') return import.meta.dirname;
  return typeof __dirname === 'string' ? __dirname : undefined;
}

function firstWith(candidates: string[], marker: string): string | undefined {
  return candidates.find((dir) => existsSync(path.join(dir, marker)));
}

/**
 * Lambda layers' root (/opt in Lambda): Lambda puts each layer's `nodejs/node_modules` on NODE_PATH, so the
 * root is two levels above such a global module path. Read from Node's own lookup paths, not the environment.
 */
function layerRoots(resolvePaths: string[]): string[] {
  const suffix = `${path.sep}nodejs${path.sep}node_modules`;
  return [...new Set(resolvePaths.filter((dir) => dir.endsWith(suffix)).map((dir) => path.resolve(dir, '../..')))];
}

function locate(): StaticDirs {
  const here = moduleDir();
  const require = createRequire(path.join(here ?? process.cwd(), 'noop.js'));
  // src/web/ in the source tree; dist/ (npm run build); the bundle's own directory (or the Lambda task root) when bundled.
  const roots = [...(here === undefined ? [] : [path.resolve(here, '../..'), path.resolve(here, '..'), here]), process.cwd()];
  // In Lambda, WebAssetsLayer is public/ as is, extracted at the layers' root.
  const publicDir =
    firstWith(
      roots.map((root) => path.join(root, 'public')),
      'index.html',
    ) ?? firstWith(layerRoots(require.resolve.paths('swagger-ui-dist') ?? []), 'index.html');
  let swaggerUiDir: string | undefined;
  try {
    swaggerUiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  } catch {
    swaggerUiDir = firstWith(
      roots.map((root) => path.join(root, 'public', 'swagger-ui')),
      'swagger-ui-bundle.js',
    );
  }
  return { publicDir, swaggerUiDir };
}

let found: StaticDirs | undefined;

export function staticDirs(): StaticDirs {
  found ??= locate();
  return found;
}
