import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { ManualClock } from './support/app';
import { signInThroughPage, useBrowserTest } from './support/browser';

/**
 * Two tabs refreshing at once (issue 13), in Debian's Chromium: both tabs open the hosted page after
 * the access token has run out, so both refresh with the same refresh cookie at the same moment.
 * Within the grace window both get the same successor credentials: both stay signed in, and the
 * session lives on. (Without it, the second refresh would read as reuse and revoke the session.)
 *
 * The page's client already queues refreshes across tabs with the Web Locks API; here the tabs run
 * without it, as in a browser that lacks it or with a client that does not queue, so the two refreshes
 * really meet at the server.
 */

const user = { name: 'Tabby', username: 'tabby', password: 'correct horse battery staple' };
const TOKEN_TTL_SECONDS = 3600;
/** The app's clock starts two hours back, so the page's first access token has already run out by the browser's clock. */
const clock = new ManualClock(Date.now() - 2 * TOKEN_TTL_SECONDS * 1000);
const refreshStatuses: number[] = [];

const browserTest = useBrowserTest({
  clock,
  stepTimeoutMs: 5000,
  observe: (req, res) => {
    if (req.url === '/refresh') res.on('finish', () => refreshStatuses.push(res.statusCode));
  },
});

const heading = (on: Page, name: string) => on.getByRole('heading', { level: 1, name, exact: true });

describe('two tabs refreshing at once', () => {
  it('both stay signed in on one session', async () => {
    const { testStore, testApp, appOrigin, browser, contract } = browserTest;
    await request(testApp.app).post('/register').send(user).expect(201);
    const first = await browser.context.newPage();
    await signInThroughPage(first, appOrigin, user);
    await heading(first, 'Your account').waitFor();
    await first.close();

    // Back to the real time: the access token from the sign-in expired an hour ago; the session did not.
    clock.advance(2 * TOKEN_TTL_SECONDS * 1000);
    refreshStatuses.length = 0;
    await browser.context.addInitScript('Object.defineProperty(navigator, "locks", { value: undefined, configurable: true })');
    // Hold each tab's refresh until both have been sent, so they reach the server together, with the same cookie.
    const held: (() => Promise<void>)[] = [];
    await browser.context.route('**/refresh', async (route) => {
      held.push(() => route.continue());
      if (held.length === 2) await Promise.all(held.map((release) => release()));
    });
    const tabs = await Promise.all([browser.context.newPage(), browser.context.newPage()]);
    await Promise.all(tabs.map((tab) => tab.goto(`${appOrigin}/#account`)));
    await Promise.all(tabs.map((tab) => heading(tab, 'Your account').waitFor()));
    await browser.context.unrouteAll();

    assert.equal(refreshStatuses.length, 2, 'each tab refreshed');
    assert.deepEqual(refreshStatuses, [200, 200]);
    const sessions = (await testStore.scan(testApp.tableName)).filter((item) => item.type === 'session');
    assert.equal(sessions.length, 1, 'one session, not revoked');
    // The session goes on: a third tab opens signed in, without another refresh.
    const third = await browser.context.newPage();
    await third.goto(`${appOrigin}/#account`);
    await heading(third, 'Your account').waitFor();
    assert.deepEqual(contract.problems, []);
  });
});
