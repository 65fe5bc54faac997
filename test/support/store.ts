import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClient } from '../../src/store/client';
import { ensureTable, startLocalStore, type LocalStore } from '../../src/store/local';

/** One dynalite per test file (in memory), shared by its tests; each test may take its own table. */
export interface TestStore {
  endpoint: string;
  client: DynamoDBClient;
  /** Creates a fresh, empty table and returns its name. */
  newTable(): Promise<string>;
  /** Every user and session item in a table (rate-limit counters left out), for asserting what a request did or did not change. */
  scan(tableName: string): Promise<Record<string, unknown>[]>;
  /** Every item, rate-limit counters included. */
  scanAll(tableName: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startTestStore(): Promise<TestStore> {
  const local: LocalStore = await startLocalStore();
  const client = createDynamoClient({
    tableName: 'unused',
    endpoint: local.endpoint,
    region: 'us-east-1',
    timeoutMs: 5000,
    dataDir: '',
    inMemory: true,
  });
  const documents = DynamoDBDocumentClient.from(client);
  const scanAll = async (tableName: string): Promise<Record<string, unknown>[]> => {
    const { Items } = await documents.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
    return Items ?? [];
  };
  return {
    endpoint: local.endpoint,
    client,
    async newTable() {
      const tableName = `test-${randomUUID()}`;
      await ensureTable(client, tableName);
      return tableName;
    },
    async scan(tableName) {
      return (await scanAll(tableName)).filter((item) => !String(item.pk).startsWith('RATE#'));
    },
    scanAll,
    async close() {
      client.destroy();
      await local.close();
    },
  };
}

/**
 * The test file's store: started in a `before` hook and closed in an `after` hook that this registers,
 * so call it at the top level of the file. Its members are usable from the first test (or later hook) on.
 */
export function useTestStore(): TestStore {
  let started: TestStore | undefined;
  before(async () => {
    started = await startTestStore();
  });
  after(async () => {
    await started?.close();
  });
  const current = (): TestStore => {
    if (started === undefined) throw new Error('the test store is started in a before() hook; use it inside tests');
    return started;
  };
  return {
    get endpoint() {
      return current().endpoint;
    },
    get client() {
      return current().client;
    },
    newTable: () => current().newTable(),
    scan: (tableName) => current().scan(tableName),
    scanAll: (tableName) => current().scanAll(tableName),
    close: () => current().close(),
  };
}
