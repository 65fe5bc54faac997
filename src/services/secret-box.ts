import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, type KeyObject, randomBytes } from 'node:crypto';
import { currentKeyProblem, type EncryptionKeyMaterial } from '../config-mfa';
import type { SealedSecret } from '../store/records';

/**
 * Encrypts second-factor secrets (TOTP seeds) at rest, so a copy of the table alone does not yield
 * them: AES-256-GCM, each ciphertext stored with the id of the key that sealed it, so keys can rotate
 * (every configured key opens, the current one seals). The keys come from the config (config-mfa.ts).
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Domain separation: the same secret text used for anything else yields another key. */
const HKDF_INFO = 'serverless-auth/mfa-secret/aes-256-gcm/v1';

const deriveKey = (secret: string): KeyObject =>
  createSecretKey(Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), HKDF_INFO, 32)));

export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    super(`cannot open a sealed secret: ${reason}`);
    this.name = 'SecretDecryptionError';
  }
}

export class SecretBox {
  private readonly keys: Map<string, KeyObject>;
  private readonly currentKid: string;

  constructor(keys: EncryptionKeyMaterial[], currentKid: string | undefined) {
    const problem = currentKeyProblem(keys, currentKid);
    if (problem !== null) throw new Error(problem);
    this.keys = new Map(keys.map((key) => [key.kid, deriveKey(key.secret)]));
    this.currentKid = currentKid ?? (keys[0] as EncryptionKeyMaterial).kid;
  }

  /**
   * Seals `plaintext` for `context` (who and what it belongs to, e.g. `totp:<userKey>`): the context is
   * authenticated data, so a ciphertext copied to another user's item does not open there.
   */
  seal(plaintext: Uint8Array, context: string): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentKid), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return { kid: this.currentKid, iv: iv.toString('base64url'), ciphertext: ciphertext.toString('base64url') };
  }

  open(sealed: SealedSecret, context: string): Buffer {
    const key = this.keys.get(sealed.kid);
    if (key === undefined) throw new SecretDecryptionError(`key ${sealed.kid} is not configured`);
    const iv = Buffer.from(sealed.iv, 'base64url');
    const data = Buffer.from(sealed.ciphertext, 'base64url');
    if (iv.length !== IV_BYTES || data.length < TAG_BYTES) throw new SecretDecryptionError('malformed');
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new SecretDecryptionError('authentication failed (wrong key, context or tampered data)');
    }
  }

  /** True when `sealed` was made with a key other than the current one, so re-sealing moves it over. */
  isStale(sealed: SealedSecret): boolean {
    return sealed.kid !== this.currentKid;
  }

  private key(kid: string): KeyObject {
    const key = this.keys.get(kid);
    if (key === undefined) throw new SecretDecryptionError(`key ${kid} is not configured`);
    return key;
  }
}
