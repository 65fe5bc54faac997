import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

/**
 * Code in the docs that says where it comes from (`<!-- excerpt: path -->` before the block) must be
 * that file's text, verbatim: the example app runs it (test/example-app.test.ts), so the docs' code runs
 * as written.
 */
const DOCS = ['README.md', 'docs/integrate.md'];

function excerpts(markdown: string): { source: string; code: string }[] {
  return [...markdown.matchAll(/<!-- excerpt: (\S+) -->\n```[a-z]*\n([\s\S]*?)```/g)].map((match) => ({
    source: match[1]!,
    code: match[2]!,
  }));
}

describe('code in the docs', () => {
  for (const doc of DOCS) {
    it(`${doc}: every excerpt is its source file's text`, () => {
      const found = excerpts(readFileSync(doc, 'utf8'));
      assert.ok(found.length >= 2, `${doc} has excerpts`);
      for (const { source, code } of found) {
        assert.ok(readFileSync(source, 'utf8').includes(code), `${doc}: this excerpt is not in ${source}:\n${code}`);
      }
    });
  }
});
