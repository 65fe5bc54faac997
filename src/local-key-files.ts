import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from './config';
import { MIN_ADMIN_KEY_BYTES } from './config-admin';
import { type EncryptionKeyMaterial, parseEncryptionKeys, serializeEncryptionKeys } from './config-mfa';
import { parseSigningKeys, type SigningKeyMaterial } from './config-signing-keys';

/** The local server's ES256 keys, kept next to the embedded store's data so tokens survive restarts. */
export const SIGNING_KEY_FILE = 'signing-keys.json';
/** The local server's key for TOTP secrets at rest, kept there too so enrolled factors survive restarts. */
export const MFA_KEY_FILE = 'mfa-keys.json';
/** The local server's HS256 secret (no JWT_SECRET set), kept there too so access tokens survive restarts. */
export const JWT_SECRET_FILE = 'jwt-secret';

const MIN_SECRET_BYTES = 32;
/** The local admin API's bearer key, when ADMIN_API_KEY is unset (docs/admin.md). */
export const ADMIN_KEY_FILE = 'admin-api-key';

/**
 * Keys the config generated for this process (no keys configured, not production) are kept by the
 * local server: the first ones it generated are written to `<DATA_DIR>/<file>` (mode 600) and reused.
 * That is the HS256 secret (`jwt-secret`), the ES256 signing keys and the TOTP key. In-memory mode
 * keeps nothing on disk, so there the keys live and die with the process.
 */
export async function withLocalKeys(config: Config): Promise<Config> {
  if (config.store.inMemory) return config;
  let result = config;
  if (config.jwt.algorithm === 'HS256' && config.jwt.secretGenerated) {
    const secret = await keepKeyFile(join(config.store.dataDir, JWT_SECRET_FILE), config.jwt.secret, {
      parse: parseSecret,
      serialize: (value: string) => value,
    });
    result = { ...result, jwt: { ...result.jwt, secret, secretGenerated: false } };
  }
  if (config.jwt.algorithm === 'ES256' && config.jwt.signingKeysGenerated) {
    const signingKeys = await keepKeyFile(join(config.store.dataDir, SIGNING_KEY_FILE), config.jwt.signingKeys, {
      parse: parseSigningKeys,
      serialize: (keys: SigningKeyMaterial[]) => JSON.stringify({ keys }, null, 2),
    });
    result = { ...result, jwt: { ...result.jwt, signingKeys, signingKid: undefined } };
  }
  if (config.mfa.encryptionKeysGenerated) {
    const encryptionKeys = await keepKeyFile(join(config.store.dataDir, MFA_KEY_FILE), config.mfa.encryptionKeys, {
      parse: parseOneEncryptionKey,
      serialize: serializeEncryptionKeys,
    });
    result = { ...result, mfa: { ...result.mfa, encryptionKeys, encryptionKid: undefined } };
  }
  if (config.admin.apiKeyGenerated) {
    const apiKey = await keepKeyFile(join(config.store.dataDir, ADMIN_KEY_FILE), config.admin.apiKey, {
      parse: parseAdminKey,
      serialize: (key: string) => key,
    });
    result = { ...result, admin: { ...result.admin, apiKey } };
  }
  return result;
}

/** The file holds the secret on one line (a generated one is 64 base64url characters). */
function parseSecret(text: string): string {
  const secret = text.trim();
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) throw new Error(`must hold a secret of at least ${MIN_SECRET_BYTES} bytes`);
  return secret;
}

/** The generated file holds one key; rotating means configuring MFA_ENCRYPTION_KEYS and MFA_ENCRYPTION_KID. */
function parseOneEncryptionKey(text: string): EncryptionKeyMaterial[] {
  const keys = parseEncryptionKeys(text);
  if (keys.length !== 1) throw new Error('must hold exactly one key (to rotate, set MFA_ENCRYPTION_KEYS and MFA_ENCRYPTION_KID)');
  return keys;
}

/** The file holds the key on one line. */
function parseAdminKey(text: string): string {
  const key = text.trim();
  if (Buffer.byteLength(key) < MIN_ADMIN_KEY_BYTES) throw new Error(`must hold a key of at least ${MIN_ADMIN_KEY_BYTES} bytes`);
  return key;
}

interface KeyFileFormat<T> {
  /** Throws an Error saying what is wrong (never the key itself). */
  parse(text: string): T;
  serialize(keys: T): string;
}

/** The keys in `path`, or `generated` written there when there is no such file yet. */
async function keepKeyFile<T>(path: string, generated: T, format: KeyFileFormat<T>): Promise<T> {
  return (await readKeyFile(path, format)) ?? (await createKeyFile(path, generated, format));
}

async function readKeyFile<T>(path: string, format: KeyFileFormat<T>): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return format.parse(text);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message} (delete the file to generate a new key)`);
  }
}

async function createKeyFile<T>(path: string, keys: T, format: KeyFileFormat<T>): Promise<T> {
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  try {
    // 'wx': if another process wrote the file first, use theirs rather than overwrite it.
    await writeFile(path, `${format.serialize(keys)}\n`, { mode: 0o600, flag: 'wx' });
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = await readKeyFile(path, format);
    if (existing === null) throw error;
    return existing;
  }
}
