import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { connectStore } from '../src/dependencies/store';
import { ensureTable } from '../src/store/local';

/** A store that keeps a new table CREATING for a while, as DynamoDB does (the embedded one uses 0 ms). */
const CREATE_TABLE_MS = 400;

describe('ensureTable', () => {
  const server = dynalite({ createTableMs: CREATE_TABLE_MS });
  let endpoint = '';
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('returns once a table it creates is ACTIVE, so the first write after a start succeeds', async () => {
    const { dynamo, store } = connectStore({ tableName: 'fresh', endpoint, region: 'us-east-1', timeoutMs: 5000 });
    try {
      const started = Date.now();
      await ensureTable(dynamo, 'fresh');
      assert.ok(Date.now() - started >= CREATE_TABLE_MS - 50, 'it waited while the table was CREATING');
      const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: 'fresh' }));
      assert.equal(Table?.TableStatus, 'ACTIVE');
      await store.createAccount({
        userKey: 'first-user',
        username: 'first-user',
        name: 'First',
        passwordHash: '$2b$04$x',
        createdAt: Date.now(),
        securityStamp: 'stamp',
      });
      assert.equal((await store.getAccount('first-user'))?.username, 'first-user');
    } finally {
      dynamo.destroy();
    }
  });

  it('waits for a table another process is still creating, and returns at once for an ACTIVE one', async () => {
    const { dynamo } = connectStore({ tableName: 'shared', endpoint, region: 'us-east-1', timeoutMs: 5000 });
    try {
      // Two starts at once: one creates, the other finds it CREATING.
      await Promise.all([ensureTable(dynamo, 'shared'), ensureTable(dynamo, 'shared')]);
      const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: 'shared' }));
      assert.equal(Table?.TableStatus, 'ACTIVE');
      const started = Date.now();
      await ensureTable(dynamo, 'shared');
      assert.ok(Date.now() - started < CREATE_TABLE_MS, 'an ACTIVE table is not waited for');
    } finally {
      dynamo.destroy();
    }
  });
});
