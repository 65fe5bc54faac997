import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { Clock } from '../../src/clock';
import { buildTestApp, type TestApp } from './app';
import { contractProblems } from './contract';
import { type TestStore, useTestStore } from './store';

/** Debian's Chromium, installed by scripts/setup-chromium.sh; never a browser download. */
export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A headless Chromium with a fresh profile (so no cookie or cache survives from another run). Each
 * call is a separate browser, like a second device; `userAgent` tells them apart in a session list.
 */
export async function launchChromium(options: { userAgent?: string; args?: string[] } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run scripts/setup-chromium.sh (apt-get install chromium)`);
  }
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'auth-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    viewport: { width: 900, height: 1100 },
    ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface Listening {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** Serves a request listener over a real socket on 127.0.0.1. */
export async function listen(listener: RequestListener): Promise<Listening> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    server,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Wraps the app's request listener so that every response it sends to the browser is checked against
 * the OpenAPI document, as the preloaded hook does for supertest. Checked at the socket, not in the
 * browser, so cached (304) and cross-site (opaque) answers are seen exactly as sent.
 */
export function contractCheckedListener(
  listener: RequestListener,
  /** A path prefix stripped before the app sees the path, as API Gateway does with a stage name. */
  stagePrefix = '',
): { listener: RequestListener; problems: string[]; checked: () => number } {
  const problems: string[] = [];
  let checked = 0;
  const checkedListener: RequestListener = (req, res) => {
    if (stagePrefix !== '' && req.url?.startsWith(`${stagePrefix}/`)) req.url = req.url.slice(stagePrefix.length);
    const method = req.method ?? '';
    const path = new URL(req.url ?? '/', 'http://app').pathname;
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : Buffer.from(chunk as Uint8Array),
      );
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return write(...args);
    }) as ServerResponse['write'];
    res.end = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return end(...args);
    }) as ServerResponse['end'];
    res.on('finish', () => {
      checked += 1;
      const headers = Object.fromEntries(
        Object.entries(res.getHeaders()).map(([name, value]) => [name, Array.isArray(value) ? value : String(value)]),
      );
      const text = Buffer.concat(chunks).toString('utf8');
      problems.push(...contractProblems({ method, path, status: res.statusCode, headers, text }));
    });
    listener(req, res);
  };
  return { listener: checkedListener, problems, checked: () => checked };
}

export type ContractCheck = ReturnType<typeof contractCheckedListener>;

export interface BrowserTestOptions {
  /**
   * The app's environment, given the origin the browser reaches it at (settings such as PUBLIC_URL and
   * WEBAUTHN_ORIGINS name it, which is why the socket is taken before the app is built).
   */
  env?: (appOrigin: string) => Record<string, string> | Promise<Record<string, string>>;
  clock?: Clock;
  /** `localhost` where the page needs a name, not an address (a WebAuthn relying party); else 127.0.0.1. */
  host?: 'localhost' | '127.0.0.1';
  /** How long a browser step may wait: one that does not happen within seconds is a failure, not slowness. */
  stepTimeoutMs: number;
  /** Sees each request (and may watch its response) before the app has it. */
  observe?: RequestListener;
  /** A path prefix stripped before the app sees the path, as API Gateway does with a stage name. */
  stagePrefix?: string;
  /** The first browser's user agent, where a session list must tell devices apart. */
  userAgent?: string;
  /** Opens `page` in the browser, its uncaught errors collected in `pageErrors`. */
  openPage?: boolean;
  /** Runs at the end of the set-up: a file's own `before` would run alongside it, not after. */
  whenStarted?: (started: BrowserTest) => Promise<void>;
}

export interface BrowserTest {
  readonly testStore: TestStore;
  readonly testApp: TestApp;
  readonly contract: ContractCheck;
  readonly appOrigin: string;
  readonly browser: Browser;
  /** Only with `openPage`. */
  readonly page: Page;
  readonly pageErrors: string[];
  /** Another browser (another device), with the same step timeout, closed with the rest. */
  launchAnother(): Promise<Browser>;
}

/**
 * A browser test file's set-up, in one call at its top level: the test store, the real app behind a
 * contract-checked socket, and Chromium. The browsers and the app are closed before the store (its hook
 * is registered after theirs, and node:test runs a file's `after` hooks in that order), so no request
 * still in flight meets a store that is gone.
 */
export function useBrowserTest(options: BrowserTestOptions): BrowserTest {
  let started: Omit<BrowserTest, 'testStore' | 'pageErrors' | 'launchAnother'> | undefined;
  let appServer: Listening | undefined;
  const browsers: Browser[] = [];
  const pageErrors: string[] = [];
  after(async () => {
    for (const browser of browsers) await browser.close();
    await appServer?.close();
  });
  const testStore = useTestStore();

  const launch = async (launchOptions: { userAgent?: string } = {}): Promise<Browser> => {
    const browser = await launchChromium(launchOptions);
    browsers.push(browser);
    browser.context.setDefaultTimeout(options.stepTimeoutMs);
    return browser;
  };
  const current = () => {
    if (started === undefined) throw new Error('the browser test has not started yet (use it inside a test)');
    return started;
  };
  const browserTest: BrowserTest = {
    testStore,
    get testApp() {
      return current().testApp;
    },
    get contract() {
      return current().contract;
    },
    get appOrigin() {
      return current().appOrigin;
    },
    get browser() {
      return current().browser;
    },
    get page() {
      return current().page;
    },
    pageErrors,
    launchAnother: () => launch(),
  };

  before(async () => {
    // Unavailable until the app exists: the socket comes first so that its origin can be in the app's settings.
    let listener: RequestListener = (_req, res) => res.writeHead(503).end();
    appServer = await listen((req, res) => listener(req, res));
    const appOrigin = `http://${options.host ?? '127.0.0.1'}:${appServer.port}`;
    const env = (await options.env?.(appOrigin)) ?? {};
    const testApp = await buildTestApp(testStore, { env, ...(options.clock ? { clock: options.clock } : {}) });
    const contract = contractCheckedListener(testApp.app, options.stagePrefix);
    const { observe } = options;
    listener =
      observe === undefined
        ? contract.listener
        : (req, res) => {
            observe(req, res);
            contract.listener(req, res);
          };
    const browser = await launch(options.userAgent === undefined ? {} : { userAgent: options.userAgent });
    let page: Page | undefined;
    if (options.openPage) {
      page = await browser.context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
    }
    started = {
      testApp,
      contract,
      appOrigin,
      browser,
      get page(): Page {
        if (page === undefined) throw new Error('no page: pass openPage');
        return page;
      },
    };
    await options.whenStarted?.(browserTest);
  });
  return browserTest;
}

