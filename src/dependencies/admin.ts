import { existsSync } from 'node:fs';
import { systemClock } from '../clock';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createMailer } from '../mail/transports';
import { CountingMetrics } from '../metrics';
import type { AdminService } from '../services/admin';
import { ensureTable, type LocalStore, runningStoreEndpoint, startLocalStore } from '../store/local';
import { createServices } from './services';
import { connectStore } from './store';

/**
 * The admin CLI's parts (src/admin.ts): the admin service on the store the settings name.
 * - DYNAMODB_ENDPOINT set: that store, as the server would use it;
 * - `aws`: the table TABLE_NAME in AWS_REGION, with credentials from the AWS SDK's default chain;
 * - otherwise the local server's store in DATA_DIR: through the running server when there is one
 *   (LevelDB lets one process open the directory; the server says where its store listens), else opened here.
 */

export interface AdminConnection {
  admin: AdminService;
  /** Where the commands act, for the operator to read. */
  target: string;
  close(): Promise<void>;
}

export class AdminTargetError extends Error {}

export async function connectAdmin(config: Config, options: { aws: boolean; logger: Logger }): Promise<AdminConnection> {
  let endpoint = config.store.endpoint;
  let target = endpoint === undefined ? '' : `${config.store.tableName} at ${endpoint}`;
  let localStore: LocalStore | undefined;
  if (endpoint === undefined && options.aws) {
    target = `${config.store.tableName} in AWS (${config.store.region})`;
  } else if (endpoint === undefined) {
    const { dataDir, inMemory } = config.store;
    if (inMemory)
      throw new AdminTargetError(
        'STORE_IN_MEMORY=true: an in-memory store cannot be reached from here; use the admin API of that server',
      );
    if (!existsSync(dataDir)) {
      throw new AdminTargetError(
        `DATA_DIR ${dataDir}: no such directory (start the server once, set DATA_DIR, or pass --aws for a deployed table)`,
      );
    }
    endpoint = await runningStoreEndpoint(dataDir);
    target = `${config.store.tableName} in ${dataDir}${endpoint === undefined ? '' : ' (through the running server)'}`;
    if (endpoint === undefined) {
      localStore = await startLocalStore({ dataDir });
      endpoint = localStore.endpoint;
    }
  }
  const { dynamo, store, rateLimits } = connectStore({ ...config.store, endpoint });
  if (localStore !== undefined) await ensureTable(dynamo, config.store.tableName);
  const mailer = createMailer(config.email, options.logger);
  const { admin } = createServices({
    metrics: new CountingMetrics(),
    settings: config,
    store,
    rateLimits,
    mailer,
    clock: systemClock,
    logger: options.logger,
  });
  return {
    admin,
    target,
    async close() {
      dynamo.destroy();
      await localStore?.close();
    },
  };
}
