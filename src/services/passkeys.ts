import { createHash, randomBytes } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Clock } from '../clock';
import { toEpochSeconds } from '../clock';
import type { WebAuthnSettings } from '../config-mfa';
import type { Logger } from '../logger';
import { onFirstUse } from '../on-first-use';
import type { ChallengePurpose, MfaStore } from '../store/mfa';
import type { PasskeyRecord } from '../store/records';

/** The WebAuthn library (and its X.509 and ASN.1 stack) is loaded by the first passkey ceremony. */
const webauthn = onFirstUse(() => import('@simplewebauthn/server'));
const webauthnHelpers = onFirstUse(() => import('@simplewebauthn/server/helpers'));

/**
 * Passkeys (WebAuthn level 3) through @simplewebauthn/server: discoverable credentials with user
 * verification, so a passkey alone signs a user in, no username typed and no second factor asked.
 * Every challenge is an item used up by its ceremony (single-use, 5 minutes); the signature counter
 * must grow (a credential whose counter goes back is a clone: refused and logged).
 */

export const CHALLENGE_TTL_SECONDS = 5 * 60;
export const MAX_PASSKEY_NAME_LENGTH = 64;
const DEFAULT_PASSKEY_NAME = 'Passkey';

/** RFC 8176 methods of a passkey sign-in: the key's kind, and the user verification the authenticator did. */
export type PasskeyAmr = ['hwk' | 'swk', 'user'];

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** True for a synced (multi-device) passkey, false for one bound to a single device. */
  synced: boolean;
  backedUp: boolean;
}

export type PasskeyRejection = 'challenge' | 'unknown-credential' | 'verification' | 'counter' | 'duplicate';
export type PasskeyResult<T> = { ok: true; value: T } | { ok: false; reason: PasskeyRejection };

export interface PasskeySignIn {
  userKey: string;
  passkeyId: string;
  /** When the passkey was added (epoch ms): one older than the account belongs to an earlier account of that name. */
  passkeyCreatedAt: number;
  amr: PasskeyAmr;
}

/** The id a passkey has here: fixed length whatever the credential id's (up to 1023 bytes). */
export const passkeyIdFor = (credentialId: string): string =>
  createHash('sha256').update(credentialId, 'utf8').digest('base64url');

const rejected = (reason: PasskeyRejection): { ok: false; reason: PasskeyRejection } => ({ ok: false, reason });

export class PasskeyService {
  constructor(
    private readonly store: MfaStore,
    private readonly settings: WebAuthnSettings,
    private readonly clock: Clock,
  ) {}

