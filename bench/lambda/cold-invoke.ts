import { readFileSync } from 'node:fs';
import { lambdaContext, readEventResponse } from '../../harness/api-gateway-events';
import { loadHandlerModule } from './load-handler';

/**
 * One cold start, in a fresh process: load a built handler module, answer one event, print timings
 * as one JSON line, exit. Bundled to plain CommonJS by the bench so that nothing but Node itself
 * runs before the handler loads. argv: <handler.js> <event.json>
 */
const started = performance.now();
const [handlerPath, eventPath] = process.argv.slice(2);
if (handlerPath === undefined || eventPath === undefined) throw new Error('usage: invoke <handler.js> <event.json>');
const event = JSON.parse(readFileSync(eventPath, 'utf8')) as unknown;

async function main(handlerPath: string, event: unknown): Promise<void> {
  const loadStarted = performance.now();
  const built = await loadHandlerModule(handlerPath);
  const loaded = performance.now();
  const raw = await built.handler(event, lambdaContext());
  const answered = performance.now();
  const response = readEventResponse(raw);

  process.stdout.write(
    `${JSON.stringify({
      nodeBootMs: started,
      loadMs: loaded - loadStarted,
      firstInvokeMs: answered - loaded,
      coldStartMs: answered - loadStarted,
      statusCode: response.statusCode,
      bcryptFrom: Object.keys(require.cache).find((path) => /[\\/]bcrypt[\\/]/.test(path)) ?? null,
      rssMiB: process.memoryUsage.rss() / 2 ** 20,
    })}\n`,
  );
  // The SDK keeps its connection alive; a Lambda sandbox would be frozen here, a bench process just ends.
  process.exit(0);
}

void main(handlerPath, event);
