import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClient } from '../../src/store/client';
import { ensureTable, type LocalStore, startLocalStore } from '../../src/store/local';

/** One dynalite per test file (in memory), shared by its tests; each test may take its own table. */
export interface TestStore {
  endpoint: string;
  client: DynamoDBClient;
  /** Creates a fresh, empty table and returns its name. */
  newTable(): Promise<string>;
  /**
   * Every user and session item in a table (rate-limit counters and user-directory entries left out), for
   * asserting what a request did or did not change.
   */
  scan(tableName: string): Promise<Record<string, unknown>[]>;
  /** Every item, rate-limit counters included. */
  scanAll(tableName: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startTestStore(): Promise<TestStore> {
  const local: LocalStore = await startLocalStore();
  const client = createDynamoClient({ endpoint: local.endpoint, region: 'us-east-1', timeoutMs: 5000 });
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
      return (await scanAll(tableName)).filter(
        (item) => !String(item.pk).startsWith('RATE#') && !String(item.pk).startsWith('USERS#'),
      );
    },
    scanAll,
    async close() {
      client.destroy();
      await local.close();
    },
  };
}

/**
 * The test file's store, closed in an `after` hook that this registers, so call it at the top level of the
 * file (or of a describe). It starts in a `before` hook, or at the first newTable() or scan, whichever comes
 * first: node:test runs a file's top-level `before` hooks at once, not one after another, so a file's own
 * hook may run before this one. `endpoint` and `client` are there once it has started: take a table first.
 */
export function useTestStore(): TestStore {
  let starting: Promise<TestStore> | undefined;
  let started: TestStore | undefined;
  const start = (): Promise<TestStore> => {
    starting ??= startTestStore().then((store) => {
      started = store;
      return store;
    });
    return starting;
  };
  before(async () => {
    await start();
  });
  after(async () => {
    await started?.close();
  });
  const current = (): TestStore => {
    if (started === undefined)
      throw new Error('the test store has not started yet; await newTable() (or use it inside a test) first');
    return started;
  };
  return {
    get endpoint() {
      return current().endpoint;
    },
    get client() {
      return current().client;
    },
    newTable: async () => (await start()).newTable(),
    scan: async (tableName) => (await start()).scan(tableName),
    scanAll: async (tableName) => (await start()).scanAll(tableName),
    close: () => current().close(),
  };
}
