import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A software WebAuthn authenticator for what has no browser (the supertest and Lambda handler tests,
 * and the bench's seeded passkeys): it makes real ES256 credentials and signs real assertions, byte for
 * byte as the spec lays them out (attestation "none"). The browser tests use Chromium's virtual
 * authenticator instead. In harness/, which nothing in src/ imports, so it never ships.
 */

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_BACKUP_ELIGIBLE = 0x08;
const FLAG_BACKED_UP = 0x10;
const FLAG_ATTESTED_DATA = 0x40;

interface StoredCredential {
  id: Buffer;
  privateKey: KeyObject;
  rpId: string;
  userHandle: string;
  counter: number;
}

export interface SoftAuthenticatorOptions {
  /** A synced passkey: backup-eligible and backed up (counter stays 0, as platform passkeys do). */
  synced?: boolean;
  /** Whether the authenticator verifies the user (PIN, biometrics). */
  userVerification?: boolean;
}

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();

/** What every credential a platform authenticator hands back carries, around its `response`. */
const credentialFields = (credential: StoredCredential) =>
  ({
    id: b64url(credential.id),
    rawId: b64url(credential.id),
    type: 'public-key',
    clientExtensionResults: {},
    authenticatorAttachment: 'platform',
  }) as const;

export class SoftAuthenticator {
  readonly credentials: StoredCredential[] = [];

  constructor(private readonly options: SoftAuthenticatorOptions = {}) {}

  /** navigator.credentials.create() with `options`, as a page on `origin` would call it. */
  create(options: PublicKeyCredentialCreationOptionsJSON, origin: string): RegistrationResponseJSON {
    const rpId = options.rp.id ?? new URL(origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x ?? '', 'base64url')],
        [-3, Buffer.from(jwk.y ?? '', 'base64url')],
      ]),
    );
    const credential: StoredCredential = { id: randomBytes(32), privateKey, rpId, userHandle: options.user.id, counter: 0 };
    this.credentials.push(credential);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credential.id.length);
    const authData = Buffer.concat([
      this.authDataHeader(rpId, FLAG_ATTESTED_DATA, 0),
      Buffer.alloc(16), // AAGUID: none
      idLength,
      credential.id,
      Buffer.from(coseKey),
    ]);
    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false }),
    );
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', authData],
      ]),
    );
    return {
      ...credentialFields(credential),
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
    };
  }

  /**
   * navigator.credentials.get() with `options`: signs with the newest credential for the RP (or the one
   * given), incrementing its counter unless synced.
   */
  get(options: PublicKeyCredentialRequestOptionsJSON, origin: string, which?: StoredCredential): AuthenticationResponseJSON {
    const rpId = options.rpId ?? new URL(origin).hostname;
    const credential = which ?? this.credentials.filter((candidate) => candidate.rpId === rpId).at(-1);
    if (credential === undefined) throw new Error(`no credential for ${rpId}`);
    if (this.options.synced !== true) credential.counter += 1;
    return this.assert(credential, { challenge: options.challenge, origin, counter: credential.counter });
  }

  /** An assertion with every part chosen by the test (a replayed counter, another origin...). */
  assert(
    credential: StoredCredential,
    parts: { challenge: string; origin: string; counter: number; type?: string },
  ): AuthenticationResponseJSON {
    const authData = this.authDataHeader(credential.rpId, 0, parts.counter);
    const clientDataJSON = Buffer.from(
      JSON.stringify({
        type: parts.type ?? 'webauthn.get',
        challenge: parts.challenge,
        origin: parts.origin,
        crossOrigin: false,
      }),
    );
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      ...credentialFields(credential),
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
    };
  }

  private authDataHeader(rpId: string, extraFlags: number, counter: number): Buffer {
    let flags = FLAG_USER_PRESENT | extraFlags;
    if (this.options.userVerification !== false) flags |= FLAG_USER_VERIFIED;
    if (this.options.synced === true) flags |= FLAG_BACKUP_ELIGIBLE | FLAG_BACKED_UP;
    const counterBytes = Buffer.alloc(4);
    counterBytes.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), counterBytes]);
  }
}
