import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { loginResponse } from '../../contract/auth';
import {
  authenticationOptionsResponse,
  passkeyAddedResponse,
  passkeyLoginBody,
  passkeyRemovedResponse,
  passkeysResponse,
  registerPasskeyBody,
  registrationOptionsResponse,
  removePasskeyBody,
} from '../../contract/passkeys';
import { json, jsonBody, noStore, registerRoute, SESSION_SECURITY, setSessionCookies } from '../responses';
import { signedInBodyRoutes } from '../signed-in-body-routes';

const passkeyIdParam = z.object({ id: z.string().meta({ description: 'The passkey id from GET /passkeys' }) });

/** The passkey routes (src/routes/passkeys.ts): adding, listing, removing, and signing in with one. */
export function registerPasskeyPaths(registry: OpenAPIRegistry): void {
  registerRoute(registry, 'POST /passkeys/register/options', {
    tags: ['Passkeys'],
    summary:
      'Start adding a passkey: options for navigator.credentials.create() (a discoverable credential with user verification)',
    description: 'The challenge is single-use and expires after 5 minutes. Passkeys the user already has are excluded.',
    security: SESSION_SECURITY,
    responses: { 200: json('The creation options', registrationOptionsResponse, noStore) },
  });

  registerRoute(registry, 'POST /passkeys/register', {
    tags: ['Passkeys'],
    summary: 'Finish adding a passkey: the credential the authenticator made, and an optional name',
    description:
      'The origin and RP ID must be the configured ones (WEBAUTHN_ORIGINS, WEBAUTHN_RP_ID) and the user must have been verified.',
    security: SESSION_SECURITY,
    request: { body: jsonBody(registerPasskeyBody) },
    responses: { 201: json('Added', passkeyAddedResponse, noStore) },
  });

  registerRoute(registry, 'GET /passkeys', {
    tags: ['Passkeys'],
    summary: "The signed-in user's passkeys: name, when added and last used, synced or device-bound",
    security: SESSION_SECURITY,
    responses: { 200: json('The passkeys, oldest first', passkeysResponse, noStore) },
  });

  signedInBodyRoutes(registry, ['Passkeys'])('DELETE /passkeys/{id}', {
    summary: 'Remove a passkey, with a fresh proof: the password, and a code when two-step verification is on',
    params: passkeyIdParam,
    body: removePasskeyBody,
    responses: { 200: json('Removed: it signs nobody in any more', passkeyRemovedResponse, noStore) },
  });

  registerRoute(registry, 'POST /passkeys/login/options', {
    tags: ['Passkeys'],
    summary: 'Start a passkey sign-in: options for navigator.credentials.get() with no allowed list (no username is typed)',
    description:
      'The challenge is single-use and expires after 5 minutes. The page also uses it for autofill (conditional mediation).',
    responses: { 200: json('The request options', authenticationOptionsResponse, noStore) },
  });

  registerRoute(registry, 'POST /passkeys/login', {
    tags: ['Passkeys'],
    summary: 'Sign in with a passkey: the same answer and cookies as POST /login',
    description:
      "No second factor follows: a passkey with user verification is multi-factor by itself. The session's `amr` is " +
      '`["hwk","user"]` for a device-bound passkey and `["swk","user"]` for a synced one. A signature counter that ' +
      'goes back (a cloned authenticator) is refused and logged.',
    request: { body: jsonBody(passkeyLoginBody) },
    responses: { 200: json('Signed in', loginResponse, setSessionCookies.extend(noStore.shape)) },
  });
}
