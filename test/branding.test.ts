import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { loadConfig } from '../src/config';
import { accentTextColor, themeCss } from '../src/web/theme';
import { buildTestApp } from './support/app';
import { configErrorOf } from './support/config';
import { useTestStore } from './support/store';

const testStore = useTestStore();

describe('branding settings', () => {
  it('default to the project’s own name and colour, with no logo', async () => {
    const { branding } = await loadConfig({});
    assert.deepEqual(branding, { name: 'serverless-auth', logoUrl: undefined, accentColor: '#2563eb' });
  });

  it('normalise the accent colour to #rrggbb', async () => {
    assert.equal((await loadConfig({ BRAND_ACCENT_COLOR: '#FC0' })).branding.accentColor, '#ffcc00');
    assert.equal((await loadConfig({ BRAND_ACCENT_COLOR: ' #1A2B3C ' })).branding.accentColor, '#1a2b3c');
  });

  for (const [name, value] of [
    ['BRAND_ACCENT_COLOR', 'red'],
    ['BRAND_ACCENT_COLOR', '#12345'],
    ['BRAND_ACCENT_COLOR', '#fff; } body { display: none'],
    ['BRAND_ACCENT_COLOR', 'rgb(0,0,0)'],
    ['BRAND_LOGO_URL', 'javascript:alert(1)'],
    ['BRAND_LOGO_URL', 'data:image/svg+xml,<svg/>'],
    ['BRAND_LOGO_URL', 'http://cdn.example.com/logo.png'],
    ['BRAND_LOGO_URL', 'https://user:secret@cdn.example.com/logo.png'],
    ['BRAND_LOGO_URL', 'not a url'],
    ['BRAND_NAME', ''],
    ['BRAND_NAME', 'x'.repeat(61)],
    ['BRAND_NAME', 'Acme\nNotes'],
  ] as const) {
    it(`refuse ${name}=${JSON.stringify(value)}`, async () => {
      const { problems } = await configErrorOf({ [name]: value });
      assert.ok(
        problems.some((problem) => problem.startsWith(`${name}:`)),
        problems.join('; '),
      );
    });
  }

  it('accept an https logo, and http only on localhost', async () => {
    assert.equal(
      (await loadConfig({ BRAND_LOGO_URL: 'https://cdn.example.com/logo.svg' })).branding.logoUrl,
      'https://cdn.example.com/logo.svg',
    );
    assert.equal(
      (await loadConfig({ BRAND_LOGO_URL: 'http://localhost:8080/logo.svg' })).branding.logoUrl,
      'http://localhost:8080/logo.svg',
    );
  });
});

describe('the generated theme', () => {
  it('puts black or white text on the accent, whichever contrasts more', () => {
    assert.equal(accentTextColor('#2563eb'), '#ffffff');
    assert.equal(accentTextColor('#ffcc00'), '#111111');
    assert.equal(accentTextColor('#000000'), '#ffffff');
    assert.equal(accentTextColor('#ffffff'), '#111111');
    assert.equal(themeCss('#ffcc00'), ':root { --accent: #ffcc00; --accent-text: #111111; }\n');
  });

  it('is served with the page config, both revalidated on each load, and the logo’s origin joins the page’s img-src', async () => {
    const { app } = await buildTestApp(testStore, {
      env: {
        BRAND_NAME: 'Acme Notes',
        BRAND_ACCENT_COLOR: '#FC0',
        BRAND_LOGO_URL: 'https://cdn.example.com/acme.svg',
        ALLOWED_ORIGINS: 'https://notes.example.com',
      },
    });
    const theme = await request(app).get('/page-theme.css').expect(200);
    assert.match(theme.headers['content-type'] ?? '', /^text\/css/);
    assert.equal(theme.text, ':root { --accent: #ffcc00; --accent-text: #111111; }\n');
    assert.equal(theme.headers['cache-control'], 'no-cache');
    const config = await request(app).get('/page-config.json').expect(200);
    assert.deepEqual(config.body, {
      name: 'Acme Notes',
      logoUrl: 'https://cdn.example.com/acme.svg',
      redirectOrigins: ['https://notes.example.com'],
    });
    await request(app)
      .get('/page-config.json')
      .set('If-None-Match', config.headers.etag ?? '')
      .expect(304);
    const page = await request(app).get('/').expect(200);
    assert.match(page.headers['content-security-policy'] ?? '', /img-src 'self' data: https:\/\/cdn\.example\.com;/);
  });
});
