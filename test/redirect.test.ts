import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redirectTarget } from '../pages/src/redirect';

/** The hosted page's `?redirect_to=` check (pages/src/redirect.ts), case by case; the browser tests run it in the page. */

const page = new URL('https://auth.example.com/prod/?redirect_to=x');
const allowed = ['https://app.example.com', 'http://localhost:5173'];
const verdict = (raw: string | null) => {
  const target = redirectTarget(raw, page, allowed);
  return target === undefined ? 'none' : 'url' in target ? target.url.href : 'refused';
};

describe('redirect_to', () => {
  it('is absent when not given or blank', () => {
    assert.equal(verdict(null), 'none');
    assert.equal(verdict('  '), 'none');
  });

  it('returns to an allowed origin, or to the service itself, as the parsed URL', () => {
    assert.equal(verdict('https://app.example.com/after?x=1#y'), 'https://app.example.com/after?x=1#y');
    assert.equal(verdict('http://localhost:5173/'), 'http://localhost:5173/');
    assert.equal(verdict('HTTPS://APP.EXAMPLE.COM:443/a'), 'https://app.example.com/a');
    assert.equal(verdict('/prod/docs/'), 'https://auth.example.com/prod/docs/');
    assert.equal(verdict('  https://app.example.com/padded  '), 'https://app.example.com/padded');
  });

  for (const [trick, value] of [
    ['another origin', 'https://evil.example/'],
    ['a scheme-relative URL', '//evil.example/path'],
    ['a scheme-relative URL with a backslash', '/\\evil.example'],
    ['backslashes for slashes', 'https:\\\\evil.example'],
    ['a scheme without slashes', 'https:evil.example'],
    ['tabs and newlines inside the scheme', 'java\tscript:alert(1)'],
    ['userinfo that looks like the allowed host', 'https://app.example.com@evil.example/'],
    ['userinfo in front of an allowed host', 'https://user:secret@app.example.com/'],
    ['an allowed host as a subdomain of another', 'https://app.example.com.evil.example/'],
    ['the right host on another port', 'https://app.example.com:8443/'],
    ['the right host over plain http', 'http://app.example.com/'],
    ['javascript:', 'javascript:alert(document.domain)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['a URL that does not parse', 'https://[::1'],
    ['a relative path without a leading slash', 'evil.example'],
    ['a NUL in the middle', 'https://app.example.com\u0000.evil.example/'],
  ] as const) {
    it(`refuses ${trick}`, () => {
      assert.equal(verdict(value), 'refused', value);
    });
  }
});
