import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { tableDefinition } from './table';

/** An embedded DynamoDB-compatible store (dynalite) for local development and tests. */
export interface LocalStore {
  endpoint: string;
  close(): Promise<void>;
}

/** Starts dynalite on 127.0.0.1 (a free port unless one is given), on disk under `dataDir` or in memory. */
export async function startLocalStore(options: { dataDir?: string; port?: number } = {}): Promise<LocalStore> {
  if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });
  const server = dynalite({
    ...(options.dataDir === undefined ? {} : { path: options.dataDir }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive sockets from SDK clients would otherwise hold the close open.
        server.closeAllConnections();
      }),
  };
}

/** Creates the table when it does not exist yet; safe to call on every start. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
  }
  try {
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
  } catch (error) {
    // Another process created it between our describe and create.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}
