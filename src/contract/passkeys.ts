import * as z from 'zod';
import { MAX_PASSKEY_NAME_LENGTH } from '../services/passkeys';
import { oneFactorAtMost, stepUpFields } from './step-up';

/**
 * POST /passkeys/register/options, POST /passkeys/register, GET /passkeys, DELETE /passkeys/{id},
 * POST /passkeys/login/options, POST /passkeys/login: request and response bodies. The WebAuthn
 * objects are the JSON forms of WebAuthn level 3 (what @simplewebauthn/browser sends and takes).
 */

const base64url = z
  .string({ error: 'must be a string' })
  .max(8192, 'is too long')
  .regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');

const transport = z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);
const attachment = z.enum(['platform', 'cross-platform']);
const extensionResults = z.record(z.string(), z.unknown()).meta({ description: 'The client extension results' });

const credentialFields = {
  id: base64url.min(1, 'must not be empty'),
  rawId: base64url.min(1, 'must not be empty'),
  type: z.literal('public-key', { error: 'must be "public-key"' }),
  clientExtensionResults: extensionResults,
  authenticatorAttachment: attachment.optional(),
};

export const registrationCredential = z
  .object({
    ...credentialFields,
    response: z.object({
      clientDataJSON: base64url,
      attestationObject: base64url,
      transports: z.array(transport).max(8).optional(),
      authenticatorData: base64url.optional(),
      publicKey: base64url.optional(),
      publicKeyAlgorithm: z.number().int().optional(),
    }),
  })
  .meta({
    id: 'PasskeyRegistrationCredential',
    description: 'The credential navigator.credentials.create() made, as JSON (PublicKeyCredential.toJSON())',
  });

export const authenticationCredential = z
  .object({
    ...credentialFields,
    response: z.object({
      clientDataJSON: base64url,
      authenticatorData: base64url,
      signature: base64url,
      userHandle: base64url.optional(),
    }),
  })
  .meta({
    id: 'PasskeyAuthenticationCredential',
    description: 'The assertion navigator.credentials.get() made, as JSON (PublicKeyCredential.toJSON())',
  });

export const registerPasskeyBody = z
  .object({
    credential: registrationCredential,
    name: z
      .string({ error: 'must be a string' })
      .trim()
      .max(MAX_PASSKEY_NAME_LENGTH, `must be at most ${MAX_PASSKEY_NAME_LENGTH} characters`)
      .optional()
      .meta({ description: 'What the user calls this passkey ("Passkey" when empty or absent)' }),
  })
  .meta({ id: 'RegisterPasskeyRequest' });

export const passkeyLoginBody = z.object({ credential: authenticationCredential }).meta({ id: 'PasskeyLoginRequest' });

export const removePasskeyBody = oneFactorAtMost(z.object(stepUpFields)).meta({ id: 'RemovePasskeyRequest' });

const descriptor = z.strictObject({ id: z.string(), type: z.literal('public-key'), transports: z.array(transport).optional() });

export const registrationOptionsResponse = z
  .object({
    challenge: z.string().meta({ description: 'Single-use; expires with `timeout`' }),
    rp: z.object({ id: z.string().optional(), name: z.string() }),
    user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
    pubKeyCredParams: z.array(z.object({ type: z.literal('public-key'), alg: z.number().int() })),
    timeout: z.number().int().optional(),
    excludeCredentials: z.array(descriptor).optional(),
    authenticatorSelection: z.record(z.string(), z.unknown()).optional(),
    hints: z.array(z.string()).optional(),
    attestation: z.string().optional(),
    attestationFormats: z.array(z.string()).optional(),
    extensions: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({
    id: 'PasskeyRegistrationOptions',
    description: 'PublicKeyCredentialCreationOptionsJSON, for navigator.credentials.create()',
  });

export const authenticationOptionsResponse = z
  .object({
    challenge: z.string().meta({ description: 'Single-use; expires with `timeout`' }),
    timeout: z.number().int().optional(),
    rpId: z.string().optional(),
    allowCredentials: z.array(descriptor).optional(),
    userVerification: z.string().optional(),
    hints: z.array(z.string()).optional(),
    extensions: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({
    id: 'PasskeyAuthenticationOptions',
    description: 'PublicKeyCredentialRequestOptionsJSON, for navigator.credentials.get()',
  });

export const passkeyView = z
  .strictObject({
    id: z.string().meta({ description: 'The passkey id, for DELETE /passkeys/{id}' }),
    name: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().meta({ description: 'The last sign-in with it; null when never used' }),
    synced: z.boolean().meta({ description: 'A synced (multi-device) passkey; false when bound to one device' }),
    backedUp: z.boolean().meta({ description: 'The authenticator says it is backed up now' }),
  })
  .meta({ id: 'Passkey' });

export const passkeyAddedResponse = z
  .strictObject({ message: z.literal('Passkey added'), passkey: passkeyView })
  .meta({ id: 'PasskeyAddedResponse' });
export const passkeysResponse = z.strictObject({ passkeys: z.array(passkeyView) }).meta({ id: 'PasskeysResponse' });
export const passkeyRemovedResponse = z
  .strictObject({ message: z.literal('Passkey removed') })
  .meta({ id: 'PasskeyRemovedResponse' });

export type PasskeyAddedResponse = z.infer<typeof passkeyAddedResponse>;
export type PasskeysResponse = z.infer<typeof passkeysResponse>;
export type PasskeyRemovedResponse = z.infer<typeof passkeyRemovedResponse>;