/** The sizes the pages are checked and pictured at: a desktop window and a 390 px phone. */
export const SCREEN_SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe-core's violations on the page as it is now, as "rule: selectors" lines (empty when there are none).
 * Injected through the DevTools protocol, which the page's Content-Security-Policy does not govern, so
 * the page keeps its real policy while it is checked.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })
    .then((result) => result.violations.map((violation) => violation.id + ': ' + violation.nodes.map((node) => node.target.join(' ')).join(', ')))`)) as string[];
}

/** Presses Tab until the element matching `selector` has the focus (at most 30 times). */
export async function pressTabUntil(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 30; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) === true`)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Where screenshots go: test-artifacts/screenshots, or SCREENSHOT_DIR (`npm run screenshots` points it at
 * docs/screenshots, the pictures the docs show).
 */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.join('test-artifacts', 'screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true, animations: 'disabled', caret: 'hide' });
}

/** Opens the hosted sign-in page and submits it (what happens next is the caller's to check). */
export async function signInThroughPage(
  page: Page,
  appOrigin: string,
  credentials: { username: string; password: string },
): Promise<void> {
  await page.goto(`${appOrigin}/#sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in', exact: true }).waitFor();
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Username', { exact: true }).fill(credentials.username);
  await form.getByLabel('Password', { exact: true }).fill(credentials.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the hosted sign-up page and submits it without an email address (what happens next is the caller's to check). */
export async function signUpThroughPage(
  page: Page,
  appOrigin: string,
  user: { name: string; username: string; password: string },
): Promise<void> {
  await page.goto(`${appOrigin}/#sign-up`);
  const form = page.getByRole('form', { name: 'Create your account' });
  await form.getByLabel('Your name').fill(user.name);
  await form.getByLabel('Username').fill(user.username);
  await form.getByLabel('Password').fill(user.password);
  await form.getByRole('button', { name: 'Create account' }).click();
}
