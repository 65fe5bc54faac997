import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import * as z from 'zod';

/**
 * The second-factor settings of the environment: the keys that encrypt TOTP secrets at rest and the
 * WebAuthn relying party. Part of `loadConfig`; the keys come from the same places as the signing keys
 * (the variable itself, or a Secrets Manager secret it names; generated for local runs).
 */

/**
 * The keys that encrypt second-factor secrets at rest, as configured (SecretBox in
 * src/services/secret-box.ts uses them). A key set is a JSON object of key id to secret text,
 * `{"mfa-1":"<at least 32 bytes>"}`: the shape CloudFormation's GenerateSecretString can create, so
 * the stack makes one without a script. The AES key is derived from the text with HKDF-SHA256, so any
 * 32+ byte string of good entropy will do.
 */
export interface EncryptionKeyMaterial {
  kid: string;
  secret: string;
}

export const MIN_ENCRYPTION_SECRET_BYTES = 32;
const KID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

const keySetSchema = z
  .record(
    z.string(),
    z.string().refine((secret) => Buffer.byteLength(secret, 'utf8') >= MIN_ENCRYPTION_SECRET_BYTES, {
      message: `each key must be at least ${MIN_ENCRYPTION_SECRET_BYTES} bytes`,
    }),
  )
  .refine((keys) => Object.keys(keys).length > 0, { message: 'must hold at least one key' });

/**
 * Parses `{"<kid>":"<secret>",...}`; throws an Error whose message says what is wrong, never a key.
 */
export function parseEncryptionKeys(json: string): EncryptionKeyMaterial[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('must be a JSON object of key id to key, {"<kid>":"<secret>"}');
  }
  const badKid = Object.keys(value).find((kid) => !KID_PATTERN.test(kid));
  if (badKid !== undefined)
    throw new Error(`key id ${JSON.stringify(badKid.slice(0, 64))}: key ids must be 1-64 characters of A-Z a-z 0-9 . _ -`);
  const parsed = keySetSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new Error(`${where}${issue?.message ?? 'is invalid'}`);
  }
  return Object.entries(parsed.data).map(([kid, secret]) => ({ kid, secret }));
}

export function serializeEncryptionKeys(keys: EncryptionKeyMaterial[]): string {
  return JSON.stringify(Object.fromEntries(keys.map(({ kid, secret }) => [kid, secret])), null, 2);
}

/** A fresh key of 256 random bits with a random id. */
export function generateEncryptionKey(): EncryptionKeyMaterial {
  return { kid: `local-${randomBytes(6).toString('hex')}`, secret: randomBytes(32).toString('base64url') };
}

/** The key that seals: the one named, else the only one; a problem sentence when neither works. */
export function currentKeyProblem(keys: EncryptionKeyMaterial[], kid: string | undefined): string | null {
  if (kid !== undefined) return keys.some((key) => key.kid === kid) ? null : `no key with id ${kid} in the key set`;
  return keys.length === 1 ? null : 'the key set holds several keys: name the one that encrypts';
}

export interface MfaSettings {
  /** The name authenticator apps and passkey managers show for this service. */
  issuer: string;
  /** Every key opens; the one named by encryptionKid (else the only one) seals. */
  encryptionKeys: EncryptionKeyMaterial[];
  encryptionKid: string | undefined;
  /** True when no keys were configured and one was generated for this process (never in production). */
  encryptionKeysGenerated: boolean;
}

/** The WebAuthn relying party: passkeys are bound to rpId and accepted only from these origins. */
export interface WebAuthnSettings {
  rpId: string;
  rpName: string;
  origins: string[];
}

export const mfaEnvSchema = {
  MFA_ENCRYPTION_KEYS: z.string().min(1).optional(),
  MFA_ENCRYPTION_KEYS_SECRET_ID: z.string().min(1).optional(),
  MFA_ENCRYPTION_KID: z.string().min(1).optional(),
  MFA_ISSUER: z.string().trim().min(1).max(64).default('serverless-auth'),
  WEBAUTHN_RP_ID: z.string().trim().toLowerCase().min(1).optional(),
  /** Comma-separated origins; checked against the RP ID in webAuthnSettings. */
  WEBAUTHN_ORIGINS: z.string().optional(),
};

type MfaEnv = z.output<z.ZodObject<typeof mfaEnvSchema>> & { PUBLIC_URL?: string | undefined };

/** What the MFA settings need from the rest of the environment. */
interface Surroundings {
  isProduction: boolean;
  port: number;
}

/**
 * Reads the key set from MFA_ENCRYPTION_KEYS or the secret named by MFA_ENCRYPTION_KEYS_SECRET_ID.
 * Required in production; elsewhere a key is generated, and the local server keeps it in DATA_DIR
 * (local-key-files.ts). Problems are collected, and no message includes key material.
 */
