import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { loadPasswordPolicy, passwordPolicyProblem } from '../src/services/password-policy';
import { usernameKey, usernameProblem } from '../src/services/usernames';
import { buildTestApp, type TestApp } from './support/app';
import { useTestStore } from './support/store';

const testStore = useTestStore();
let testApp: TestApp;
before(async () => {
  testApp = await buildTestApp(testStore, { env: { REGISTER_IP_MAX: '1000' } });
  await loadPasswordPolicy();
});

const register = (username: string, password: string) =>
  request(testApp.app).post('/register').send({ name: 'Test', username, password });

describe('password policy (NIST SP 800-63B)', () => {
  it('refuses common and breached passwords, naming the reason', async () => {
    for (const password of ['password', 'Password1', 'iloveyou', '12345678', 'QWERTYUIOP', 'trustno1', 'football1']) {
      const response = await register('carol', password).expect(400);
      assert.equal(response.body.field, 'password', password);
      assert.equal(response.body.message, 'password: is too common: it appears in lists of breached passwords');
    }
  });

  it('refuses a password that contains the username, in any spelling', async () => {
    for (const [username, password] of [
      ['carol', 'carol-is-great'],
      ['Carol', 'xxCAROLxx99'],
      ['dave', 'ＤＡＶＥ and more'],
    ] as const) {
      const response = await register(username, password).expect(400);
      assert.equal(response.body.message, 'password: must not contain the username');
    }
  });

  it('refuses one character repeated', async () => {
    const response = await register('erin', 'zzzzzzzzzzzz').expect(400);
    assert.equal(response.body.message, 'password: must not be one character repeated');
  });

  it('has no composition rules: long passphrases of any script are welcome', async () => {
    await register('frank', 'all lower case words here').expect(201);
    await register('grace', 'пароль из слов').expect(201);
    await register('heidi', '🐴🔋📎✔️ staple').expect(201);
  });

  it('counts length in code points: 8 to 256, never trimmed', async () => {
    assert.equal((await register('ivan', 'short12').expect(400)).body.message, 'password: must be at least 8 characters');
    await register('ivan', '🦊🦊🐺🐺🦝🦝🐻🐼').expect(201); // 8 code points, 16 UTF-16 units
    await register('judy', `${'x'.repeat(255)}y`).expect(201);
    assert.equal(
      (await register('mallory', `${'xy'.repeat(128)}z`).expect(400)).body.message,
      'password: must be at most 256 characters',
    );
    await register('niaj', '  padded pass  ').expect(201);
    await request(testApp.app).post('/login').send({ username: 'niaj', password: 'padded pass' }).expect(401);
    await request(testApp.app).post('/login').send({ username: 'niaj', password: '  padded pass  ' }).expect(200);
  });

  it('passwordPolicyProblem is usable by other flows (password change)', () => {
    assert.equal(passwordPolicyProblem('a fine passphrase', 'olivia'), null);
    assert.match(passwordPolicyProblem('letmein1', 'olivia') ?? '', /too common/);
  });
});

describe('usernames', () => {
  it('accepts 3 to 64 letters, digits and . _ - @ + of any script', async () => {
    for (const username of ['bob', 'bob.smith', 'bob_smith-2', 'bob+tag@example.com', 'Łukasz', '山田太郎', 'x'.repeat(64)]) {
      assert.equal(usernameProblem(username), null, username);
    }
    await register('peggy.sue+test@example.com', 'a perfectly fine passphrase').expect(201);
  });

  it('refuses every other form with a 400 naming the rule', async () => {
    const cases: [string, string][] = [
      ['ab', 'username: must be at least 3 characters'],
      ['x'.repeat(65), 'username: must be at most 64 characters'],
      ['with space', 'username: may contain only letters, digits and . _ - @ +'],
      ['semi;colon', 'username: may contain only letters, digits and . _ - @ +'],
      ['zero\u200bwidth', 'username: may contain only letters, digits and . _ - @ +'],
      ['new\nline', 'username: may contain only letters, digits and . _ - @ +'],
      ['<script>', 'username: may contain only letters, digits and . _ - @ +'],
      ['__proto__!', 'username: may contain only letters, digits and . _ - @ +'],
    ];
    for (const [username, message] of cases) {
      const response = await register(username, 'a perfectly fine passphrase').expect(400);
      assert.equal(response.body.field, 'username', username);
      assert.equal(response.body.message, message, username);
    }
  });

  it('is one account across case and compatibility forms (NFKC, lower case)', () => {
    assert.equal(usernameKey('ＡＬＩＣＥ'), 'alice');
    assert.equal(usernameKey('ﬁle'), 'file');
    assert.equal(usernameKey('Ǆemal'), 'džemal');
  });

  it('refuses a login username whose normal form would not fit a store key, without a 500', async () => {
    const response = await request(testApp.app)
      .post('/login')
      .send({ username: '\ufdfa'.repeat(200), password: 'whatever it is' })
      .expect(400);
    assert.equal(response.body.field, 'username');
  });
});

describe('password change follows the same policy', () => {
  it('refuses a common new password or one containing the username, naming newPassword', async () => {
    const user = { name: 'Walter', username: 'walter', password: 'a perfectly fine passphrase' };
    await request(testApp.app).post('/register').send(user).expect(201);
    const token = (await request(testApp.app).post('/login').send(user).expect(200)).body.response.token as string;
    const change = (newPassword: string) =>
      request(testApp.app)
        .post('/password')
        .set('Authorization', `Bearer ${token}`)
        .send({ currentPassword: user.password, newPassword });
    const common = await change('password123').expect(400);
    assert.equal(common.body.field, 'newPassword');
    assert.match(common.body.message, /too common/);
    assert.match((await change('walter-rules-2026').expect(400)).body.message, /must not contain the username/);
    await change('another fine passphrase').expect(200);
  });
});
