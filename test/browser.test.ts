import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildTestApp, ManualClock, type TestApp } from './support/app';
import {
  axeViolations,
  type Browser,
  contractCheckedListener,
  type Listening,
  launchChromium,
  listen,
  pressTabUntil,
  SCREEN_SIZES,
  saveScreenshot,
  useBrowserTest,
} from './support/browser';

/**
 * The hosted pages as a person uses them, in Debian's Chromium, against the real app on a real socket.
 * The app runs with its default cookie settings (Secure included): Chromium treats http://127.0.0.1
 * as a secure context, so it keeps and sends Secure cookies there, as it would over HTTPS.
 */

/** API Gateway strips a stage prefix before the app sees the path; the app server here does the same. */
const STAGE = '/prod';

/** The app's clock: moving it on expires access tokens without waiting (the browser's cookies keep real time). */
const clock = new ManualClock();
let attackerServer: Listening;
/** Stands in for an app on another origin that sends people to sign in (ALLOWED_ORIGINS lists it). */
let returnServer: Listening;
let page: Page;
/** A second origin that is a different site: `localhost` vs `127.0.0.1`. */
let attackerOrigin: string;
let returnOrigin: string;

interface SeenRequest {
  method: string;
  path: string;
  sentAuthCookie: boolean;
  fetchSite: string | undefined;
  status?: number;
}
const seen: SeenRequest[] = [];
/** Console errors and page errors, with the page's URL at the time. */
const consoleErrors: string[] = [];

const user = { name: 'Alice Liddell', username: 'alice', password: 'correct horse battery staple' };
const newPassword = 'a brand new passphrase';
const DESKTOP_USER_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
/** The second device: another browser, which signs in as the same user. */
const PHONE_USER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

function record(req: IncomingMessage, res: ServerResponse): void {
  const request: SeenRequest = {
    method: req.method ?? '',
    path: req.url ?? '',
    sentAuthCookie: /(^|;\s*)auth_token=/.test(req.headers.cookie ?? ''),
    fetchSite: req.headers['sec-fetch-site'] as string | undefined,
  };
  seen.push(request);
  res.on('finish', () => {
    request.status = res.statusCode;
  });
}

const attackerPage = (target: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Another site</title></head><body>
<form id="logout" method="post" action="${target}/logout"><button>Log out</button></form>
<form id="verify" method="post" action="${target}/verify"><button>Verify</button></form>
</body></html>`;

function watchConsole(on: Page, label: string): void {
  on.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${label} console: ${message.text()} (${on.url()})`);
  });
  on.on('pageerror', (error) => consoleErrors.push(`${label} page error: ${error.message} (${on.url()})`));
}

