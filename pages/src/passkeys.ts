import type { AddPasskeyRequest, LoginAnswer, Passkey, PasskeyLoginRequest, Result } from '@serverless-auth/client';
import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from '@simplewebauthn/browser';
import type { Page } from './page';

/**
 * The page's two WebAuthn ceremonies, through @simplewebauthn/browser: adding a passkey to the signed-in
 * account, and signing in with one (a button, or the username field's autofill). Each answer is either
 * what the service said or a sentence for the person when the browser stopped the ceremony.
 */

/*
 * The service's documented schemas and the library's types describe the same WebAuthn JSON, one with
 * open strings and records, the other with DOM enums and interfaces; they meet here, and the server
 * checks every byte of what comes back.
 */
const creationOptions = (options: object): PublicKeyCredentialCreationOptionsJSON =>
  options as PublicKeyCredentialCreationOptionsJSON;
const requestOptions = (options: object): PublicKeyCredentialRequestOptionsJSON =>
  options as PublicKeyCredentialRequestOptionsJSON;
const asRegistration = (credential: object): AddPasskeyRequest['credential'] => credential as AddPasskeyRequest['credential'];
const asAssertion = (credential: object): PasskeyLoginRequest['credential'] => credential as PasskeyLoginRequest['credential'];

/** `byBrowser`: the browser or authenticator ended it (cancelled, timed out, not possible here); else the service refused. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string; byBrowser: boolean };

export const passkeysSupported = (): boolean => browserSupportsWebAuthn();
export const passkeyAutofillSupported = (): Promise<boolean> => browserSupportsWebAuthnAutofill();

/** What to tell the person when the browser or the authenticator ended the ceremony. */
const errorName = (error: unknown): string =>
  error instanceof WebAuthnError ? error.code : error instanceof Error ? error.name : '';
const CANCELLED = new Set(['NotAllowedError', 'AbortError', 'ERROR_CEREMONY_ABORTED']);
const refused = (message: string) => ({ ok: false, message, byBrowser: false }) as const;

function ceremonyMessage(error: unknown, adding: boolean): string {
  const name = errorName(error);
  if (name === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError')
    return 'This device already has a passkey for your account.';
  if (CANCELLED.has(name)) {
    return adding
      ? 'No passkey was added: the request was cancelled or timed out.'
      : 'Passkey sign-in was cancelled or timed out.';
  }
  return adding
    ? 'This browser could not create a passkey. Try again, or use another device.'
    : 'This browser could not use a passkey. Sign in with your password instead.';
}

const answered = <T>(page: Page, result: Result<T>): Outcome<T> =>
  result.error === undefined ? { ok: true, value: result.data } : refused(page.failed(result.error));

/** Creates a passkey on this device and adds it to the account under `name`. */
export async function addPasskey(page: Page, name: string): Promise<Outcome<Passkey>> {
  const options = await page.auth.passkeyRegistrationOptions();
  if (options.error) return refused(page.failed(options.error));
  let credential: Awaited<ReturnType<typeof startRegistration>>;
  try {
    credential = await startRegistration({ optionsJSON: creationOptions(options.data) });
  } catch (error) {
    return { ok: false, message: ceremonyMessage(error, true), byBrowser: true };
  }
  return answered(page, await page.auth.addPasskey({ credential: asRegistration(credential), name }));
}

/**
 * Signs in with a discoverable passkey. With `autofill`, the browser offers the passkeys in the
 * username field's suggestions (conditional mediation) and this waits until one is picked; a later
 * call (the button) cancels that wait.
 */
export async function signInWithPasskey(page: Page, autofill: boolean): Promise<Outcome<LoginAnswer>> {
  const options = await page.auth.passkeyLoginOptions();
  if (options.error) return refused(page.failed(options.error));
  let credential: Awaited<ReturnType<typeof startAuthentication>>;
  try {
    credential = await startAuthentication({ optionsJSON: requestOptions(options.data), useBrowserAutofill: autofill });
  } catch (error) {
    return { ok: false, message: ceremonyMessage(error, false), byBrowser: true };
  }
  return answered(page, await page.auth.passkeyLogin({ credential: asAssertion(credential) }));
}
