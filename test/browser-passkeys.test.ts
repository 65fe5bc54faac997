import assert from 'node:assert/strict';
import type { RequestListener } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { CDPSession, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from './support/app';
import { type Browser, contractCheckedListener, type Listening, launchChromium, listen } from './support/browser';
import { useTestStore } from './support/store';

/**
 * Passkeys as a person uses them, in Debian's Chromium with the CDP virtual authenticator (a platform
 * authenticator: ctap2, internal transport, resident keys, user verification that succeeds), against
 * the real app on a real socket. The page is on http://localhost:<port>, the relying party `localhost`.
 */

const testStore = useTestStore();
let testApp: TestApp;
let appServer: Listening;
let contract: ReturnType<typeof contractCheckedListener>;
let browser: Browser;
let page: Page;
let cdp: CDPSession;
let virtualAuthenticatorId: string | undefined;
let appOrigin: string;
const pageErrors: string[] = [];

const user = { name: 'Pat Key', username: 'pat', password: 'a long and lovely passphrase' };

before(async () => {
  // The origin must be known before the app is built (WEBAUTHN_ORIGINS), so the socket comes first.
  let listener: RequestListener = (_req, res) => res.writeHead(503).end();
  appServer = await listen((req, res) => listener(req, res));
  appOrigin = `http://localhost:${appServer.port}`;
  testApp = await buildTestApp(testStore, { env: { WEBAUTHN_RP_ID: 'localhost', WEBAUTHN_ORIGINS: appOrigin } });
  contract = contractCheckedListener(testApp.app);
  listener = contract.listener;

  browser = await launchChromium();
  browser.context.setDefaultTimeout(8000);
  page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
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
});

after(async () => {
  await browser?.close();
  await appServer?.close();
});

/** The account view's own button (each other session in the list has a "Sign out" of its own). */
const signOut = () => page.getByRole('button', { name: 'Sign out', exact: true }).first();
const heading = (name: string) => page.getByRole('heading', { level: 1, name, exact: true });
const passkeyList = () => page.getByRole('list', { name: 'Passkeys' });

async function sessionAmrs(): Promise<string[][]> {
  return page.evaluate(async () => {
    const answer = await fetch('/sessions', { credentials: 'include' });
    const body = (await answer.json()) as { sessions: { amr: string[]; current: boolean }[] };
    return body.sessions.filter((session) => session.current).map((session) => session.amr);
  });
}

describe('passkeys in Chromium with a virtual authenticator', () => {
  it('signs up, adds a named passkey, signs out, and signs in with it: no username, no password', async () => {
    await page.goto(`${appOrigin}/#sign-up`);
    const signUp = page.getByRole('form', { name: 'Create your account' });
    await signUp.getByLabel('Your name').fill(user.name);
    await signUp.getByLabel('Username').fill(user.username);
    await signUp.getByLabel('Password').fill(user.password);
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await heading('Your account').waitFor();

    await passkeyList().getByText('You have no passkeys yet.').waitFor();
    const add = page.getByRole('form', { name: 'Add a passkey' });
    await add.getByLabel('Name for the new passkey (optional)').fill('Test laptop');
    await add.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByRole('status').filter({ hasText: 'Added the passkey “Test laptop”.' }).waitFor();
    await passkeyList().getByText('Test laptop').waitFor();
    await passkeyList().getByText('On this one device only').waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: await authenticatorId() });
    assert.equal(credentials.length, 1);
    assert.equal(credentials[0]?.isResidentCredential, true, 'a discoverable credential');
    assert.equal(credentials[0]?.rpId, 'localhost');

    await signOut().click();
    await heading('Sign in').waitFor();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await heading('Your account').waitFor();
    await page.getByText(`Signed in as ${user.username}`).waitFor();
    assert.deepEqual(await sessionAmrs(), [['hwk', 'user']]);
    await passkeyList().getByText('Last used').waitFor();
  });

  it('offers the passkey in the username field (autofill), which signs in when picked', async () => {
    await signOut().click();
    await heading('Sign in').waitFor();
    const username = page.getByRole('form', { name: 'Sign in' }).getByLabel('Username', { exact: true });
    assert.equal(await username.getAttribute('autocomplete'), 'username webauthn');
    const optionsAsked = page.waitForResponse((response) => response.url().endsWith('/passkeys/login/options'));
    await username.focus();
    assert.equal((await optionsAsked).status(), 200, 'focusing the field starts a conditional request');
    assert.equal(await page.evaluate('PublicKeyCredential.isConditionalMediationAvailable()'), true);
    // The virtual authenticator answers the conditional request as a person picking the suggestion would.
    await heading('Your account').waitFor();
    assert.deepEqual(await sessionAmrs(), [['hwk', 'user']]);
    assert.equal(
      await page
        .getByRole('alert')
        .filter({ hasText: /passkey/i })
        .count(),
      0,
    );
  });

  it('removes the passkey with the password; then signing in with it fails', async () => {
    // A fresh load of the console, so nothing from the sign-in is still drawing it.
    await page.goto(`${appOrigin}/#account`);
    await heading('Your account').waitFor();
    await passkeyList().getByText('Last used').waitFor();
    await page.waitForLoadState('networkidle');
    const item = passkeyList().getByRole('listitem').filter({ hasText: 'Test laptop' });
    const remove = item.getByRole('form', { name: 'Remove Test laptop' });
    await remove.getByLabel('Your password, to remove it').fill('not my password');
    await remove.getByRole('button', { name: 'Remove' }).click();
    await remove.getByRole('alert').filter({ hasText: 'Your current password is not right.' }).waitFor();
    await remove.getByLabel('Your password, to remove it').fill(user.password);
    await remove.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('status').filter({ hasText: 'Removed the passkey “Test laptop”.' }).waitFor();
    await passkeyList().getByText('You have no passkeys yet.').waitFor();

    await signOut().click();
    await heading('Sign in').waitFor();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('alert').filter({ hasText: 'That passkey was not accepted.' }).waitFor();
    await heading('Sign in').waitFor();
    const cookies = await browser.context.cookies(appOrigin);
    assert.equal(
      cookies.find((cookie) => cookie.name === 'auth_token'),
      undefined,
      'no session',
    );
  });

  it('every answer the browser got matches the OpenAPI document, and the page threw nothing', () => {
    assert.deepEqual(contract.problems, []);
    assert.ok(contract.checked() > 10);
    assert.deepEqual(pageErrors, []);
  });
});

async function authenticatorId(): Promise<string> {
  if (virtualAuthenticatorId === undefined) throw new Error('no virtual authenticator');
  return virtualAuthenticatorId;
}
