import { createHash, createPrivateKey, createPublicKey, createSecretKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * The keys that sign and check access tokens. HS256 uses the shared secret; ES256 uses P-256 key
 * pairs named by `kid`, whose public halves are published at /.well-known/jwks.json so other
 * services can check tokens without any secret. Rotation: every configured key verifies, one signs.
 */

export type SigningAlgorithm = 'HS256' | 'ES256';

/** One asymmetric key as configured: its id and its PKCS#8 PEM private key. */
export interface SigningKeyMaterial {
  kid: string;
  privateKeyPem: string;
}

export interface SigningKeySettings {
  algorithm: SigningAlgorithm;
  secret: string;
  /** A generated secret was never shared with anyone, so with ES256 it verifies nothing. */
  secretGenerated: boolean;
  signingKeys: SigningKeyMaterial[];
  /** Which ES256 key signs; defaults to the first one. */
  signingKid: string | undefined;
}

/** A published public key: only these members, so nothing private can slip into the set. */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

interface AsymmetricKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface KeyChoice {
  algorithm: SigningAlgorithm;
  key: string | KeyObject;
  kid: string | undefined;
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

function toAsymmetricKey(material: SigningKeyMaterial): AsymmetricKey {
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

export class SigningKeyRing {
  private readonly asymmetric: Map<string, AsymmetricKey>;
  private readonly signingChoice: KeyChoice;
  /**
   * The HS256 secret as a KeyObject, made once: given a string, jsonwebtoken re-imports it on every
   * call (first trying it as a PEM public key), which was about 7% of a verify's CPU.
   */
  private readonly secretKey: KeyObject;

  constructor(private readonly settings: SigningKeySettings) {
    this.asymmetric = new Map(settings.signingKeys.map((material) => [material.kid, toAsymmetricKey(material)]));
    this.secretKey = createSecretKey(Buffer.from(settings.secret, 'utf8'));
    if (settings.algorithm === 'HS256') {
      this.signingChoice = { algorithm: 'HS256', key: this.secretKey, kid: undefined };
      return;
    }
    const kid = settings.signingKid ?? settings.signingKeys[0]?.kid;
    const signer = kid === undefined ? undefined : this.asymmetric.get(kid);
    if (signer === undefined) throw new Error(`ES256 needs a signing key${kid === undefined ? '' : ` with kid ${kid}`}`);
    this.signingChoice = { algorithm: 'ES256', key: signer.privateKey, kid: signer.kid };
  }

  get signing(): KeyChoice {
    return this.signingChoice;
  }

  /**
   * The key for a token's header, or null. The algorithm comes from our configuration, never from
   * the token: an HS256 header only ever meets the secret, an ES256 header only a public key.
   */
  verificationKey(header: { alg?: unknown; kid?: unknown }): KeyChoice | null {
    if (header.alg === 'HS256' && header.kid === undefined) {
      const secretVerifies = this.settings.algorithm === 'HS256' || !this.settings.secretGenerated;
      return secretVerifies ? { algorithm: 'HS256', key: this.secretKey, kid: undefined } : null;
    }
    if (header.alg === 'ES256' && typeof header.kid === 'string') {
      const key = this.asymmetric.get(header.kid);
      return key === undefined ? null : { algorithm: 'ES256', key: key.publicKey, kid: key.kid };
    }
    return null;
  }

  /** The public keys as a JWK Set; empty with HS256 alone, since a shared secret is never published. */
  jwks(): { keys: PublicJwk[] } {
    return {
      keys: [...this.asymmetric.values()].map(({ kid, publicKey }) => {
        const { x, y } = publicKey.export({ format: 'jwk' });
        if (x === undefined || y === undefined) throw new Error(`key ${kid}: not an EC public key`);
        return { kty: 'EC', crv: 'P-256', x, y, kid, alg: 'ES256', use: 'sig' };
      }),
    };
  }
}
