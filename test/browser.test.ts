import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildTestApp, ManualClock, type TestApp } from './support/app';
import { contractCheckedListener, launchChromium, listen, type Browser, type Listening } from './support/browser';
import { useTestStore } from './support/store';

/**
 * The page as a person uses it, in Debian's Chromium, against the real app on a real socket.
 * The app runs with its default cookie settings (Secure included): Chromium treats http://127.0.0.1
 * as a secure context, so it keeps and sends Secure cookies there, as it would over HTTPS.
 */

/** API Gateway strips a stage prefix before the app sees the path; the app server here does the same. */
const STAGE = '/prod';

const testStore = useTestStore();
let testApp: TestApp;
/** The app's clock: moving it on expires access tokens without waiting (the browser's cookies keep real time). */
const clock = new ManualClock();
let appServer: Listening;
let attackerServer: Listening;
let browser: Browser;
let contract: ReturnType<typeof contractCheckedListener>;
let page: Page;
let appOrigin: string;
/** A second origin that is a different site: `localhost` vs `127.0.0.1`. */
let attackerOrigin: string;

interface SeenRequest {
  method: string;
  path: string;
  sentAuthCookie: boolean;
  fetchSite: string | undefined;
  status?: number;
}
const seen: SeenRequest[] = [];
const pageProblems: string[] = [];

const user = { name: 'Alice Liddell', username: 'alice', password: 'correct horse battery staple' };
const newPassword = 'a brand new passphrase';
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

before(async () => {
  testApp = await buildTestApp(testStore, { clock });
  contract = contractCheckedListener(testApp.app, STAGE);
  appServer = await listen((req, res) => {
    record(req, res);
    contract.listener(req, res);
  });
  appOrigin = `http://127.0.0.1:${appServer.port}`;
  attackerServer = await listen((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(attackerPage(appOrigin));
  });
  attackerOrigin = `http://localhost:${attackerServer.port}`;

  browser = await launchChromium();
  // Short waits: a step that does not happen within seconds is a failure, not slowness.
  browser.context.setDefaultTimeout(5000);
  page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
});

after(async () => {
  await browser?.close();
  await attackerServer?.close();
  await appServer?.close();
});

const status = (on: Page = page) => on.getByRole('status');
const sessionList = () => page.getByRole('list', { name: 'Where you are signed in' });

