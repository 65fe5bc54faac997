import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signInThroughPage, signUpThroughPage, useBrowserTest } from './support/browser';
import { totpCodeAt } from './support/totp-code';

/**
 * Two-step verification as a person uses it, in Debian's Chromium against the real app on a real
 * socket: the test is the authenticator app, computing each code with the otpauth library from the key
 * the page shows. The app runs on the real clock, so each code is for the instant it is typed, one step
 * further than the last (one behind to enrol, then now): inside the ±1 drift window and never a replay.
 */

const browserTest = useBrowserTest({ host: 'localhost', stepTimeoutMs: 8000, openPage: true });

const user = { name: 'Otto Pea', username: 'otto', password: 'a long and lovely passphrase' };
let secret = '';
let recoveryCodes: string[] = [];

const codeFor = (stepOffset: number): string => totpCodeAt(secret, Date.now() + stepOffset * 30_000);

const signOut = () => browserTest.page.getByRole('button', { name: 'Sign out', exact: true }).first();
const heading = (name: string) => browserTest.page.getByRole('heading', { level: 1, name, exact: true });
const twoStep = () => browserTest.page.locator('#two-step');
const secondStep = () => browserTest.page.getByRole('form', { name: 'Two-step verification' });

async function sessionAmr(): Promise<string[] | undefined> {
  return browserTest.page.evaluate(async () => {
    const answer = await fetch('/sessions', { credentials: 'include' });
    const body = (await answer.json()) as { sessions: { amr: string[]; current: boolean }[] };
    return body.sessions.find((session) => session.current)?.amr;
  });
}

describe('two-step verification (TOTP) in Chromium', () => {
  it('signs up and enrols an app with the key the page shows; the recovery codes are shown once, to copy or download', async () => {
    await signUpThroughPage(browserTest.page, browserTest.appOrigin, user);
    await heading('Your account').waitFor();

    await twoStep().getByText('Off.', { exact: false }).waitFor();
    const start = browserTest.page.getByRole('form', { name: 'Turn on two-step verification' });
    await start.getByLabel('Your password').fill(user.password);
    await start.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const qr = browserTest.page.getByRole('img', { name: 'QR code for your authenticator app' });
    await qr.waitFor();
    assert.ok(
      (await qr.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)) > 0,
      'the server-made SVG renders',
    );
    // The key as the page shows it, in groups of four for typing into an app.
    const shown = (await browserTest.page.locator('#totp-secret').textContent()) ?? '';
    assert.match(shown, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    secret = shown.replace(/\s/g, '');

    const confirm = browserTest.page.getByRole('form', { name: 'Confirm your authenticator app' });
    await confirm.getByLabel('The 6-digit code the app shows').fill(codeFor(-1));
    await confirm.getByRole('button', { name: 'Turn on' }).click();
    const list = browserTest.page.getByRole('list', { name: 'Recovery codes' });
    await list.waitFor();
    recoveryCodes = (await list.getByRole('listitem').allTextContents()).map((code) => code.trim());
    assert.equal(recoveryCodes.length, 10);
    const download = browserTest.page.getByRole('link', { name: 'Download' });
    assert.equal(await download.getAttribute('download'), 'recovery-codes.txt');
    assert.ok(decodeURIComponent((await download.getAttribute('href')) ?? '').includes(recoveryCodes[0] ?? '-'));
    await browserTest.page.getByRole('button', { name: 'Copy' }).click();
    await browserTest.page.locator('#recovery-codes-status').filter({ hasText: /./ }).waitFor();
    await browserTest.page.getByRole('button', { name: 'I have saved them' }).click();
    await twoStep().getByText('10 recovery codes left.', { exact: false }).waitFor();
  });

  it('signs out, then signs in with the password and a code from the app (amr pwd+otp)', async () => {
    await signOut().click();
    await heading('Sign in').waitFor();
    await signInThroughPage(browserTest.page, browserTest.appOrigin, user);
    await secondStep().waitFor();
    await secondStep().getByLabel('Code from your authenticator app').fill(codeFor(0));
    await secondStep().getByRole('button', { name: 'Verify' }).click();
    await heading('Your account').waitFor();
    assert.deepEqual(await sessionAmr(), ['pwd', 'otp']);
  });

  it('signs in with a recovery code (amr pwd+rcode), which fails on its second use', async () => {
    const withRecoveryCode = async (code: string) => {
      await signInThroughPage(browserTest.page, browserTest.appOrigin, user);
      await secondStep().getByRole('button', { name: 'Use a recovery code instead' }).click();
      await secondStep().getByLabel('Recovery code').fill(code);
      await secondStep().getByRole('button', { name: 'Verify' }).click();
    };
    await signOut().click();
    await heading('Sign in').waitFor();
    await withRecoveryCode(recoveryCodes[0] ?? '');
    await heading('Your account').waitFor();
    assert.deepEqual(await sessionAmr(), ['pwd', 'rcode']);
    await twoStep().getByText('9 recovery codes left.', { exact: false }).waitFor();

    await signOut().click();
    await heading('Sign in').waitFor();
    await withRecoveryCode(recoveryCodes[0] ?? '');
    await browserTest.page
      .locator('#sign-in-code-error')
      .filter({ hasText: 'That code is not right, or was used already.' })
      .waitFor();
    await heading('Sign in').waitFor();
    assert.equal(
      await browserTest.page.evaluate(() => fetch('/me', { credentials: 'include' }).then((answer) => answer.status)),
      401,
    );
    assert.deepEqual(browserTest.pageErrors, []);
    assert.deepEqual(browserTest.contract.problems, []);
  });
});
