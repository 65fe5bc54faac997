import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { connectStore } from '../src/dependencies/store';
import { ensureTable, startLocalStore } from '../src/store/local';

/** Every file and directory under `root`, with its permission bits. */
async function modesUnder(root: string): Promise<Map<string, number>> {
  const modes = new Map<string, number>([[root, (await stat(root)).mode & 0o777]]);
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    modes.set(full, (await stat(full)).mode & 0o777);
  }
  return modes;
}

describe('the embedded store on disk', () => {
  it('keeps its directory 0700 and its files 0600, and tightens an older, world-readable one', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'auth-store-modes-'));
    const dataDir = path.join(parent, 'data');
    try {
      // A data directory as earlier versions left it: 0755, with a 0644 file in it.
      await mkdir(dataDir, { mode: 0o755 });
      await chmod(dataDir, 0o755);
      await writeFile(path.join(dataDir, 'LOG.old'), 'old', { mode: 0o644 });
      await chmod(path.join(dataDir, 'LOG.old'), 0o644);

      const local = await startLocalStore({ dataDir });
      const { dynamo, store } = connectStore({
        tableName: 'modes',
        endpoint: local.endpoint,
        region: 'us-east-1',
        timeoutMs: 5000,
      });
      await ensureTable(dynamo, 'modes');
      await store.createAccount({
        userKey: 'mode-user',
        username: 'mode-user',
        name: 'Mode',
        passwordHash: '$2b$04$x',
        createdAt: Date.now(),
        securityStamp: 'stamp',
      });
      dynamo.destroy();
      await local.close();

      const modes = await modesUnder(dataDir);
      assert.ok(modes.size > 3, 'the store wrote files');
      for (const [file, mode] of modes) {
        const isDirectory = (await stat(file)).isDirectory();
        assert.equal(mode.toString(8), isDirectory ? '700' : '600', file);
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
