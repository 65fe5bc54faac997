/**
 * The web page's and the docs' requests the artifact runner (test/support/artifact-runner.ts) sends to the
 * built handler, shared with test/sam-artifact.test.ts (which cannot import the runner: importing runs it).
 */

/** GET requests for the page, its files, the docs and the document, each with both payload versions. */
export const WEB_PATHS = [
  '/',
  '/assets/app.js',
  '/assets/app.css',
  '/docs/',
  '/docs/swagger-initializer.js',
  '/docs/swagger-ui-bundle.js',
  '/docs/swagger-ui.css',
  '/docs/favicon-32x32.png',
  '/openapi.json',
];

/** What the built handler answered to one of WEB_PATHS. */
export interface WebResponseReport {
  version: '1.0' | '2.0';
  path: string;
  statusCode: number;
  contentType: string;
  csp: string | null;
  isBase64Encoded: boolean;
  /** SHA-256 (hex) and length of the body's bytes as the client would receive them. */
  sha256: string;
  length: number;
}
