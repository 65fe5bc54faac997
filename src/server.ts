import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { connectStore } from './dependencies/store';
import { createLocalHttpServer } from './http/local-server';
import { withLocalKeys } from './local-key-files';
import { createLogger } from './logger';
import { ensureTable, startLocalStore } from './store/local';
import { lowerThreadPoolPriority } from './thread-pool-priority';

/** The local server: the app on 127.0.0.1, with an embedded dynalite unless DYNAMODB_ENDPOINT is set. */
async function main(): Promise<void> {
  const config = await withLocalKeys(await loadConfig());
  const logger = createLogger(config.logLevel);
  if (config.jwt.secretGenerated && config.jwt.algorithm === 'HS256') {
    logger.warn('JWT_SECRET is not set: using a random secret for this process, so tokens end with it');
  }

  const localStore =
    config.store.endpoint === undefined
      ? await startLocalStore(config.store.inMemory ? {} : { dataDir: config.store.dataDir })
      : undefined;
  const { dynamo, store, rateLimits } = connectStore({
    ...config.store,
    endpoint: config.store.endpoint ?? localStore?.endpoint,
  });
  await ensureTable(dynamo, config.store.tableName);

  // Hashing yields the cores to the event loop, so verifies do not queue behind logins.
  await lowerThreadPoolPriority(config.hashingThreadNice);
  const { app, events } = buildApp({ config, store, rateLimits, logger });
  const server = createLocalHttpServer(app, config.http);
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    logger.info(
      {
        store: localStore
          ? config.store.inMemory
            ? 'embedded (memory)'
            : `embedded (${config.store.dataDir})`
          : config.store.endpoint,
      },
      `listening on http://${config.host}:${port}`,
    );
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(async () => {
      await events.drain();
      dynamo.destroy();
      await localStore?.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
