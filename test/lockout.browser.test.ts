import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { buildTestApp, type TestApp } from './support/app';
import {
  type Browser,
  contractCheckedListener,
  type Listening,
  launchChromium,
  listen,
  signInThroughPage as signIn,
} from './support/browser';
import { useTestStore } from './support/store';

/**
 * The device-cookie lockout (issue 13) in Debian's Chromium: the owner's browser, which signed in
 * before, keeps signing in through the hosted page while an attacker has the account locked for
 * everyone else. The page's own tests are test/browser.test.ts; this file only adds this path.
 */

// Registered before the store's own hook, so the browsers and the app are gone before the store closes.
after(async () => {
  for (const browser of browsers) await browser.close();
  await appServer?.close();
});
const testStore = useTestStore();
const owner = { name: 'Olive Owner', username: 'olive', password: 'correct horse battery staple' };
let testApp: TestApp;
let appServer: Listening;
let contract: ReturnType<typeof contractCheckedListener>;
let appOrigin: string;
const browsers: Browser[] = [];

before(async () => {
  testApp = await buildTestApp(testStore, { env: { LOGIN_ACCOUNT_MAX_FAILURES: '3' } });
  contract = contractCheckedListener(testApp.app);
  appServer = await listen(contract.listener);
  appOrigin = `http://127.0.0.1:${appServer.port}`;
});

async function newBrowserPage(): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  browsers.push(browser);
  browser.context.setDefaultTimeout(5000);
  return { browser, page: await browser.context.newPage() };
}

const heading = (on: Page, name: string) => on.getByRole('heading', { level: 1, name, exact: true });

const signInThroughPage = (on: Page) => signIn(on, appOrigin, owner);

describe('device cookie in the browser', () => {
  it("keeps the owner's browser signing in while the account is locked for other browsers", async () => {
    await request(testApp.app).post('/register').send(owner).expect(201);

    // The owner signs in once on their laptop: the browser keeps a device cookie, out of script's reach.
    const laptop = await newBrowserPage();
    await signInThroughPage(laptop.page);
    await heading(laptop.page, 'Your account').waitFor();
    const device = (await laptop.browser.context.cookies()).find((cookie) => cookie.name === 'auth_device');
    assert.ok(device !== undefined, 'the browser keeps a device cookie');
    assert.equal(device.httpOnly, true);
    assert.equal(device.sameSite, 'Strict');
    assert.equal(device.path, '/login');
    assert.equal(await laptop.page.evaluate("document.cookie.includes('auth_device')"), false);

    // An attacker fails on purpose until the account is locked.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await request(testApp.app)
        .post('/login')
        .send({ username: owner.username, password: `guess-${attempt}` })
        .expect(401);
    }
    await request(testApp.app).post('/login').send(owner).expect(429);

    // A browser that never signed in to the account meets the lockout, right password or not.
    const stranger = await newBrowserPage();
    await signInThroughPage(stranger.page);
    await stranger.page.getByRole('form', { name: 'Sign in' }).getByRole('alert').filter({ hasText: /./ }).waitFor();
    assert.equal(
      (await stranger.browser.context.cookies()).some((cookie) => cookie.name === 'auth_token'),
      false,
    );

    // The owner's laptop, signed out, signs in again: judged by its own budget, not the account's.
    await laptop.browser.context.clearCookies({ name: 'auth_token' });
    await laptop.browser.context.clearCookies({ name: 'refresh_token' });
    await signInThroughPage(laptop.page);
    await heading(laptop.page, 'Your account').waitFor();
    assert.deepEqual(contract.problems, []);
  });
});
