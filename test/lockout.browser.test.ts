import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { type Browser, signInThroughPage as signIn, useBrowserTest } from './support/browser';

/**
 * The device-cookie lockout (issue 13) in Debian's Chromium: the owner's browser, which signed in
 * before, keeps signing in through the hosted page while an attacker has the account locked for
 * everyone else. The page's own tests are test/browser.test.ts; this file only adds this path.
 */

const owner = { name: 'Olive Owner', username: 'olive', password: 'correct horse battery staple' };
const browserTest = useBrowserTest({ env: () => ({ LOGIN_ACCOUNT_MAX_FAILURES: '3' }), stepTimeoutMs: 5000 });

const withPage = async (browser: Browser): Promise<{ browser: Browser; page: Page }> => ({
  browser,
  page: await browser.context.newPage(),
});

const heading = (on: Page, name: string) => on.getByRole('heading', { level: 1, name, exact: true });

const signInThroughPage = (on: Page) => signIn(on, browserTest.appOrigin, owner);

describe('device cookie in the browser', () => {
  it("keeps the owner's browser signing in while the account is locked for other browsers", async () => {
    const { testApp, contract } = browserTest;
    await request(testApp.app).post('/register').send(owner).expect(201);

    // The owner signs in once on their laptop: the browser keeps a device cookie, out of script's reach.
    const laptop = await withPage(browserTest.browser);
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
    const stranger = await withPage(await browserTest.launchAnother());
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
