import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from './config';
import { parseSigningKeys, type SigningKeyMaterial } from './config-signing-keys';

/** The local server's ES256 keys, kept next to the embedded store's data so tokens survive restarts. */
export const SIGNING_KEY_FILE = 'signing-keys.json';

/**
 * With ES256 and no configured keys, the config holds a key generated for this process. The local
 * server keeps the first one it generated in `<DATA_DIR>/signing-keys.json` (mode 600) and reuses it;
 * in-memory mode keeps nothing on disk, so there the key lives and dies with the process.
 */
export async function withLocalSigningKeys(config: Config): Promise<Config> {
  if (config.jwt.algorithm !== 'ES256' || !config.jwt.signingKeysGenerated || config.store.inMemory) return config;
  const path = join(config.store.dataDir, SIGNING_KEY_FILE);
  const keys = (await readKeyFile(path)) ?? (await createKeyFile(path, config.jwt.signingKeys));
  return { ...config, jwt: { ...config.jwt, signingKeys: keys, signingKid: undefined } };
}

async function readKeyFile(path: string): Promise<SigningKeyMaterial[] | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return parseSigningKeys(text);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message} (delete the file to generate a new key)`);
  }
}

async function createKeyFile(path: string, keys: SigningKeyMaterial[]): Promise<SigningKeyMaterial[]> {
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  try {
    // 'wx': if another process wrote the file first, use theirs rather than overwrite it.
    await writeFile(path, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = await readKeyFile(path);
    if (existing === null) throw error;
    return existing;
  }
}
