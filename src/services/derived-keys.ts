import { createPrivateKey, hkdfSync } from 'node:crypto';
import type { SigningKeySettings } from './signing-keys';

/**
 * Keys derived from the service's signing material, for values the service must recognise later
 * without storing anything secret: device cookies, refresh secrets, log pseudonyms. Each purpose gets
 * its own HKDF key, so no derived value says anything about another or about the signing key.
 *
 * Every key has an id that travels with the value it made, so a value made before a rotation is still
 * checked with the key that made it, for as long as that key is configured:
 * - `hs`: the HS256 secret, when it is shared between instances (HS256 signs, or a secret is configured);
 * - an ES256 `kid`: that signing key's private key.
 * The current key is the one that signs tokens.
 */

export type KeyPurpose = 'device-cookie' | 'refresh-secret' | 'log-pseudonym';

export interface DerivedKey {
  id: string;
  key: Buffer;
}

const HS_KEY_ID = 'hs';

export class DerivedKeys {
  private readonly material = new Map<string, Buffer>();
  private readonly currentId: string;
  private readonly cache = new Map<string, Buffer>();

  constructor(settings: SigningKeySettings) {
    if (settings.algorithm === 'HS256' || !settings.secretGenerated) {
      this.material.set(HS_KEY_ID, Buffer.from(settings.secret, 'utf8'));
    }
    for (const { kid, privateKeyPem } of settings.signingKeys) {
      this.material.set(kid, createPrivateKey(privateKeyPem).export({ format: 'der', type: 'pkcs8' }));
    }
    const signingKid = settings.signingKid ?? settings.signingKeys[0]?.kid;
    this.currentId = settings.algorithm === 'HS256' || signingKid === undefined ? HS_KEY_ID : signingKid;
  }

  /** The key new values are made with. */
  current(purpose: KeyPurpose): DerivedKey {
    const key = this.byId(this.currentId, purpose);
    if (key === undefined) throw new Error('no signing material to derive keys from');
    return { id: this.currentId, key };
  }

  /** The key with this id, or undefined when it is no longer configured. */
  byId(id: string, purpose: KeyPurpose): Buffer | undefined {
    const cacheKey = `${purpose}\u0000${id}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const material = this.material.get(id);
    if (material === undefined) return undefined;
    const key = Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), `serverless-auth ${purpose}`, 32));
    this.cache.set(cacheKey, key);
    return key;
  }
}
