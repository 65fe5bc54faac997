import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { onFirstUse } from '../on-first-use';
import { StartupError } from '../startup-error';
import { tableDefinition } from './table';

/** dynalite (and LevelDB under it) loads only when the embedded store starts: not for a server given DYNAMODB_ENDPOINT. */
const dynaliteModule = onFirstUse(() => import('dynalite'));

/** An embedded DynamoDB-compatible store (dynalite) for local development and tests. */
export interface LocalStore {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * While a store runs on a data directory it says where, in this file (LevelDB lets one process open the
 * directory): the admin CLI (src/admin.ts) reaches a running server's store through it.
 */
export const STORE_ENDPOINT_FILE = 'store-endpoint.json';

/** Owner-only modes, as for signing-keys.json: the store's files hold password hashes and sessions. */
const PRIVATE_DIRECTORY = 0o700;
const PRIVATE_FILE = 0o600;
const OWNER_ONLY_UMASK = 0o077;

/** Tightens a directory tree written before these modes were applied (or by another tool). */
async function restrictToOwner(directory: string): Promise<void> {
  await chmod(directory, PRIVATE_DIRECTORY);
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) await restrictToOwner(path);
    else if (entry.isFile()) await chmod(path, PRIVATE_FILE);
  }
}

interface LevelDatabase {
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * LevelDB lets one process at a time open a directory. dynalite finds out only on its first request,
 * which then throws "Database is closed" out of its request handler and kills the process. So the
 * directory is opened first with the very LevelDB binding dynalite uses (its own `level` dependency)
 * and closed again: a lock held by another process becomes one clear line.
 */
async function assertDataDirFree(dataDir: string): Promise<void> {
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const { Level } = fromDynalite('level') as { Level: new (location: string) => LevelDatabase };
  const probe = new Level(dataDir);
  try {
    await probe.open();
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    if (cause?.code !== 'LEVEL_LOCKED') throw error;
    throw new StartupError(
      `DATA_DIR ${dataDir} is in use by another running server (its store's lock, ${join(dataDir, 'LOCK')}, is held). Stop that server, or give this one another DATA_DIR (or STORE_IN_MEMORY=true).`,
      { cause: error },
    );
  }
  await probe.close();
}

/**
 * Starts dynalite on 127.0.0.1 (a free port unless one is given), on disk under `dataDir` or in memory.
 * On disk, the directory is 0700 and every file 0600. LevelDB creates its files as it goes (logs,
 * tables, manifests), so the process umask is owner-only while the store is open and restored on close.
 */
export async function startLocalStore(options: { dataDir?: string; port?: number } = {}): Promise<LocalStore> {
  const { default: dynalite } = await dynaliteModule();
  const previousUmask = options.dataDir === undefined ? undefined : process.umask(OWNER_ONLY_UMASK);
  if (options.dataDir !== undefined) {
    try {
      await mkdir(options.dataDir, { recursive: true, mode: PRIVATE_DIRECTORY });
      await restrictToOwner(options.dataDir);
      await assertDataDirFree(options.dataDir);
    } catch (error) {
      if (previousUmask !== undefined) process.umask(previousUmask);
      throw error;
    }
  }
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
  const endpoint = `http://127.0.0.1:${port}`;
  const endpointFile = options.dataDir === undefined ? undefined : join(options.dataDir, STORE_ENDPOINT_FILE);
  if (endpointFile !== undefined)
    await writeFile(endpointFile, `${JSON.stringify({ endpoint, pid: process.pid })}\n`, { mode: PRIVATE_FILE });
  return {
    endpoint,
    close: async () => {
      if (endpointFile !== undefined) await rm(endpointFile, { force: true });
      await new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (previousUmask !== undefined) process.umask(previousUmask);
          if (error) reject(error);
          else resolve();
        });
        // Idle keep-alive sockets from SDK clients would otherwise hold the close open.
        server.closeAllConnections();
      });
    },
  };
}

/** The endpoint of the store another process runs on this data directory, if one does. */
export async function runningStoreEndpoint(dataDir: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(join(dataDir, STORE_ENDPOINT_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let advertised: { endpoint?: unknown; pid?: unknown };
  try {
    advertised = JSON.parse(text) as { endpoint?: unknown; pid?: unknown };
  } catch {
    return undefined;
  }
  const { endpoint, pid } = advertised;
  if (typeof endpoint !== 'string' || typeof pid !== 'number') return undefined;
  try {
    // Signal 0 only asks whether the process is there: a file left by a crash names a dead one.
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it is there, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return endpoint;
}

/** How long a start waits for a table to become ACTIVE (dynalite takes its createTableMs, DynamoDB seconds). */
const TABLE_ACTIVE_WAIT_SECONDS = 60;

/**
 * Creates the table when it does not exist yet, and returns once it is ACTIVE: until then dynalite, like
 * DynamoDB, refuses every read and write with ResourceNotFoundException, which the first requests would
 * have answered as a 500. Safe to call on every start, and from several processes at once.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
    try {
      await client.send(new CreateTableCommand(tableDefinition(tableName)));
    } catch (createError) {
      // Another process created it between our describe and create.
      if (!(createError instanceof ResourceInUseException)) throw createError;
    }
  }
  await waitUntilTableExists(
    { client, minDelay: 0.02, maxDelay: 1, maxWaitTime: TABLE_ACTIVE_WAIT_SECONDS },
    { TableName: tableName },
  );
}
