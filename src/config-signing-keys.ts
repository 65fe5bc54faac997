import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as z from 'zod';

/**
 * ES256 signing keys as configured: reading and checking the JSON key set, and generating a key. Part
 * of `loadConfig` (and of the local server's key file), kept apart from the key ring in
 * src/services/signing-keys.ts so the config reads no service.
 */

/** One asymmetric key as configured: its id and its PKCS#8 PEM private key. */
export interface SigningKeyMaterial {
  kid: string;
  privateKeyPem: string;
}

export interface AsymmetricKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const KID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

const keySetSchema = z.object({
  keys: z
    .array(
      z.object({
        kid: z.string().regex(KID_PATTERN, 'kid must be 1-64 characters of A-Z a-z 0-9 . _ -'),
        privateKeyPem: z.string().min(1),
      }),
    )
    .min(1, 'must hold at least one key'),
});

/**
 * Parses the JSON key set `{"keys":[{"kid":"…","privateKeyPem":"-----BEGIN PRIVATE KEY-----…"}]}`;
 * throws an Error whose message says what is wrong (never the key itself).
 */
export function parseSigningKeys(json: string): SigningKeyMaterial[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('is not valid JSON');
  }
  const parsed = keySetSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'is invalid'}`);
  }
  const seen = new Set<string>();
  for (const key of parsed.data.keys) {
    if (seen.has(key.kid)) throw new Error(`kid ${key.kid} appears twice`);
    seen.add(key.kid);
    toAsymmetricKey(key);
  }
  return parsed.data.keys;
}

/** A fresh P-256 key pair with a kid derived from its public key, so ids never collide by accident. */
export function generateSigningKey(): SigningKeyMaterial {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const fingerprint = createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('base64url')
    .slice(0, 16);
  return { kid: `es256-${fingerprint}`, privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

export function toAsymmetricKey(material: SigningKeyMaterial): AsymmetricKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(material.privateKeyPem);
  } catch {
    throw new Error(`key ${material.kid}: privateKeyPem is not a readable PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`key ${material.kid}: must be an EC P-256 private key (for ES256)`);
  }
  return { kid: material.kid, privateKey, publicKey: createPublicKey(privateKey) };
}
