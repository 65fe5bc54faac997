import { createSecretKey, type KeyObject } from 'node:crypto';
import { type AsymmetricKey, type SigningKeyMaterial, toAsymmetricKey } from '../config-signing-keys';

/**
 * The keys that sign and check access tokens. HS256 uses the shared secret; ES256 uses P-256 key
 * pairs named by `kid`, whose public halves are published at /.well-known/jwks.json so other
 * services can check tokens without any secret. Rotation: every configured key verifies, one signs.
 */

export type SigningAlgorithm = 'HS256' | 'ES256';

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

export interface KeyChoice {
  algorithm: SigningAlgorithm;
  key: string | KeyObject;
  kid: string | undefined;
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