const browserTest = useBrowserTest({
  clock,
  // The app must list the return origin (ALLOWED_ORIGINS), so that server comes first.
  env: async () => {
    returnServer = await listen((req, res) => {
      if (req.url === '/logo.svg') {
        res.setHeader('content-type', 'image/svg+xml');
        res.end(
          '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><rect width="64" height="32" rx="6" fill="#fc0"/></svg>',
        );
        return;
      }
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Back in the app</title></head><body><h1>Back in the app</h1><p>${req.url}</p></body></html>`,
      );
    });
    returnOrigin = `http://localhost:${returnServer.port}`;
    return { ALLOWED_ORIGINS: returnOrigin };
  },
  stagePrefix: STAGE,
  observe: record,
  userAgent: DESKTOP_USER_AGENT,
  stepTimeoutMs: 5000,
  whenStarted: async ({ appOrigin, browser }) => {
    attackerServer = await listen((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(attackerPage(appOrigin));
    });
    attackerOrigin = `http://localhost:${attackerServer.port}`;
    page = await browser.context.newPage();
    watchConsole(page, 'desktop');
  },
});

after(async () => {
  await attackerServer?.close();
  await returnServer?.close();
});

const heading = (name: string, on: Page = page) => on.getByRole('heading', { level: 1, name, exact: true });
const notice = (on: Page = page) => on.getByRole('status');
const sessionList = (on: Page = page) => on.getByRole('list', { name: 'Where you are signed in' });
const form = (name: string, on: Page = page) => on.getByRole('form', { name });

async function signIn(on: Page, password: string, username = user.username): Promise<void> {
  const signInForm = form('Sign in', on);
  await signInForm.getByLabel('Username', { exact: true }).fill(username);
  await signInForm.getByLabel('Password', { exact: true }).fill(password);
  await signInForm.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits until the page lists exactly `count` sessions. */
async function expectSessions(count: number, on: Page = page): Promise<void> {
  await sessionList(on)
    .getByRole('listitem')
    .nth(count - 1)
    .waitFor();
  await sessionList(on).getByRole('listitem').nth(count).waitFor({ state: 'detached' });
}

/** Chromium logs every 4xx fetch to the console; some flows expect them (a wrong password is a 401). */
const EXPECTED_4XX = /Failed to load resource: the server responded with a status of 4\d\d/;

/** Runs `load` and returns the console errors it caused, whatever they are. */
async function consoleErrorsDuring(load: () => Promise<void>): Promise<string[]> {
  const before = consoleErrors.length;
  await load();
  // Anything logged right after the view appeared (a late fetch) counts too.
  await page.waitForLoadState('networkidle');
  return consoleErrors.slice(before);
}

async function authCookie() {
  return (await browserTest.browser.context.cookies(browserTest.appOrigin)).find((cookie) => cookie.name === 'auth_token');
}

async function refreshCookie() {
  return (await browserTest.browser.context.cookies(`${browserTest.appOrigin}/refresh`)).find(
    (cookie) => cookie.name === 'refresh_token',
  );
}

describe('the hosted pages in Chromium', () => {
  it('loads signed out with a clean console, asking the API nothing but its configuration', async () => {
    const before = seen.length;
    const errors = await consoleErrorsDuring(async () => {
      await page.goto(`${browserTest.appOrigin}/`);
      await heading('Sign in').waitFor();
    });
    assert.deepEqual(errors, []);
    assert.equal(await page.title(), 'Sign in · serverless-auth');
    const requests = new Set(seen.slice(before).map((request) => `${request.method} ${request.path} ${request.status}`));
    assert.deepEqual([...requests].sort(), [
      'GET / 200',
      'GET /assets/app.css 200',
      'GET /assets/app.js 200',
      'GET /assets/favicon.svg 200',
      'GET /page-config.json 200',
      'GET /page-theme.css 200',
    ]);
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0, 'nothing for signed-in people is shown');
  });

  it('signs up with messages written for people, from the error codes, and the field marked', async () => {
    await page.getByRole('link', { name: 'Create an account' }).click();
    await heading('Create your account').waitFor();
    assert.equal(new URL(page.url()).hash, '#sign-up');
    assert.equal(
      await page.evaluate('document.activeElement?.textContent'),
      'Create your account',
      'focus moves to the new view',
    );
    const signUp = form('Create your account');
    await signUp.getByLabel('Your name').fill(user.name);
    await signUp.getByLabel('Username').fill(user.username);
    await signUp.getByLabel('Password').fill('password123');
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await signUp.getByRole('alert').filter({ hasText: 'Choose a stronger password' }).waitFor();
    assert.equal(await signUp.getByLabel('Password').getAttribute('aria-invalid'), 'true');
    assert.doesNotMatch(
      (await signUp.getByRole('alert').textContent()) ?? '',
      /password:|too common|breached/,
      'not the API’s own text',
    );

    await signUp.getByLabel('Password').fill(user.password);
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await heading('Your account').waitFor();
    await page.getByText(`Signed in as ${user.username}`).waitFor();
    assert.equal(new URL(page.url()).hash, '#account');
  });

  it('signs out, then refuses a taken username and a wrong password in plain words', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await heading('Sign in').waitFor();
    await notice().filter({ hasText: 'You have signed out.' }).waitFor();
    assert.equal(await authCookie(), undefined);
    assert.equal(await refreshCookie(), undefined);

    await page.getByRole('link', { name: 'Create an account' }).click();
    const signUp = form('Create your account');
    await signUp.getByLabel('Your name').fill('Someone Else');
    await signUp.getByLabel('Username').fill(user.username.toUpperCase());
    await signUp.getByLabel('Password').fill('another fine passphrase');
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await signUp.getByRole('alert').filter({ hasText: 'That username is taken.' }).waitFor();

    await page.getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, 'not the password');
    await form('Sign in').getByRole('alert').filter({ hasText: 'That username and password do not match.' }).waitFor();
    assert.equal(await authCookie(), undefined);
  });

  it('signs in from the keyboard alone, with a visible focus; the cookie is HttpOnly and the page never holds the token', async () => {
    await page.goto(`${browserTest.appOrigin}/#sign-in`);
    await heading('Sign in').waitFor();
    await page.locator('body').focus();
    await pressTabUntil(page, '#sign-in-username');
    assert.notEqual(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle'), 'none', 'focus is visible');
    await page.keyboard.type(user.username);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement?.id'), 'sign-in-password');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Sign in');
    assert.notEqual(
      await page.evaluate('getComputedStyle(document.activeElement).outlineStyle'),
      'none',
      'focus is visible on buttons',
    );
    await page.keyboard.press('Enter');
    await heading('Your account').waitFor();
    await sessionList().getByRole('listitem').filter({ hasText: 'This device' }).waitFor();

    const cookie = await authCookie();
    assert.ok(cookie, 'the auth cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.secure, browserTest.testApp.config.cookieSecure);
    assert.equal(cookie.secure, true, 'the default configuration is tested');
    assert.ok(cookie.expires > Date.now() / 1000, 'a persistent cookie with Max-Age');

    // A string, because the test's TypeScript has no DOM types: it runs in the page.
    const visible = (await page.evaluate(
      '({ cookie: document.cookie, local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }) })',
    )) as { cookie: string; local: string; session: string };
    assert.doesNotMatch(visible.cookie, /auth_token/);
    for (const stored of [visible.local, visible.session]) assert.equal(stored.includes(cookie.value), false);
    assert.equal(await page.content().then((html) => html.includes(cookie.value)), false);
  });

  it('stays signed in across a reload with a clean console, also under an API Gateway stage prefix', async () => {
    const errors = await consoleErrorsDuring(async () => {
      await page.reload();
      await heading('Your account').waitFor();
      await expectSessions(1);
    });
    assert.deepEqual(errors, []);

    const before = seen.length;
    await page.goto(`${browserTest.appOrigin}${STAGE}/`);
    await heading('Your account').waitFor();
    await expectSessions(1);
    const paths = seen.slice(before).map((request) => request.path);
    for (const path of [
      `${STAGE}/`,
      `${STAGE}/assets/app.js`,
      `${STAGE}/assets/app.css`,
      `${STAGE}/page-config.json`,
      `${STAGE}/me`,
      `${STAGE}/sessions`,
    ]) {
      assert.ok(paths.includes(path), `${path} requested (saw ${paths.join(', ')})`);
    }
    await page.goto(`${browserTest.appOrigin}/`);
    await heading('Your account').waitFor();
  });

  it('refuses /logout and /verify from another site, by fetch and by form post, and the session survives', async () => {
    const before = seen.length;
    const attacker = await browserTest.browser.context.newPage();
    await attacker.goto(`${attackerOrigin}/`);

    // fetch, with the user's cookies if the browser would send them: simple requests, so no preflight stops them first.
    const fetchResults = await attacker.evaluate(async (target) => {
      const attempts: string[] = [];
      for (const path of ['/verify', '/logout']) {
        // Cross-Origin-Resource-Policy: same-origin makes the browser drop the answer: an opaque response or a network error.
        try {
          const opaque = await fetch(`${target}${path}`, { method: 'POST', mode: 'no-cors', credentials: 'include' });
          attempts.push(`${path} no-cors: ${opaque.type === 'opaque' ? 'unreadable' : opaque.type}`);
        } catch {
          attempts.push(`${path} no-cors: unreadable`);
        }
        try {
          const cors = await fetch(`${target}${path}`, { method: 'POST', credentials: 'include' });
          attempts.push(`${path} cors: readable ${cors.status}`);
        } catch {
          attempts.push(`${path} cors: unreadable`);
        }
      }
      return attempts;
    }, browserTest.appOrigin);
    assert.deepEqual(fetchResults, [
      '/verify no-cors: unreadable',
      '/verify cors: unreadable',
      '/logout no-cors: unreadable',
      '/logout cors: unreadable',
    ]);

    // Form posts: top-level navigations, the strongest case for a cookie to ride along.
    for (const target of ['logout', 'verify']) {
      await attacker.goto(`${attackerOrigin}/`);
      const [response] = await Promise.all([
        attacker.waitForResponse((candidate) => candidate.url() === `${browserTest.appOrigin}/${target}`),
        attacker.locator(`#${target} button`).click(),
      ]);
      const answer = response.status();
      assert.ok(answer >= 400, `cross-site form post to /${target} refused (got ${answer})`);
    }
    await attacker.close();

    const crossSite = seen.slice(before).filter((request) => request.fetchSite === 'cross-site');
    assert.equal(crossSite.filter((request) => request.method === 'POST').length, 6, 'every attempt reached the app');
    for (const request of crossSite) {
      assert.equal(request.sentAuthCookie, false, `SameSite=Lax kept the cookie off ${request.method} ${request.path}`);
      assert.ok((request.status ?? 0) >= 400, `${request.method} ${request.path} refused (got ${request.status})`);
    }

    // The session survived: the real page, with the real cookie, is still signed in.
    await page.reload();
    await heading('Your account').waitFor();
    assert.ok(await authCookie());
  });
});

describe('the account console in Chromium, with a second device', () => {
  let phone: Browser;
  let phonePage: Page;

  before(async () => {
    phone = await launchChromium({ userAgent: PHONE_USER_AGENT });
    phone.context.setDefaultTimeout(5000);
    phonePage = await phone.context.newPage();
    watchConsole(phonePage, 'phone');
    await phonePage.goto(`${browserTest.appOrigin}/`);
  });
  after(async () => {
    await phone?.close();
  });

  it('shows the profile, and both devices by name with relative times, this one marked', async () => {
    await signIn(phonePage, user.password);
    await heading('Your account', phonePage).waitFor();
    await page.reload();
    await expectSessions(2);

    const profile = page.getByRole('region', { name: 'Profile' });
    for (const text of [user.name, user.username, 'Member since']) await profile.getByText(text).first().waitFor();
    const current = sessionList().getByRole('listitem').filter({ hasText: 'This device' });
    assert.equal(await current.count(), 1, 'exactly one session is marked current');
    assert.match((await current.textContent()) ?? '', /^Chrome on macOS/);
    const other = sessionList().getByRole('listitem').filter({ hasText: 'Safari on iPhone' });
    assert.equal(await other.count(), 1);
    for (const item of [current, other]) {
      const text = (await item.textContent()) ?? '';
      assert.match(text, /Signed in just now · Last active just now · 127\.0\.0\.1/);
      assert.equal(await item.locator('time[datetime]').count(), 2, 'both times as <time>, the exact moment on hover');
      assert.doesNotMatch(text, /Mozilla\/5\.0/, 'no raw user-agent strings');
    }
    assert.equal(
      await current.getByRole('button').count(),
      0,
      'this device signs out with the Sign out button, not from the list',
    );
    // The phone's own page marks its own session as current.
    await sessionList(phonePage)
      .getByRole('listitem')
      .filter({ hasText: 'This device' })
      .filter({ hasText: 'Safari on iPhone' })
      .waitFor();
  });

  it('shows a client’s user agent as text, never as markup, and signs that session out too', async () => {
    const markup = '<img src="x" id="injected"> Evil/1.0';
    const login = await fetch(`${browserTest.appOrigin}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': markup },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    assert.equal(login.status, 200);
    await page.reload();
    await expectSessions(3);
    const evil = sessionList().getByRole('listitem').filter({ hasText: markup });
    assert.equal(await evil.count(), 1, 'an unknown client is named by its own user agent, as text');
    assert.equal(await page.locator('#injected').count(), 0, 'and never parsed as HTML');
    await evil.getByRole('button', { name: 'Sign out' }).click();
    await notice()
      .filter({ hasText: `Signed out of ${markup}.` })
      .waitFor();
    await expectSessions(2);
  });

  it('signs the other device out from the keyboard; that device shows signed out at its next load', async () => {
    await page.locator('body').focus();
    await pressTabUntil(page, '.session:not(.current) button');
    assert.equal(
      await page.evaluate("document.activeElement.closest('li').querySelector('.device').textContent"),
      'Safari on iPhone',
    );
    assert.notEqual(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle'), 'none', 'focus is visible');
    await page.keyboard.press('Enter');
    await notice().filter({ hasText: 'Signed out of Safari on iPhone.' }).waitFor();
    await expectSessions(1);

    const before = seen.length;
    await phonePage.reload();
    await heading('Sign in', phonePage).waitFor();
    // Its access token and then its refresh credential were both refused; then it knows, and asks no more.
    const phoneCalls = seen
      .slice(before)
      .filter((request) => request.path === '/me' || request.path === '/refresh')
      .map((request) => `${request.path} ${request.status}`);
    assert.deepEqual(phoneCalls, ['/me 401', '/refresh 401']);
    const again = seen.length;
    await phonePage.reload();
    await heading('Sign in', phonePage).waitFor();
    assert.deepEqual(
      seen.slice(again).filter((request) => request.method === 'POST' || request.path === '/me'),
      [],
    );
  });

  it('refreshes an expired access token before using it, with the refresh cookie script never sees', async () => {
    const cookie = await refreshCookie();
    assert.ok(cookie, 'the refresh cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/refresh');
    assert.equal(cookie.secure, true);
    assert.doesNotMatch(String(await page.evaluate('document.cookie')), /refresh_token|auth_token/);
    const oldAccess = (await authCookie())?.value;

    // Time passes for the page and the service alike: the page knows its token ran out and refreshes first.
    const later = (browserTest.testApp.config.jwt.ttlSeconds + browserTest.testApp.config.jwt.clockSkewSeconds + 60) * 1000;
    clock.advance(later);
    await page.clock.setSystemTime(Date.now() + later);
    const before = seen.length;
    const errors = await consoleErrorsDuring(async () => {
      await page.reload();
      await heading('Your account').waitFor();
      await expectSessions(1);
    });
    assert.deepEqual(errors, [], 'a signed-in load after the token expired is clean too');
    const calls = seen
      .slice(before)
      .filter((request) => request.method !== 'GET' || request.path === '/me' || request.path === '/sessions');
    assert.deepEqual(
      calls.map((request) => `${request.method} ${request.path} ${request.status}`),
      ['POST /refresh 200', 'GET /me 200', 'GET /sessions 200'],
    );
    const newAccess = (await authCookie())?.value;
    assert.ok(newAccess && newAccess !== oldAccess, 'a new access token cookie');
    assert.notEqual((await refreshCookie())?.value, cookie.value, 'the refresh credential was rotated');

    // Only the service's clock moves (the page thinks its token is fresh): refused once, refreshed, retried.
    clock.advance(later);
    const retried = seen.length;
    await page.reload();
    await expectSessions(1);
    const retriedCalls = seen
      .slice(retried)
      .filter((request) => request.method !== 'GET' || request.path === '/me' || request.path === '/sessions');
    assert.deepEqual(
      retriedCalls.map((request) => `${request.method} ${request.path} ${request.status}`),
      ['GET /me 401', 'POST /refresh 200', 'GET /me 200', 'GET /sessions 200'],
    );
    // From here on the page's clock agrees with the service's again.
    await page.clock.setSystemTime(clock.now());
  });

  it('changes the password: a wrong current one or a weak new one is explained; then only the new one signs in', async () => {
    await signIn(phonePage, user.password);
    await heading('Your account', phonePage).waitFor();
    await page.reload();
    await expectSessions(2);

    const passwordForm = form('Change password');
    await passwordForm.getByLabel('Current password').fill('not the password');
    await passwordForm.getByLabel('New password').fill(newPassword);
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await passwordForm.getByRole('alert').filter({ hasText: 'Your current password is not right.' }).waitFor();

    await passwordForm.getByLabel('Current password').fill(user.password);
    await passwordForm.getByLabel('New password').fill('short');
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await passwordForm.getByRole('alert').filter({ hasText: 'Choose a stronger new password' }).waitFor();

    await passwordForm.getByLabel('New password').fill(newPassword);
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await notice().filter({ hasText: 'Your password has been changed, and your other devices were signed out.' }).waitFor();
    await expectSessions(1);
    assert.equal(await form('Change password').getByLabel('Current password').inputValue(), '', 'the form is cleared');

    await phonePage.reload();
    await heading('Sign in', phonePage).waitFor();
    await signIn(phonePage, user.password);
    await form('Sign in', phonePage).getByRole('alert').filter({ hasText: 'That username and password do not match.' }).waitFor();
    await signIn(phonePage, newPassword);
    await heading('Your account', phonePage).waitFor();
  });

  it('signs out everywhere: every device is signed out', async () => {
    await page.reload();
    await expectSessions(2);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await notice().filter({ hasText: 'You have signed out everywhere (2 sessions ended).' }).waitFor();
    await heading('Sign in').waitFor();
    assert.equal(await authCookie(), undefined);
    assert.equal(await refreshCookie(), undefined);

    await phonePage.reload();
    await heading('Sign in', phonePage).waitFor();
  });
});

describe('returning to the app after sign-in (redirect_to)', () => {
  const withRedirect = (target: string) => `${browserTest.appOrigin}/?redirect_to=${encodeURIComponent(target)}#sign-in`;

  it('names the app, and returns to it after signing in', async () => {
    const target = `${returnOrigin}/after-sign-in?note=1`;
    await page.goto(withRedirect(target));
    await page.getByText(`Afterwards you will return to localhost:${returnServer.port}.`).waitFor();
    await signIn(page, newPassword);
    await page.waitForURL(target);
    await heading('Back in the app').waitFor();
  });

  it('returns at once when already signed in', async () => {
    const target = `${returnOrigin}/again`;
    await page.goto(withRedirect(target));
    await page.waitForURL(target);
  });

  for (const [trick, target] of [
    ['another origin', 'https://evil.example/'],
    ['a scheme-relative URL', '//evil.example/'],
    ['a backslash', '/\\evil.example'],
    ['a scheme without slashes', 'https:evil.example'],
    ['userinfo', `http://localhost:${0}@evil.example/`],
    ['userinfo before the allowed origin', `http://user:secret@localhost:${0}/`],
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['data:', 'data:text/html,<h1>Phished</h1>'],
  ] as const) {
    it(`refuses ${trick}: the person stays on the account page, told why`, async () => {
      const value = target.replace(':0', `:${returnServer.port}`);
      await page.goto(withRedirect(value));
      await heading('Your account').waitFor();
      await notice().filter({ hasText: 'it is not an address this service may send you to' }).waitFor();
      assert.equal(new URL(page.url()).origin, browserTest.appOrigin);
    });
  }

  it('refuses after a fresh sign-in too', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await heading('Sign in').waitFor();
    await page.goto(withRedirect('//evil.example/'));
    await heading('Sign in').waitFor();
    assert.equal(await page.getByText('Afterwards you will return to').count(), 0, 'no promise of a return that will not happen');
    await signIn(page, newPassword);
    await heading('Your account').waitFor();
    await notice().filter({ hasText: 'You were not sent on to “//evil.example/”' }).waitFor();
  });
});

describe('deleting the account in Chromium', () => {
  it('asks for the password and a confirmation, then deletes the account and signs out', async () => {
    await page.goto(`${browserTest.appOrigin}/#account`);
    const deleteForm = form('Delete account');
    await deleteForm.getByLabel('Your password').fill(newPassword);
    await deleteForm.getByRole('button', { name: 'Delete my account' }).click();
    await deleteForm.getByRole('alert').filter({ hasText: 'Tick the box to confirm' }).waitFor();
    await deleteForm.getByLabel('I understand that this cannot be undone').check();
    await deleteForm.getByLabel('Your password').fill('wrong password');
    await deleteForm.getByRole('button', { name: 'Delete my account' }).click();
    await deleteForm.getByRole('alert').filter({ hasText: 'Your current password is not right.' }).waitFor();
    await deleteForm.getByLabel('Your password').fill(newPassword);
    await deleteForm.getByRole('button', { name: 'Delete my account' }).click();
    await notice().filter({ hasText: 'Your account has been deleted.' }).waitFor();
    await heading('Sign in').waitFor();
    await signIn(page, newPassword);
    await form('Sign in').getByRole('alert').filter({ hasText: 'That username and password do not match.' }).waitFor();
  });
});

describe('every view, light and dark, desktop and phone', () => {
  const ada = { name: 'Ada Lovelace', username: 'ada', password: 'analytical engine 1843' };
  let phone: Browser;

  before(async () => {
    phone = await launchChromium({ userAgent: PHONE_USER_AGENT });
    const phonePage = await phone.context.newPage();
    await phonePage.goto(`${browserTest.appOrigin}/#sign-up`);
    const signUp = form('Create your account', phonePage);
    await signUp.getByLabel('Your name').fill(ada.name);
    await signUp.getByLabel('Username').fill(ada.username);
    await signUp.getByLabel('Password').fill(ada.password);
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await heading('Your account', phonePage).waitFor();
  });
  after(async () => {
    await phone?.close();
  });

  /** Each view, reached as a person would, ready to be looked at. */
  const VIEWS: { name: string; show(): Promise<void> }[] = [
    {
      name: 'sign-in',
      async show() {
        await page.goto(`${browserTest.appOrigin}/?redirect_to=${encodeURIComponent(`${returnOrigin}/`)}#sign-in`);
        await heading('Sign in').waitFor();
      },
    },
    {
      name: 'sign-in-error',
      async show() {
        await page.goto(`${browserTest.appOrigin}/#sign-in`);
        await signIn(page, 'not the password', ada.username);
        await form('Sign in').getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
      },
    },
    {
      name: 'sign-up',
      async show() {
        await page.goto(`${browserTest.appOrigin}/#sign-up`);
        await heading('Create your account').waitFor();
      },
    },
    {
      name: 'account',
      async show() {
        await page.goto(`${browserTest.appOrigin}/#sign-in`);
        if (await heading('Sign in').isVisible()) await signIn(page, ada.password, ada.username);
        await heading('Your account').waitFor();
        await expectSessions(2);
      },
    },
  ];

  for (const view of VIEWS) {
    it(`${view.name}: no axe-core violations and a screenshot in each colour scheme and size`, async () => {
      await view.show();
      for (const colorScheme of ['light', 'dark'] as const) {
        for (const [size, viewport] of Object.entries(SCREEN_SIZES)) {
          await page.emulateMedia({ colorScheme });
          await page.setViewportSize(viewport);
          assert.deepEqual(await axeViolations(page), [], `${view.name} ${colorScheme} ${size}`);
          const overflow = (await page.evaluate(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
          )) as number;
          assert.ok(overflow <= 0, `${view.name} ${colorScheme} ${size}: no sideways scrolling (${overflow}px too wide)`);
          await saveScreenshot(page, `${view.name}-${colorScheme}-${size}.png`);
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize(SCREEN_SIZES.desktop);
    });
  }
});

describe('branding from the configuration', () => {
  let branded: TestApp;
  let server: Listening;
  let brandedOrigin: string;
  const problems: string[] = [];

  before(async () => {
    branded = await buildTestApp(browserTest.testStore, {
      env: { BRAND_NAME: 'Acme Notes', BRAND_ACCENT_COLOR: '#FC0', BRAND_LOGO_URL: `${returnOrigin}/logo.svg` },
    });
    const checked = contractCheckedListener(branded.app);
    server = await listen(checked.listener);
    brandedOrigin = `http://127.0.0.1:${server.port}`;
    problems.push(...checked.problems);
  });
  after(async () => {
    await server?.close();
  });

  it('shows the name, the logo (allowed by the page’s policy) and the accent colour, with readable text on it', async () => {
    const brandedPage = await browserTest.browser.context.newPage();
    const errors: string[] = [];
    brandedPage.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await brandedPage.goto(`${brandedOrigin}/`);
    await heading('Sign in', brandedPage).waitFor();
    assert.equal(await brandedPage.title(), 'Sign in · Acme Notes');
    await brandedPage.locator('header').getByText('Acme Notes').waitFor();
    await brandedPage.getByText('Use your Acme Notes account.').waitFor();
    // The logo comes from another origin, which the page's policy allows for it alone: it loads.
    assert.equal(await brandedPage.locator('#brand-logo').getAttribute('src'), `${returnOrigin}/logo.svg`);
    await brandedPage.waitForFunction("document.getElementById('brand-logo').naturalWidth > 0");
    const colours = await brandedPage.evaluate(
      "(() => { const style = getComputedStyle(document.querySelector('button.primary')); return [style.backgroundColor, style.color]; })()",
    );
    assert.deepEqual(colours, ['rgb(255, 204, 0)', 'rgb(17, 17, 17)'], 'a light accent gets dark text');
    assert.deepEqual(await axeViolations(brandedPage), []);
    assert.deepEqual(
      errors.filter((error) => /Content Security Policy/.test(error)),
      [],
    );
    await brandedPage.close();
    assert.deepEqual(problems, []);
  });
});

describe('the API docs in Chromium', () => {
  it('renders the API docs from the npm package under the same strict policy', async () => {
    const docs = await browserTest.browser.context.newPage();
    const docsProblems: string[] = [];
    docs.on('console', (message) => {
      if (message.type() === 'error') docsProblems.push(message.text());
    });
    docs.on('pageerror', (error) => docsProblems.push(error.message));
    await docs.goto(`${browserTest.appOrigin}${STAGE}/docs`);
    assert.equal(new URL(docs.url()).pathname, `${STAGE}/docs/`, 'the relative redirect keeps the stage prefix');
    await docs.locator('.swagger-ui .info .title').filter({ hasText: 'serverless-auth' }).waitFor();
    for (const path of ['/register', '/login', '/verify', '/logout']) {
      await docs
        .locator('.opblock-summary-path')
        .filter({ hasText: new RegExp(`^${path}$`) })
        .first()
        .waitFor();
    }
    // "Try it out" calls the API relative to the document, so under the stage prefix too.
    const before = seen.length;
    const verify = docs.locator('#operations-Auth-post_verify');
    await verify.locator('.opblock-summary').click();
    await verify.getByRole('button', { name: 'Try it out' }).click();
    await verify.getByRole('button', { name: 'Execute' }).click();
    await verify.locator('.live-responses-table .response-col_status').filter({ hasText: '401' }).first().waitFor();
    assert.ok(seen.slice(before).some((request) => request.method === 'POST' && request.path === `${STAGE}/verify`));
    await docs.close();
    assert.deepEqual(
      docsProblems.filter((problem) => !EXPECTED_4XX.test(problem)),
      [],
    );
  });
});

describe('the whole browser run', () => {
  it('kept every response within the OpenAPI document, with no script or policy errors', async () => {
    assert.deepEqual(browserTest.contract.problems, []);
    assert.ok(browserTest.contract.checked() > 20, `checked ${browserTest.contract.checked()} responses`);
    assert.deepEqual(
      consoleErrors.filter((problem) => !EXPECTED_4XX.test(problem)),
      [],
    );
    assert.equal(seen.filter((request) => request.status === 404).length, 0, 'no missing file (a favicon, say) anywhere');
  });
});
