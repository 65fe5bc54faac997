import { pathToFileURL } from 'node:url';

export interface HandlerModule {
  handler: (event: unknown, context: unknown) => Promise<unknown>;
}

/** Loads a built handler module as Lambda's Node runtime does: an .mjs file with import(), any other with require(). */
export async function loadHandlerModule(path: string): Promise<HandlerModule> {
  if (path.endsWith('.mjs')) return (await import(pathToFileURL(path).href)) as HandlerModule;
  return require(path) as HandlerModule;
}
