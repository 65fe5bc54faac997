import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildTestApp, type TestApp } from './support/app';
import { contractCheckedListener, launchChromium, listen, type Browser, type Listening } from './support/browser';
import { startTestStore, type TestStore } from './support/store';

/**
 * The page as a person uses it, in Debian's Chromium, against the real app on a real socket.
 * The app runs with its default cookie settings (Secure included): Chromium treats http://127.0.0.1
 * as a secure context, so it keeps and sends Secure cookies there, as it would over HTTPS.
 */

/** API Gateway strips a stage prefix before the app sees the path; the app server here does the same. */
const STAGE = '/prod';

let testStore: TestStore;
let testApp: TestApp;
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
  testStore = await startTestStore();
  testApp = await buildTestApp(testStore);
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
  await testStore?.close();
});

const status = () => page.getByRole('status');

/** Chromium logs every 4xx fetch to the console; the page expects some (a 401 from /verify means signed out). */
const EXPECTED_4XX = /Failed to load resource: the server responded with a status of 4\d\d/;

async function authCookie() {
  return (await browser.context.cookies(appOrigin)).find((cookie) => cookie.name === 'auth_token');
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
    assert.equal(await signIn.getByRole('alert').textContent(), '');

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
    await mkdir('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/signed-in.png', fullPage: true });
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
    await page.getByRole('button', { name: 'Sign out' }).click();
    await status().filter({ hasText: 'Signed out.' }).waitFor();
    assert.equal(await authCookie(), undefined, 'the cookie is cleared');
    await page.reload();
    await status().filter({ hasText: 'Not signed in.' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await status().filter({ hasText: 'Not signed in.' }).waitFor();
  });

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

  it('kept every response within the OpenAPI document, with no script or policy errors', async () => {
    assert.deepEqual(contract.problems, []);
    assert.ok(contract.checked() > 20, `checked ${contract.checked()} responses`);
    assert.deepEqual(pageProblems.filter((problem) => !EXPECTED_4XX.test(problem)), []);
  });
});
