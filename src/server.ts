import type { Server } from 'node:http';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { connectStore } from './dependencies/store';
import { createLocalHttpServer, listenOn } from './http/local-server';
import { ADMIN_KEY_FILE, withLocalKeys } from './local-key-files';
import { createLogger } from './logger';
import { StartupError } from './startup-error';
import { ensureTable, type LocalStore, startLocalStore } from './store/local';
import { lowerThreadPoolPriority } from './thread-pool-priority';

/** How long requests in flight get to finish after SIGTERM or SIGINT. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Starting allocates far more than it keeps (modules compiled, schemas built, the store's first answers), and
 * V8 grows the young and old generations to hold it; nothing collects that while the server waits for its first
 * request, so it would stay resident. One memory-reducing collection before listening (some 40 ms) returns
 * some 14 MiB of an idle server's RSS. Traffic grows the heap again as it needs. `gc` exists with --expose-gc, which
 * `npm run serve` passes; without it (npm start) the server starts as before.
 */
function releaseStartupMemory(): void {
  globalThis.gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

/** What is running so far: a signal or a failed start closes whatever of it exists. */
interface Running {
  localStore?: LocalStore;
  dynamo?: DynamoDBClient;
  server?: Server;
  /** The security events still being written. */
  events?: { drain(): Promise<void> };
}

async function release(running: Running): Promise<void> {
  await running.events?.drain();
  running.dynamo?.destroy();
  await running.localStore?.close();
}

/**
 * The local server: the app on 127.0.0.1, with an embedded dynalite unless DYNAMODB_ENDPOINT is set.
 * SIGTERM (a service manager, or `npm start`, which execs this process) and SIGINT stop it cleanly,
 * even while it is still starting.
 */
async function main(): Promise<void> {
  const running: Running = {};
  const config = await withLocalKeys(await loadConfig());
  const logger = createLogger(config.logLevel);

  // A service manager may signal every process of the unit at once, and `npm run` forwards the signal
  // again: the first signal starts the shutdown, any later one is ignored, and a shutdown that hangs
  // still ends the process after SHUTDOWN_GRACE_MS.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    const exit = () => {
      release(running).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    if (running.server?.listening) {
      running.server.close(exit);
      running.server.closeIdleConnections();
    } else {
      exit();
    }
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  if (config.jwt.secretGenerated && config.jwt.algorithm === 'HS256') {
    logger.warn(
      'JWT_SECRET is not set: using a random secret for this process (STORE_IN_MEMORY keeps nothing on disk), so tokens end with it',
    );
  }
  try {
    running.localStore =
      config.store.endpoint === undefined
        ? await startLocalStore(config.store.inMemory ? {} : { dataDir: config.store.dataDir })
        : undefined;
    const { dynamo, store, rateLimits } = connectStore({
      ...config.store,
      endpoint: config.store.endpoint ?? running.localStore?.endpoint,
    });
    running.dynamo = dynamo;
    await ensureTable(dynamo, config.store.tableName);

    // Hashing yields the cores to the event loop, so verifies do not queue behind logins.
    await lowerThreadPoolPriority(config.hashingThreadNice);
    if (config.admin.apiKeyGenerated) {
      logger.info(
        config.store.inMemory
          ? 'admin API: set ADMIN_API_KEY to use it (an in-memory store keeps no generated key)'
          : `admin API key: in ${join(config.store.dataDir, ADMIN_KEY_FILE)}`,
      );
    }
    const { app, events } = buildApp({ config, store, rateLimits, logger });
    running.events = events;
    running.server = createLocalHttpServer(app, config.http);
    releaseStartupMemory();
    const port = await listenOn(running.server, config.host, config.port);
    logger.info(
      {
        store: running.localStore
          ? config.store.inMemory
            ? 'embedded (memory)'
            : `embedded (${config.store.dataDir})`
          : config.store.endpoint,
      },
      `listening on http://${config.host}:${port}`,
    );
  } catch (error) {
    await release(running).catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  // A problem the person starting the server can fix is told in its own words, without a stack.
  console.error(error instanceof ConfigError || error instanceof StartupError ? error.message : error);
  process.exit(1);
});
