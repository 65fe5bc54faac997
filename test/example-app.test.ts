import assert from 'node:assert/strict';
import type { RequestListener } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createExampleApp } from '../examples/app/server';
import { generateSigningKey } from '../src/config-signing-keys';
import { buildTestApp } from './support/app';
import { axeViolations, type Browser, contractCheckedListener, type Listening, launchChromium, listen } from './support/browser';
import { useTestStore } from './support/store';

/**
 * The round trip an adopting app makes, in Chromium: the example app (examples/app, its own page and
 * API on another origin) sends the visitor to the hosted sign-in, gets them back, and calls its own API,
 * which checks the token with the verifier (revocation check on). Two hosts of one site, as an app and
 * its auth service would be in production (app.example.test, auth.example.test, both resolved to
 * 127.0.0.1), so the service's cookies never reach the app's server. Chromium is told to treat the two
 * plain-HTTP origins as secure contexts, as it does localhost, so the default Secure cookies work as over HTTPS.
 */

const testStore = useTestStore();
const ISSUER = 'https://auth.example.test';
const AUDIENCE = 'example-apps';
const visitor = { name: 'Bob Example', username: 'bob', password: 'correct horse battery staple' };

let authServer: Listening;
let exampleServer: Listening;
let authUrl: string;
let appUrl: string;
let browser: Browser;
let page: Page;
let contract: ReturnType<typeof contractCheckedListener>;
const consoleErrors: string[] = [];
/** The Authorization headers the example app's API received. */
const bearers: string[] = [];

before(async () => {
  let authListener: RequestListener | undefined;
  let exampleListener: RequestListener | undefined;
  authServer = await listen((req, res) => authListener?.(req, res));
  exampleServer = await listen((req, res) => {
    if (req.headers.authorization !== undefined) bearers.push(req.headers.authorization);
    exampleListener?.(req, res);
  });
  authUrl = `http://auth.example.test:${authServer.port}`;
  appUrl = `http://app.example.test:${exampleServer.port}`;
  const service = await buildTestApp(testStore, {
    env: {
      JWT_ALGORITHM: 'ES256',
      JWT_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      ALLOWED_ORIGINS: appUrl,
    },
  });
  contract = contractCheckedListener(service.app);
  authListener = contract.listener;
  exampleListener = await createExampleApp({
    authUrl,
    authServiceUrl: `http://127.0.0.1:${authServer.port}`,
    issuer: ISSUER,
    audience: AUDIENCE,
  });

  browser = await launchChromium({
    args: [
      '--host-resolver-rules=MAP *.example.test 127.0.0.1',
      `--unsafely-treat-insecure-origin-as-secure=${authUrl},${appUrl}`,
    ],
  });
  browser.context.setDefaultTimeout(15_000);
  page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${page.url()})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
});

after(async () => {
  await browser?.close();
  await exampleServer?.close();
  await authServer?.close();
});

const status = () => page.getByRole('status');

describe('the example app’s round trip through the hosted sign-in', () => {
  it('sends a signed-out visitor to the hosted sign-in and brings them back signed in, with its own API answering', async () => {
    await page.goto(`${appUrl}/`);
    await status().filter({ hasText: 'You are not signed in.' }).waitFor();
    assert.deepEqual(consoleErrors, [], 'a signed-out visit to the app is clean');

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(`${authUrl}/?redirect_to=${encodeURIComponent(`${appUrl}/`)}`);
    await page.getByText(`Afterwards you will return to app.example.test:${exampleServer.port}.`).waitFor();
    await page.getByRole('link', { name: 'Create an account' }).click();
    const signUp = page.getByRole('form', { name: 'Create your account' });
    await signUp.getByLabel('Your name').fill(visitor.name);
    await signUp.getByLabel('Username').fill(visitor.username);
    await signUp.getByLabel('Password').fill(visitor.password);
    await signUp.getByRole('button', { name: 'Create account' }).click();

    await page.waitForURL(`${appUrl}/`);
    await status()
      .filter({ hasText: `Signed in as ${visitor.username}.` })
      .waitFor();
    await page.getByRole('list', { name: 'Your notes' }).getByText('This answer came from the app’s own API.').waitFor();
    assert.match(bearers.at(-1) ?? '', /^Bearer ey/, 'the app’s page called its API with the access token');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(consoleErrors, []);
  });

  it('stays on the account page when redirect_to names an origin that is not allowed, even on the same site', async () => {
    const foreign = `http://evil.example.test:${exampleServer.port}/`;
    await page.goto(`${authUrl}/?redirect_to=${encodeURIComponent(foreign)}`);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: `You were not sent on to “${foreign}”` })
      .waitFor();
    assert.equal(new URL(page.url()).origin, authUrl);
  });

  it('signs out from the app; its API then refuses the old token, within the revocation cache’s 5 seconds', async () => {
    await page.goto(`${appUrl}/`);
    await status()
      .filter({ hasText: `Signed in as ${visitor.username}.` })
      .waitFor();
    const bearer = bearers.at(-1) ?? '';
    const notes = () => fetch(`http://127.0.0.1:${exampleServer.port}/api/notes`, { headers: { authorization: bearer } });
    assert.equal((await notes()).status, 200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await status().filter({ hasText: 'You have signed out.' }).waitFor();
    let answer = await notes();
    for (let tries = 0; answer.status === 200 && tries < 35; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await notes();
    }
    assert.deepEqual([answer.status, ((await answer.json()) as { code: string }).code], [401, 'UNAUTHENTICATED']);

    await page.reload();
    await status().filter({ hasText: 'You are not signed in.' }).waitFor();
    assert.deepEqual(consoleErrors, []);
    // Every answer the service gave must match the document, the browser's CORS preflights (204 with Allow) included.
    assert.deepEqual(contract.problems, []);
    assert.ok(contract.checked() > 0);
  });
});
