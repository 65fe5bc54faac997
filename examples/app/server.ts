import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVerifier, type VerifiedUser } from '@serverless-auth/client/verifier';
import { build } from 'esbuild';
import express, { type Express } from 'express';

/**
 * A small app on its own origin that signs people in with the hosted pages and checks them in its own
 * API with the verifier: what docs/integrate.md describes, run by test/example-app.test.ts.
 */
export interface ExampleAppOptions {
  /** The auth service as browsers reach it, e.g. https://auth.example.com. */
  authUrl: string;
  /** The auth service as this server reaches it, when that differs (a private address, say). */
  authServiceUrl?: string;
  /** The service's JWT_ISSUER and JWT_AUDIENCE. */
  issuer: string;
  audience: string;
}

const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0f766e"/><path d="M9 8h14v16H9z" fill="#fff"/></svg>';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The app's page script, bundled with the client as any app's build would. */
async function bundlePageScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(here, 'browser', 'page.ts')],
    tsconfig: path.join(here, 'browser', 'tsconfig.json'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

export async function createExampleApp(options: ExampleAppOptions): Promise<Express> {
  const app = express();
  const [page, style, script] = await Promise.all([
    readFile(path.join(here, 'index.html'), 'utf8'),
    readFile(path.join(here, 'style.css'), 'utf8'),
    bundlePageScript(),
  ]);
  app.use((_req, res, next) => {
    // The app's own strict policy: its files, and calls to the auth service.
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' ${new URL(options.authUrl).origin}; base-uri 'none'; frame-ancestors 'none'`,
    );
    next();
  });

  // Add sign-in to your app: the API checks the user with the verifier's middleware.
  const verifier = createVerifier({
    serviceUrl: options.authServiceUrl ?? options.authUrl,
    issuer: options.issuer,
    audience: options.audience,
    revocationCheck: true, // a logout takes effect within 5 seconds
  });

  app.get('/api/notes', verifier.middleware(), (req, res) => {
    const { username } = (req as typeof req & { auth: VerifiedUser }).auth;
    res.json({ username, notes: [`Welcome back, ${username}.`, 'This answer came from the app’s own API.'] });
  });

  app.get('/', (_req, res) => {
    res.type('html').send(page);
  });
  app.get('/icon.svg', (_req, res) => {
    res.type('svg').send(ICON);
  });
  app.get('/style.css', (_req, res) => {
    res.type('css').send(style);
  });
  app.get('/app.js', (_req, res) => {
    res.type('js').send(script);
  });
  app.get('/config.json', (_req, res) => {
    res.json({ authUrl: options.authUrl });
  });
  return app;
}