export async function loadMfaSettings(
  values: MfaEnv,
  surroundings: Surroundings,
  readSecret: (secretId: string) => Promise<string>,
  problems: string[],
): Promise<MfaSettings> {
  const issuer = values.MFA_ISSUER;
  const empty: MfaSettings = { issuer, encryptionKeys: [], encryptionKid: undefined, encryptionKeysGenerated: false };
  if (values.MFA_ENCRYPTION_KEYS !== undefined && values.MFA_ENCRYPTION_KEYS_SECRET_ID !== undefined) {
    problems.push('MFA_ENCRYPTION_KEYS, MFA_ENCRYPTION_KEYS_SECRET_ID: set one or the other, not both');
    return empty;
  }
  const source =
    values.MFA_ENCRYPTION_KEYS_SECRET_ID === undefined
      ? 'MFA_ENCRYPTION_KEYS'
      : `MFA_ENCRYPTION_KEYS_SECRET_ID (${values.MFA_ENCRYPTION_KEYS_SECRET_ID})`;
  const json =
    values.MFA_ENCRYPTION_KEYS_SECRET_ID === undefined
      ? values.MFA_ENCRYPTION_KEYS
      : await readSecret(values.MFA_ENCRYPTION_KEYS_SECRET_ID);
  if (json === undefined) {
    if (surroundings.isProduction) {
      problems.push(
        'MFA_ENCRYPTION_KEYS or MFA_ENCRYPTION_KEYS_SECRET_ID: the keys that encrypt TOTP secrets are required in production ({"<kid>":"<secret>"}; make a secret with: openssl rand -base64 48)',
      );
      return empty;
    }
    if (values.MFA_ENCRYPTION_KID !== undefined) problems.push('MFA_ENCRYPTION_KID: set without MFA_ENCRYPTION_KEYS');
    return { issuer, encryptionKeys: [generateEncryptionKey()], encryptionKid: undefined, encryptionKeysGenerated: true };
  }
  let keys: EncryptionKeyMaterial[];
  try {
    keys = parseEncryptionKeys(json);
  } catch (error) {
    problems.push(`${source}: ${(error as Error).message}`);
    return empty;
  }
  const kidProblem = currentKeyProblem(keys, values.MFA_ENCRYPTION_KID);
  if (kidProblem !== null) problems.push(`MFA_ENCRYPTION_KID: ${kidProblem}`);
  return { issuer, encryptionKeys: keys, encryptionKid: values.MFA_ENCRYPTION_KID, encryptionKeysGenerated: false };
}

/**
 * The relying party: WEBAUTHN_RP_ID, else the public URL's host; WEBAUTHN_ORIGINS, else the public
 * URL's origin. Without PUBLIC_URL (never in production) it is http://localhost:<PORT>, a secure
 * context for browsers. An RP ID cannot be an IP address, so a PUBLIC_URL on one leaves passkeys off
 * (null) unless WEBAUTHN_RP_ID names a domain.
 */
export function webAuthnSettings(
  values: MfaEnv,
  surroundings: Surroundings,
  publicUrl: string,
  problems: string[],
): WebAuthnSettings | null {
  const base = new URL(values.PUBLIC_URL === undefined ? `http://localhost:${surroundings.port}` : publicUrl);
  const rpId = values.WEBAUTHN_RP_ID ?? base.hostname;
  const rpSource = values.WEBAUTHN_RP_ID === undefined ? 'PUBLIC_URL' : 'WEBAUTHN_RP_ID';
  if (isIP(rpId.replace(/^\[|\]$/g, '')) !== 0) {
    if (values.WEBAUTHN_RP_ID !== undefined) problems.push(`WEBAUTHN_RP_ID: must be a domain name, not an IP address`);
    return null;
  }
  if (!/^[a-z0-9.-]+$/.test(rpId) || rpId.startsWith('.') || rpId.endsWith('.')) {
    problems.push(`${rpSource}: the WebAuthn RP ID must be a domain name, not ${JSON.stringify(rpId)}`);
    return null;
  }
  const origins = originList(values.WEBAUTHN_ORIGINS, problems) ?? [base.origin];
  const originSource = values.WEBAUTHN_ORIGINS === undefined ? 'PUBLIC_URL' : 'WEBAUTHN_ORIGINS';
  for (const origin of origins) {
    const { hostname, protocol } = new URL(origin);
    if (hostname !== rpId && !hostname.endsWith(`.${rpId}`))
      problems.push(`${originSource}: ${origin} is not ${rpId} or a subdomain of it`);
    if (protocol !== 'https:' && !(hostname === 'localhost' && !surroundings.isProduction)) {
      problems.push(`${originSource}: ${origin} must be https (WebAuthn needs a secure context)`);
    }
  }
  return { rpId, rpName: values.MFA_ISSUER, origins };
}

/** WEBAUTHN_ORIGINS as origins, or undefined when unset (or, with a problem noted, when unreadable). */
function originList(value: string | undefined, problems: string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const origins: string[] = [];
  for (const entry of entries) {
    if (!URL.canParse(entry)) {
      problems.push(`WEBAUTHN_ORIGINS: ${JSON.stringify(entry.slice(0, 100))} is not a URL`);
      return undefined;
    }
    origins.push(new URL(entry).origin);
  }
  if (origins.length === 0) problems.push('WEBAUTHN_ORIGINS: names no origin');
  return origins.length === 0 ? undefined : origins;
}
