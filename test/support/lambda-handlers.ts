import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AuthorizerHandler } from '../../src/authorize';
import type { LambdaHandler } from './lambda-flow';

/** The Lambda entry points, by the file name `sam build` gives each bundle (and src/ each source). */
interface Handlers {
  lambda: LambdaHandler;
  authorizer: AuthorizerHandler;
}

/** Where an entry point loads from: the sources in src/ (under tsx), or a `sam build` function directory laid out as /var/task. */
export type HandlerOrigin = 'src' | { taskDir: string };

/**
 * Loads a Lambda entry point as its cold start does, with `env` set in the process environment (where Lambda
 * puts the function's settings; a value of undefined removes the setting). Each entry point reads its
 * configuration when it loads, and Node loads a module once per process, so a test file (its own process)
 * gets one environment per entry point. The settings stay set: AWS SDK clients read theirs on first use.
 */
export async function loadHandler<Entry extends keyof Handlers>(
  entry: Entry,
  env: NodeJS.ProcessEnv,
  origin: HandlerOrigin = 'src',
): Promise<Handlers[Entry]> {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  if (origin === 'src') {
    // A computed specifier, so that bundling a helper that imports this one (the artifact runner) leaves src/ out.
    const source = new URL(`../../src/${entry}.ts`, import.meta.url).href;
    return ((await import(source)) as { handler: Handlers[Entry] }).handler;
  }
  // As Lambda's Node runtime finds the handler's module: <entry>.js with require(), else <entry>.mjs with import().
  const commonJs = join(origin.taskDir, `${entry}.js`);
  if (existsSync(commonJs)) return (createRequire(commonJs)(commonJs) as { handler: Handlers[Entry] }).handler;
  return ((await import(pathToFileURL(join(origin.taskDir, `${entry}.mjs`)).href)) as { handler: Handlers[Entry] }).handler;
}
