import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { buildPageScript, PAGE_SCRIPT_FILE } from '../scripts/page-script';

describe("the hosted page's script", () => {
  it('is the current build of pages/src (with the built client), as committed and as WebAssetsLayer ships it', async () => {
    const committed = await readFile(PAGE_SCRIPT_FILE, 'utf8');
    assert.ok(
      committed === (await buildPageScript()),
      `${PAGE_SCRIPT_FILE} is out of date: run \`npm run build:pages\` and commit the result`,
    );
  });
});