async function signIn(on: Page, password: string): Promise<void> {
  const form = on.getByRole('region', { name: 'Sign in' });
  await form.getByLabel('Username', { exact: true }).fill(user.username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits until the page lists exactly `count` sessions. */
async function expectSessions(count: number): Promise<void> {
  await sessionList().getByRole('listitem').nth(count - 1).waitFor();
  await sessionList().getByRole('listitem').nth(count).waitFor({ state: 'detached' });
}

/** Chromium logs every 4xx fetch to the console; the page expects some (a 401 from /verify means signed out). */
const EXPECTED_4XX = /Failed to load resource: the server responded with a status of 4\d\d/;

async function authCookie() {
  return (await browser.context.cookies(appOrigin)).find((cookie) => cookie.name === 'auth_token');
}

async function refreshCookie() {
  return (await browser.context.cookies(`${appOrigin}/refresh`)).find((cookie) => cookie.name === 'refresh_token');
}

describe('the sign-in page in Chromium', () => {
  it('says who is signed in on load (nobody yet)', async () => {
    await page.goto(`${appOrigin}/`);
    await status().filter({ hasText: 'Not signed in.' }).waitFor();
    assert.equal(await page.title(), 'serverless-auth');
  });

  it('signs up, and shows the API’s own error messages', async () => {
    const signUp = page.getByRole('region', { name: 'Sign up' });
    await signUp.getByLabel('Name', { exact: true }).fill(user.name);
    await signUp.getByLabel('Username', { exact: true }).fill(user.username);
    await signUp.getByLabel('Password', { exact: true }).fill('short');
    await signUp.getByRole('button', { name: 'Sign up' }).click();
    await signUp.getByRole('alert').filter({ hasText: 'password: must be at least 8 characters' }).waitFor();

    await signUp.getByLabel('Password', { exact: true }).fill(user.password);
    await signUp.getByRole('button', { name: 'Sign up' }).click();
    await status().filter({ hasText: `Account ${user.username} created. You can sign in now.` }).waitFor();
    assert.equal(await signUp.getByRole('alert').textContent(), '');

    await signUp.getByLabel('Name', { exact: true }).fill('Someone Else');
    await signUp.getByLabel('Username', { exact: true }).fill(user.username.toUpperCase());
    await signUp.getByLabel('Password', { exact: true }).fill(user.password);
    await signUp.getByRole('button', { name: 'Sign up' }).click();
    await signUp.getByRole('alert').filter({ hasText: 'User already exists' }).waitFor();
  });

  it('refuses a wrong password with the API’s message', async () => {
    const signIn = page.getByRole('region', { name: 'Sign in' });
    await signIn.getByLabel('Username', { exact: true }).fill(user.username);
    await signIn.getByLabel('Password', { exact: true }).fill('not the password');
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await signIn.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
    assert.equal(await authCookie(), undefined);
  });

  it('signs in; the cookie is HttpOnly, SameSite=Lax, Path=/, Secure, and the page never holds the token', async () => {
    const signIn = page.getByRole('region', { name: 'Sign in' });
    await signIn.getByLabel('Username', { exact: true }).fill(user.username);
    await signIn.getByLabel('Password', { exact: true }).fill(user.password);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await status().filter({ hasText: `Signed in as ${user.username}.` }).waitFor();
    assert.equal(await page.locator('#signin-error').textContent(), '');
    assert.equal(await signIn.isVisible(), false, 'signed in, the page shows the session list instead of the sign-in form');
    await sessionList().getByRole('listitem').filter({ hasText: 'This session' }).waitFor();

    const cookie = await authCookie();
    assert.ok(cookie, 'the auth cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.secure, testApp.config.cookieSecure);
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

  it('stays signed in across a reload, and says so', async () => {
    await page.reload();
    await status().filter({ hasText: `Signed in as ${user.username}.` }).waitFor();
    await page.getByRole('button', { name: 'Who am I?' }).click();
    await status().filter({ hasText: `Signed in as ${user.username}.` }).waitFor();
  });

  it('works under an API Gateway stage prefix (every URL is relative)', async () => {
    const before = seen.length;
    await page.goto(`${appOrigin}${STAGE}/`);
    await status().filter({ hasText: `Signed in as ${user.username}.` }).waitFor();
    const paths = seen.slice(before).map((request) => request.path);
    for (const path of [`${STAGE}/`, `${STAGE}/assets/app.js`, `${STAGE}/assets/app.css`, `${STAGE}/verify`]) {
      assert.ok(paths.includes(path), `${path} requested (saw ${paths.join(', ')})`);
    }
    await page.goto(`${appOrigin}/`);
    await status().filter({ hasText: `Signed in as ${user.username}.` }).waitFor();
  });

  it('refuses /logout and /verify from another site, by fetch and by form post, and the session survives', async () => {
    const before = seen.length;
    const attacker = await browser.context.newPage();
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
    }, appOrigin);
    assert.deepEqual(fetchResults, ['/verify no-cors: unreadable', '/verify cors: unreadable', '/logout no-cors: unreadable', '/logout cors: unreadable']);

    // Form posts: top-level navigations, the strongest case for a cookie to ride along.
    for (const form of ['logout', 'verify']) {
      await attacker.goto(`${attackerOrigin}/`);
      const [response] = await Promise.all([
        attacker.waitForResponse((candidate) => candidate.url() === `${appOrigin}/${form}`),
        attacker.locator(`#${form} button`).click(),
      ]);
      const answer = response.status();
      assert.ok(answer >= 400, `cross-site form post to /${form} refused (got ${answer})`);
    }
    await attacker.close();

    const crossSite = seen.slice(before).filter((request) => request.fetchSite === 'cross-site');
    assert.equal(crossSite.filter((request) => request.method === 'POST').length, 6, 'every attempt reached the app');
    for (const request of crossSite) {
      assert.equal(request.sentAuthCookie, false, `SameSite=Lax kept the cookie off ${request.method} ${request.path}`);
    }
    // Refused, not merely unreadable: today a 401 (no cookie came); with an Origin check, a 403.
    for (const request of crossSite) {
      assert.ok((request.status ?? 0) >= 400, `${request.method} ${request.path} refused (got ${request.status})`);
    }

    // The session survived: the real page, with the real cookie, is still signed in.
    await page.reload();
    await status().filter({ hasText: `Signed in as ${user.username}.` }).waitFor();
    assert.ok(await authCookie());
  });

  it('signs out, and stays signed out after a reload', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await status().filter({ hasText: 'Signed out.' }).waitFor();
    assert.equal(await authCookie(), undefined, 'the cookie is cleared');
    assert.equal(await refreshCookie(), undefined, 'the refresh cookie is cleared');
    assert.equal(await sessionList().isVisible(), false, 'no session list when signed out');
    await page.reload();
    await status().filter({ hasText: 'Not signed in.' }).waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await status().filter({ hasText: 'Not signed in.' }).waitFor();
  });
});

describe('sessions and the password in Chromium, with a second device', () => {
  let phone: Browser;
  let phonePage: Page;

  before(async () => {
    phone = await launchChromium({ userAgent: PHONE_USER_AGENT });
    phone.context.setDefaultTimeout(5000);
    phonePage = await phone.context.newPage();
    phonePage.on('pageerror', (error) => pageProblems.push(`phone page error: ${error.message}`));
    await phonePage.goto(`${appOrigin}/`);
  });
  after(async () => {
    await phone?.close();
  });

  it('lists both devices’ sessions, with this one marked current', async () => {
    await signIn(page, user.password);
    await status().filter({ hasText: `Signed in as ${user.username}.` }).waitFor();
    await signIn(phonePage, user.password);
    await status(phonePage).filter({ hasText: `Signed in as ${user.username}.` }).waitFor();

    await page.getByRole('button', { name: 'Refresh list' }).click();
    await expectSessions(2);
    const current = sessionList().getByRole('listitem').filter({ hasText: 'This session' });
    assert.equal(await current.count(), 1, 'exactly one session is marked current');
    assert.match((await current.textContent()) ?? '', /HeadlessChrome/);
    const other = sessionList().getByRole('listitem').filter({ hasText: PHONE_USER_AGENT });
    assert.equal(await other.count(), 1);
    assert.doesNotMatch((await other.textContent()) ?? '', /This session/);
    for (const item of [current, other]) {
      const text = (await item.textContent()) ?? '';
      for (const label of ['Signed in', 'Last used', 'IP address', '127.0.0.1']) assert.ok(text.includes(label), `${label} in ${text}`);
      assert.equal(await item.locator('time').count(), 2, 'created and last used, as <time> elements');
    }
    // The phone's own page marks its own session as current.
    await phonePage.getByRole('list', { name: 'Where you are signed in' }).getByRole('listitem').filter({ hasText: 'This session' }).filter({ hasText: PHONE_USER_AGENT }).waitFor();

    await mkdir('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/signed-in.png', fullPage: true });
  });

  it('shows a client’s user agent as text, never as markup, and revokes that session too', async () => {
    const markup = '<img src="x" id="injected"> Evil/1.0';
    const login = await fetch(`${appOrigin}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': markup },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    assert.equal(login.status, 200);
    await page.getByRole('button', { name: 'Refresh list' }).click();
    await expectSessions(3);
    const evil = sessionList().getByRole('listitem').filter({ hasText: markup });
    assert.equal(await evil.count(), 1, 'the user agent is shown verbatim');
    assert.equal(await page.locator('#injected').count(), 0, 'and never parsed as HTML');
    await evil.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expectSessions(2);
  });

  it('revokes the other session; that device shows signed out at its next load', async () => {
    const other = sessionList().getByRole('listitem').filter({ hasText: PHONE_USER_AGENT });
    await other.getByRole('button', { name: 'Revoke', exact: true }).click();
    await status().filter({ hasText: `Session revoked. Signed in as ${user.username}.` }).waitFor();
    await expectSessions(1);

    const before = seen.length;
    await phonePage.reload();
    await status(phonePage).filter({ hasText: 'Not signed in.' }).waitFor();
    // Its access token and then its refresh credential were both refused.
    const phoneCalls = seen.slice(before).filter((request) => request.method === 'POST').map((request) => `${request.path} ${request.status}`);
    assert.deepEqual(phoneCalls, ['/verify 401', '/refresh 401']);
  });

  it('refreshes an expired access token with the refresh cookie, which script never sees', async () => {
    const cookie = await refreshCookie();
    assert.ok(cookie, 'the refresh cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/refresh');
    assert.equal(cookie.secure, true);
    assert.doesNotMatch(String(await page.evaluate('document.cookie')), /refresh_token|auth_token/);
    const oldAccess = (await authCookie())?.value;

    clock.advance((testApp.config.jwt.ttlSeconds + testApp.config.jwt.clockSkewSeconds + 60) * 1000);
    const before = seen.length;
    await page.reload();
    await status().filter({ hasText: `Signed in as ${user.username}.` }).waitFor();
    await expectSessions(1);
    const calls = seen.slice(before).filter((request) => request.method !== 'GET' || request.path === '/sessions');
    assert.deepEqual(
      calls.map((request) => `${request.method} ${request.path} ${request.status}`),
      ['POST /verify 401', 'POST /refresh 200', 'POST /verify 200', 'GET /sessions 200'],
    );
    const newAccess = (await authCookie())?.value;
    assert.ok(newAccess && newAccess !== oldAccess, 'a new access token cookie');
    assert.notEqual((await refreshCookie())?.value, cookie.value, 'the refresh credential was rotated');
  });

  it('changes the password: the other session is revoked and only the new password signs in', async () => {
    await signIn(phonePage, user.password);
    await status(phonePage).filter({ hasText: `Signed in as ${user.username}.` }).waitFor();
    await page.getByRole('button', { name: 'Refresh list' }).click();
    await expectSessions(2);

    const form = page.getByRole('region', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not the password');
    await form.getByLabel('New password').fill(newPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('alert').filter({ hasText: 'Current password is wrong' }).waitFor();

    await form.getByLabel('Current password').fill(user.password);
    await form.getByLabel('New password').fill('short');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('alert').filter({ hasText: 'newPassword: must be at least 8 characters' }).waitFor();

    await form.getByLabel('New password').fill(newPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    await status().filter({ hasText: 'Password changed; every other session was signed out.' }).waitFor();
    assert.equal(await form.getByRole('alert').textContent(), '');
    assert.equal(await form.getByLabel('Current password').inputValue(), '', 'the form is cleared');
    await expectSessions(1);
    assert.equal(await sessionList().getByRole('listitem').filter({ hasText: 'This session' }).count(), 1, 'this session was kept');

    await phonePage.reload();
    await status(phonePage).filter({ hasText: 'Not signed in.' }).waitFor();
    await signIn(phonePage, user.password);
    await phonePage.getByRole('region', { name: 'Sign in' }).getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
    await signIn(phonePage, newPassword);
    await status(phonePage).filter({ hasText: `Signed in as ${user.username}.` }).waitFor();
  });

  it('signs out everywhere: every device is signed out', async () => {
    await page.getByRole('button', { name: 'Refresh list' }).click();
    await expectSessions(2);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await status().filter({ hasText: 'Signed out everywhere (2 sessions ended).' }).waitFor();
    assert.equal(await authCookie(), undefined);
    assert.equal(await refreshCookie(), undefined);
    assert.equal(await sessionList().isVisible(), false);

    await phonePage.reload();
    await status(phonePage).filter({ hasText: 'Not signed in.' }).waitFor();
    await page.reload();
    await status().filter({ hasText: 'Not signed in.' }).waitFor();
  });
});

describe('the API docs in Chromium', () => {

  it('renders the API docs from the npm package under the same strict policy', async () => {
    const docs = await browser.context.newPage();
    const docsProblems: string[] = [];
    docs.on('console', (message) => {
      if (message.type() === 'error') docsProblems.push(message.text());
    });
    docs.on('pageerror', (error) => docsProblems.push(error.message));
    await docs.goto(`${appOrigin}${STAGE}/docs`);
    assert.equal(new URL(docs.url()).pathname, `${STAGE}/docs/`, 'the relative redirect keeps the stage prefix');
    await docs.locator('.swagger-ui .info .title').filter({ hasText: 'serverless-auth' }).waitFor();
    for (const path of ['/register', '/login', '/verify', '/logout']) {
      await docs.locator('.opblock-summary-path').filter({ hasText: new RegExp(`^${path}$`) }).first().waitFor();
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
    assert.deepEqual(docsProblems.filter((problem) => !EXPECTED_4XX.test(problem)), []);
  });

});

describe('the whole browser run', () => {
  it('kept every response within the OpenAPI document, with no script or policy errors', async () => {
    assert.deepEqual(contract.problems, []);
    assert.ok(contract.checked() > 20, `checked ${contract.checked()} responses`);
    assert.deepEqual(pageProblems.filter((problem) => !EXPECTED_4XX.test(problem)), []);
  });
});
