import { randomBytes } from 'node:crypto';
import * as z from 'zod';

/**
 * The admin API's local credential (part of `loadConfig`). In AWS the admin routes are guarded by IAM
 * (SigV4, see template.yaml) and this key is not used; locally, `Authorization: Bearer <ADMIN_API_KEY>`.
 * Unset, a key is generated: the local server keeps it in `<DATA_DIR>/admin-api-key` (mode 600, see
 * src/local-key-files.ts). A key set by hand must be as strong as a generated one.
 */

export const MIN_ADMIN_KEY_BYTES = 32;
/** A key of one or a few repeated characters is refused however long it is. */
const MIN_DISTINCT_CHARACTERS = 10;

export const adminEnvSchema = {
  ADMIN_API_KEY: z.string().optional(),
};

export interface AdminSettings {
  /** The bearer key of the local admin API. */
  apiKey: string;
  /** True when none was configured and one was generated for this process. */
  apiKeyGenerated: boolean;
}

const GENERATE_HINT = 'generate one with: openssl rand -base64 32, or leave it unset to have one generated into DATA_DIR';

/** A new random key (32 bytes, base64url). */
export const generateAdminKey = (): string => randomBytes(32).toString('base64url');

export function adminSettings(values: { ADMIN_API_KEY?: string | undefined }, problems: string[]): AdminSettings {
  const key = values.ADMIN_API_KEY;
  if (key === undefined) return { apiKey: generateAdminKey(), apiKeyGenerated: true };
  if (Buffer.byteLength(key) < MIN_ADMIN_KEY_BYTES) {
    problems.push(`ADMIN_API_KEY: must be at least ${MIN_ADMIN_KEY_BYTES} bytes (${GENERATE_HINT})`);
  } else if (new Set(key).size < MIN_DISTINCT_CHARACTERS) {
    problems.push(`ADMIN_API_KEY: too little variety to be a secret (${GENERATE_HINT})`);
  }
  return { apiKey: key, apiKeyGenerated: false };
}
