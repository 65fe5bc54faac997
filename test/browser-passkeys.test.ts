import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CDPSession } from 'playwright-core';
import { signUpThroughPage, useBrowserTest } from './support/browser';

/**
 * Passkeys as a person uses them, in Debian's Chromium with the CDP virtual authenticator (a platform
 * authenticator: ctap2, internal transport, resident keys, user verification that succeeds), against
 * the real app on a real socket. The page is on http://localhost:<port>, the relying party `localhost`.
 */

let cdp: CDPSession;
let virtualAuthenticatorId: string | undefined;

const user = { name: 'Pat Key', username: 'pat', password: 'a long and lovely passphrase' };

const browserTest = useBrowserTest({
  host: 'localhost',
  env: (appOrigin) => ({ WEBAUTHN_RP_ID: 'localhost', WEBAUTHN_ORIGINS: appOrigin }),
  stepTimeoutMs: 8000,
  openPage: true,
  whenStarted: async ({ browser, page }) => {
    cdp = await browser.context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId: virtualAuthenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    }));
  },
});

/** The account view's own button (each other session in the list has a "Sign out" of its own). */
const signOut = () => browserTest.page.getByRole('button', { name: 'Sign out', exact: true }).first();
const heading = (name: string) => browserTest.page.getByRole('heading', { level: 1, name, exact: true });
const passkeyList = () => browserTest.page.getByRole('list', { name: 'Passkeys' });

async function sessionAmrs(): Promise<string[][]> {
  return browserTest.page.evaluate(async () => {
    const answer = await fetch('/sessions', { credentials: 'include' });
    const body = (await answer.json()) as { sessions: { amr: string[]; current: boolean }[] };
    return body.sessions.filter((session) => session.current).map((session) => session.amr);
  });
}

describe('passkeys in Chromium with a virtual authenticator', () => {
  it('signs up, adds a named passkey, signs out, and signs in with it: no username, no password', async () => {
    await signUpThroughPage(browserTest.page, browserTest.appOrigin, user);
    await heading('Your account').waitFor();

    await passkeyList().getByText('You have no passkeys yet.').waitFor();
    const add = browserTest.page.getByRole('form', { name: 'Add a passkey' });
    await add.getByLabel('Name for the new passkey (optional)').fill('Test laptop');
    await add.getByRole('button', { name: 'Add a passkey' }).click();
    await browserTest.page.getByRole('status').filter({ hasText: 'Added the passkey “Test laptop”.' }).waitFor();
    await passkeyList().getByText('Test laptop').waitFor();
    await passkeyList().getByText('On this one device only').waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: await authenticatorId() });
    assert.equal(credentials.length, 1);
    assert.equal(credentials[0]?.isResidentCredential, true, 'a discoverable credential');
    assert.equal(credentials[0]?.rpId, 'localhost');

    await signOut().click();
    await heading('Sign in').waitFor();
    await browserTest.page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await heading('Your account').waitFor();
    await browserTest.page.getByText(`Signed in as ${user.username}`).waitFor();
    assert.deepEqual(await sessionAmrs(), [['hwk', 'user']]);
    await passkeyList().getByText('Last used').waitFor();
  });

  it('offers the passkey in the username field (autofill), which signs in when picked', async () => {
    await signOut().click();
    await heading('Sign in').waitFor();
    const username = browserTest.page.getByRole('form', { name: 'Sign in' }).getByLabel('Username', { exact: true });
    assert.equal(await username.getAttribute('autocomplete'), 'username webauthn');
    const optionsAsked = browserTest.page.waitForResponse((response) => response.url().endsWith('/passkeys/login/options'));
    await username.focus();
    assert.equal((await optionsAsked).status(), 200, 'focusing the field starts a conditional request');
    assert.equal(await browserTest.page.evaluate('PublicKeyCredential.isConditionalMediationAvailable()'), true);
    // The virtual authenticator answers the conditional request as a person picking the suggestion would.
    await heading('Your account').waitFor();
    assert.deepEqual(await sessionAmrs(), [['hwk', 'user']]);
    assert.equal(
      await browserTest.page
        .getByRole('alert')
        .filter({ hasText: /passkey/i })
        .count(),
      0,
    );
  });

  it('removes the passkey with the password; then signing in with it fails', async () => {
    // A fresh load of the console, so nothing from the sign-in is still drawing it.
    await browserTest.page.goto(`${browserTest.appOrigin}/#account`);
    await heading('Your account').waitFor();
    await passkeyList().getByText('Last used').waitFor();
    await browserTest.page.waitForLoadState('networkidle');
    const item = passkeyList().getByRole('listitem').filter({ hasText: 'Test laptop' });
    const remove = item.getByRole('form', { name: 'Remove Test laptop' });
    await remove.getByLabel('Your password, to remove it').fill('not my password');
    await remove.getByRole('button', { name: 'Remove' }).click();
    await remove.getByRole('alert').filter({ hasText: 'Your current password is not right.' }).waitFor();
    await remove.getByLabel('Your password, to remove it').fill(user.password);
    await remove.getByRole('button', { name: 'Remove' }).click();
    await browserTest.page.getByRole('status').filter({ hasText: 'Removed the passkey “Test laptop”.' }).waitFor();
    await passkeyList().getByText('You have no passkeys yet.').waitFor();

    await signOut().click();
    await heading('Sign in').waitFor();
    await browserTest.page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await browserTest.page.getByRole('alert').filter({ hasText: 'That passkey was not accepted.' }).waitFor();
    await heading('Sign in').waitFor();
    const cookies = await browserTest.browser.context.cookies(browserTest.appOrigin);
    assert.equal(
      cookies.find((cookie) => cookie.name === 'auth_token'),
      undefined,
      'no session',
    );
  });

  it('every answer the browser got matches the OpenAPI document, and the page threw nothing', () => {
    assert.deepEqual(browserTest.contract.problems, []);
    assert.ok(browserTest.contract.checked() > 10);
    assert.deepEqual(browserTest.pageErrors, []);
  });
});

async function authenticatorId(): Promise<string> {
  if (virtualAuthenticatorId === undefined) throw new Error('no virtual authenticator');
  return virtualAuthenticatorId;
}