  /** Options for navigator.credentials.create(): a resident key with user verification, none of the user's existing ones. */
  async registrationOptions(user: {
    userKey: string;
    username: string;
    name: string;
  }): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const userHandle =
      (await this.store.getUserHandle(user.userKey)) ??
      (await this.store.claimUserHandle(user.userKey, randomBytes(32).toString('base64url')));
    const existing = await this.store.listPasskeys(user.userKey);
    const { generateRegistrationOptions } = await webauthn();
    const options = await generateRegistrationOptions({
      rpName: this.settings.rpName,
      rpID: this.settings.rpId,
      userName: user.username,
      userDisplayName: user.name,
      userID: new Uint8Array(Buffer.from(userHandle, 'base64url')),
      timeout: CHALLENGE_TTL_SECONDS * 1000,
      attestationType: 'none',
      excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    });
    await this.saveChallenge(options.challenge, 'registration', user.userKey);
    return options;
  }

  /** Checks the authenticator's answer to registrationOptions and adds the passkey under `name`. */
  async register(
    userKey: string,
    response: RegistrationResponseJSON,
    name: string | undefined,
  ): Promise<PasskeyResult<PasskeyView>> {
    if (!(await this.takeChallenge(response.response.clientDataJSON, 'registration', userKey))) return rejected('challenge');
    const { verifyRegistrationResponse } = await webauthn();
    const expectedChallenge = (await challengeOf(response.response.clientDataJSON)) ?? '';
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        response,
        // The challenge was matched to an item and used up above; here the library checks it is the one signed.
        expectedChallenge,
        expectedOrigin: this.settings.origins,
        expectedRPID: this.settings.rpId,
        requireUserVerification: true,
      });
    } catch {
      return rejected('verification');
    }
    if (!verification.verified) return rejected('verification');
    const { credential, credentialDeviceType, credentialBackedUp, aaguid } = verification.registrationInfo;
    const record: PasskeyRecord = {
      userKey,
      id: passkeyIdFor(credential.id),
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
      name: name?.trim() || DEFAULT_PASSKEY_NAME,
      aaguid,
      createdAt: this.clock.now(),
      lastUsedAt: null,
    };
    if (!(await this.store.putPasskey(record))) return rejected('duplicate');
    return { ok: true, value: toView(record) };
  }

  async list(userKey: string): Promise<PasskeyView[]> {
    return (await this.store.listPasskeys(userKey)).sort((a, b) => a.createdAt - b.createdAt).map(toView);
  }

  async count(userKey: string): Promise<number> {
    return (await this.store.listPasskeys(userKey)).length;
  }

  /** Removes one of the user's passkeys; false when they have none with that id. */
  async remove(userKey: string, passkeyId: string): Promise<boolean> {
    return this.store.deletePasskey(userKey, passkeyId);
  }

  /** Removes every passkey of a deleted account and its user handle, so none of them can sign in again. */
  async removeAll(userKey: string): Promise<void> {
    for (const passkey of await this.store.listPasskeys(userKey)) await this.store.deletePasskey(userKey, passkey.id);
    await this.store.deleteUserHandle(userKey);
  }

  /** Options for navigator.credentials.get(): no allowed list, so the authenticator offers its discoverable passkeys. */
  async authenticationOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const { generateAuthenticationOptions } = await webauthn();
    const options = await generateAuthenticationOptions({
      rpID: this.settings.rpId,
      timeout: CHALLENGE_TTL_SECONDS * 1000,
      userVerification: 'required',
    });
    await this.saveChallenge(options.challenge, 'authentication', undefined);
    return options;
  }

  /**
   * Checks a sign-in assertion: a live challenge of ours, a credential registered to the user its
   * handle names, a valid signature with user verification, and a counter that moved forward.
   */
  async authenticate(response: AuthenticationResponseJSON, log: Logger): Promise<PasskeyResult<PasskeySignIn>> {
    if (!(await this.takeChallenge(response.response.clientDataJSON, 'authentication', undefined))) return rejected('challenge');
    const userHandle = response.response.userHandle;
    const userKey = userHandle === undefined ? null : await this.store.userKeyForHandle(userHandle);
    const passkey = userKey === null ? null : await this.store.getPasskey(userKey, passkeyIdFor(response.id));
    if (userKey === null || passkey === null || passkey.credentialId !== response.id) return rejected('unknown-credential');

    const { verifyAuthenticationResponse } = await webauthn();
    const expectedChallenge = (await challengeOf(response.response.clientDataJSON)) ?? '';
    let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge,
        expectedOrigin: this.settings.origins,
        expectedRPID: this.settings.rpId,
        requireUserVerification: true,
        // Counter 0 switches off the library's own counter check (it would only throw a message); the
        // check below compares with the stored counter after the signature is known to be good, so a
        // clone is told apart from a forgery and logged.
        credential: {
          id: passkey.credentialId,
          publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
          counter: 0,
          transports: passkey.transports,
        },
      });
    } catch {
      return rejected('verification');
    }
    if (!verification.verified) return rejected('verification');
    const { newCounter, credentialBackedUp } = verification.authenticationInfo;
    const counterMoved = newCounter > passkey.counter || (newCounter === 0 && passkey.counter === 0);
    const recorded =
      counterMoved &&
      (await this.store.recordPasskeyUse(userKey, passkey.id, {
        expectedCounter: passkey.counter,
        counter: newCounter,
        lastUsedAt: this.clock.now(),
        backedUp: credentialBackedUp,
      }));
    if (!recorded) {
      log.warn(
        { event: 'passkey.cloned', userKey, passkeyId: passkey.id, storedCounter: passkey.counter, presentedCounter: newCounter },
        'passkey refused: its signature counter did not move forward (a cloned authenticator?)',
      );
      return rejected('counter');
    }
    return {
      ok: true,
      value: {
        userKey,
        passkeyId: passkey.id,
        passkeyCreatedAt: passkey.createdAt,
        amr: [passkey.deviceType === 'multiDevice' ? 'swk' : 'hwk', 'user'],
      },
    };
  }

  private async saveChallenge(challenge: string, purpose: ChallengePurpose, userKey: string | undefined): Promise<void> {
    await this.store.putChallenge({
      challenge,
      purpose,
      userKey,
      expiresAt: toEpochSeconds(this.clock.now()) + CHALLENGE_TTL_SECONDS,
    });
  }

  /** Uses up the challenge the client data names, if it is a live one of ours for this ceremony. */
  private async takeChallenge(clientDataJSON: string, purpose: ChallengePurpose, userKey: string | undefined): Promise<boolean> {
    const challenge = await challengeOf(clientDataJSON);
    return challenge !== null && (await this.store.takeChallenge(challenge, purpose, userKey, toEpochSeconds(this.clock.now())));
  }
}

/** The challenge in a client's base64url clientDataJSON, or null when that is not readable. */
async function challengeOf(clientDataJSON: string): Promise<string | null> {
  const { decodeClientDataJSON } = await webauthnHelpers();
  try {
    const { challenge } = decodeClientDataJSON(clientDataJSON);
    return typeof challenge === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(challenge) ? challenge : null;
  } catch {
    return null;
  }
}

function toView(record: PasskeyRecord): PasskeyView {
  return {
    id: record.id,
    name: record.name,
    createdAt: new Date(record.createdAt).toISOString(),
    lastUsedAt: record.lastUsedAt === null ? null : new Date(record.lastUsedAt).toISOString(),
    synced: record.deviceType === 'multiDevice',
    backedUp: record.backedUp,
  };
}
