import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, signInThroughPage, useBrowserTest } from './support/browser';
import { linksIn, type Outbox, tempOutbox } from './support/outbox';

/**
 * The email flows in Debian's Chromium, through the hosted page, with the links read from the outbox
 * the service writes: sign up with an address, open the verification link, sign out, "Forgot
 * password?", open the reset link, set a new password; the old one then fails and the new one signs in.
 */

const user = { name: 'Mira Mailer', username: 'mira', password: 'correct horse battery staple', email: 'mira@example.test' };
const newPassword = 'a completely new passphrase';
let outbox: Outbox;

const browserTest = useBrowserTest({
  // The links must point at this very server (PUBLIC_URL).
  env: async (appOrigin) => {
    outbox = await tempOutbox();
    return { DATA_DIR: outbox.dataDir, PUBLIC_URL: `${appOrigin}/`, PASSWORD_FORGOT_ANSWER_MS: '200' };
  },
  stepTimeoutMs: 8000,
});

const heading = (on: Page, name: string) => on.getByRole('heading', { level: 1, name, exact: true });
const notice = (on: Page) => on.locator('#notice');

async function linkTo(address: string, action: string): Promise<string> {
  const link = (await outbox.mailsTo(address))
    .flatMap((mail) => linksIn(mail))
    .filter((url) => url.searchParams.get('action') === action)
    .at(-1);
  assert.ok(link, `a ${action} link in the outbox`);
  assert.equal(link.origin, browserTest.appOrigin, 'the link points at the page (PUBLIC_URL)');
  return link.href;
}

describe('email in the browser', () => {
  it('signs up with an address, verifies it from the mailed link, resets a forgotten password from the outbox', async () => {
    const { browser, appOrigin, contract } = browserTest;
    const page = await browser.context.newPage();

    await page.goto(`${appOrigin}/#sign-up`);
    await heading(page, 'Create your account').waitFor();
    const signUp = page.getByRole('form', { name: 'Create your account' });
    await signUp.getByLabel('Your name').fill(user.name);
    await signUp.getByLabel('Username', { exact: true }).fill(user.username);
    await signUp.getByLabel('Email address (optional)').fill(user.email);
    await signUp.getByLabel('Password', { exact: true }).fill(user.password);
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Your account').waitFor();
    const banner = page.locator('#verify-banner');
    await banner.getByText(`open the link we sent to ${user.email}`).waitFor();

    // "Resend": a new link, and the first one stops working.
    const first = await linkTo(user.email, 'verify-email');
    await banner.getByRole('button', { name: 'Resend link' }).click();
    await banner.getByText('A new link is on its way').waitFor();
    const second = await linkTo(user.email, 'verify-email');
    assert.notEqual(first, second);
    await page.goto(first);
    await notice(page).getByText('This link is no longer valid').waitFor();

    await page.goto(second);
    await notice(page).getByText(`${user.email} is verified`).waitFor();
    assert.ok(!page.url().includes('token='), 'the token is taken out of the address bar');
    await heading(page, 'Your account').waitFor();
    await page.locator('#email-status').getByText('(verified)').waitFor();
    assert.equal(await page.locator('#verify-banner').count(), 0);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await heading(page, 'Sign in').waitFor();

    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await heading(page, 'Reset your password').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    const forgot = page.getByRole('form', { name: 'Reset your password' });
    await forgot.getByLabel('Email address or username').fill(user.email);
    await forgot.getByRole('button', { name: 'Send reset link' }).click();
    await notice(page).getByText('a link to reset its password is on its way').waitFor();

    await page.goto(await linkTo(user.email, 'reset-password'));
    await heading(page, 'Choose a new password').waitFor();
    assert.ok(!page.url().includes('token='), 'the token is taken out of the address bar');
    assert.deepEqual(await axeViolations(page), []);
    const reset = page.getByRole('form', { name: 'Choose a new password' });
    await reset.getByLabel('New password').fill(newPassword);
    await reset.getByRole('button', { name: 'Set new password' }).click();
    await heading(page, 'Sign in').waitFor();
    await notice(page).getByText('Sign in with your new password').waitFor();

    await signInThroughPage(page, appOrigin, { username: user.username, password: user.password });
    await page.getByRole('form', { name: 'Sign in' }).getByRole('alert').getByText('do not match').waitFor();
    await signInThroughPage(page, appOrigin, { username: user.username, password: newPassword });
    await heading(page, 'Your account').waitFor();

    // Changing the address: a link to the new one, the verified one stays until then.
    const emailCard = page.locator('#email');
    await emailCard.getByLabel('New email address').fill('mira@new.example.test');
    await emailCard.getByLabel('Current password').fill(newPassword);
    await emailCard.getByRole('button', { name: 'Change address' }).click();
    await notice(page).getByText('We sent a link to mira@new.example.test').waitFor();
    await page.locator('#verify-banner').getByText('mira@new.example.test').waitFor();
    await page.locator('#email-status').getByText(`${user.email} (verified)`).waitFor();
    assert.match((await outbox.mailsTo(user.email)).at(-1)?.subject ?? '', /being changed/);

    assert.deepEqual(contract.problems, []);
    await page.close();
  });
});
