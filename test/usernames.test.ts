import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import request from 'supertest';
import { USERNAME_PATTERN, usernameKey, usernameProblem } from '../src/services/usernames';
import { buildTestApp, type TestApp } from './support/app';
import { useTestStore } from './support/store';

const testStore = useTestStore();
let testApp: TestApp;

const PASSWORD = 'a perfectly fine passphrase';
const register = (username: string) =>
  request(testApp.app).post('/register').send({ name: 'Test', username, password: PASSWORD });

/** How keys were computed before the PRECIS profile: what every stored account item is keyed by. */
const previousKey = (username: string) => username.normalize('NFKC').toLowerCase();

describe('usernames: invisible and look-alike characters (PRECIS UsernameCaseMapped, UTS #39)', () => {
  before(async () => {
    testApp = await buildTestApp(testStore, { env: { REGISTER_IP_MAX: '1000' } });
  });

  it('refuses a second "admin" made with an invisible character, over HTTP', async () => {
    await register('admin').expect(201);
    for (const lookalike of ['admin\u034f', 'ad\u034fmin', 'admin\u200b', 'admin\u200d', 'admin\u2060', 'admin\u00ad']) {
      const response = await register(lookalike).expect(400);
      assert.equal(response.body.field, 'username', JSON.stringify(lookalike));
    }
  });

  it('refuses names made of Hangul fillers, and variation selectors and other ignorables inside a name', async () => {
    const names = [
      '\u3164\u3164\u3164',
      '\u115f\u115f\u115f',
      '\uffa0\uffa0\uffa0',
      '\u1160\u1160\u1160',
      ...['\ufe00', '\ufe0f', '\u{e0100}', '\u180b', '\u17b4', '\u17b5', '\u{e0001}'].map((mark) => `us${mark}er`),
    ];
    for (const name of names) {
      assert.match((await register(name).expect(400)).body.message, /^username: /, JSON.stringify(name));
    }
  });

  it('refuses mixed-script names, such as a Latin word with one Cyrillic letter', async () => {
    for (const name of ['p\u0430ypal', '\u0440\u0430\u0443\u0440\u0430l', 'g\u03bfogle', 'abc\u05d0']) {
      const response = await register(name).expect(400);
      assert.equal(response.body.message, 'username: must not mix scripts (Latin may go with Chinese, Japanese or Korean)');
    }
  });

  it('refuses compatibility forms, stacked marks and right-to-left names that break the Bidi Rule', () => {
    for (const name of [
      '\ufb01le',
      '\u01c4emal',
      'x\u0301\u0301y',
      'e\u0300\u0301\u0302\u0303\u0304',
      '12\u05e9\u05dc\u05d5\u05dd',
      'a\u00b7b',
    ]) {
      assert.notEqual(usernameProblem(name), null, JSON.stringify(name));
    }
  });

  it('keeps accepting names of one script, Latin with CJK, and width-mapped forms', async () => {
    for (const name of [
      'Łukasz',
      '山田太郎',
      'Иван',
      'δοκιμή',
      'שלום12',
      'مرحبا',
      'abc山田',
      'taroたろう',
      'kim한국',
      'Straße',
      'l\u00b7lum',
      'ไทย',
      'हिन्दी',
    ]) {
      assert.equal(usernameProblem(name), null, name);
    }
    await register('ＢＯＢＢＹ').expect(201);
    // Fullwidth letters map to ASCII: the same account as "bobby".
    assert.equal((await register('bobby').expect(409)).body.code, 'USER_EXISTS');
  });

  it('keys every valid name exactly as before (stored keys do not change)', () => {
    const letters = fc.constantFrom(...'aAzZéÉßſıİΣσςΩЖжЁёĲ'.split(''), 'e\u0301', 'A\u030a', '\u1e9e', 'ǅ', 'Ω');
    fc.assert(
      fc.property(fc.array(letters, { minLength: 3, maxLength: 20 }), (parts) => {
        const name = parts.join('');
        if (usernameProblem(name) !== null) return;
        assert.equal(usernameKey(name), previousKey(name), JSON.stringify(name));
      }),
      { numRuns: 2000 },
    );
    // Every BMP code point that is valid on its own, as a three-character name; the OpenAPI pattern admits each.
    const documented = new RegExp(USERNAME_PATTERN, 'u');
    for (let cp = 0x80; cp <= 0xffff; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const name = String.fromCodePoint(cp).repeat(3);
      if (usernameProblem(name) !== null) continue;
      assert.equal(usernameKey(name), previousKey(name), cp.toString(16));
      assert.ok(documented.test(name), `the documented pattern refuses U+${cp.toString(16)}`);
    }
    for (const name of ['l\u00b7lum', 'bob+tag@example.com', '\uff22\uff2f\uff22\uff20x']) assert.ok(documented.test(name), name);
  });

  it('still signs in with a name an earlier version accepted but the profile now refuses', async () => {
    // "\ufb01le-owner" (with the fi ligature) was accepted before and keyed "file-owner"; typed at login it still finds that key.
    assert.equal(usernameKey('\ufb01le-owner'), 'file-owner');
    await register('file-owner').expect(201);
    await request(testApp.app).post('/login').send({ username: '\ufb01le-owner', password: PASSWORD }).expect(200);
  });
});
