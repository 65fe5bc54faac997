import { isMfaRequired, type MfaRequired } from '@serverless-auth/client';
import { alertLine, field, formValues, h, whileBusy } from '../dom';
import type { Page, View } from '../page';
import { passkeyAutofillSupported, passkeysSupported, signInWithPasskey } from '../passkeys';
import { returnNote } from './return-note';

export const signInView: View = {
  id: 'sign-in',
  title: 'Sign in',
  audience: 'signed-out',
  render(page) {
    const error = alertLine('sign-in-error');
    const form = h(
      'form',
      { class: 'stack', 'aria-labelledby': 'sign-in-heading', novalidate: true },
      field({
        id: 'sign-in-username',
        label: 'Username',
        name: 'username',
        autocomplete: 'username webauthn',
        attributes: { autocapitalize: 'none', spellcheck: 'false' },
      }),
      field({ id: 'sign-in-password', label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password' }),
      error,
      h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      const { username = '', password = '' } = formValues(form);
      if (username === '' || password === '') {
        error.textContent = 'Enter your username and password.';
        return;
      }
      const login = await whileBusy(form, () => page.auth.login({ username, password }));
      if (login.error) {
        error.textContent = page.failed(login.error);
        form.querySelector<HTMLInputElement>('#sign-in-password')?.select();
        return;
      }
      if (isMfaRequired(login.data)) {
        const secondStep = secondStepForm(page, login.data, () => {
          secondStep.replaceWith(form);
          form.querySelector<HTMLInputElement>('#sign-in-password')?.select();
        });
        form.replaceWith(secondStep);
        secondStep.querySelector<HTMLInputElement>('#sign-in-code')?.focus();
        return;
      }
      await page.signedIn();
    });
    const passkeyError = alertLine('passkey-sign-in-error');
    const passkeyButton = h('button', { type: 'button', class: 'secondary', id: 'passkey-sign-in' }, 'Sign in with a passkey');
    passkeyButton.addEventListener('click', async () => {
      passkeyError.textContent = '';
      passkeyButton.disabled = true;
      const outcome = await signInWithPasskey(page, false);
      passkeyButton.disabled = false;
      if (!outcome.ok) {
        passkeyError.textContent = outcome.message;
        return;
      }
      await page.signedIn();
    });
    offerPasskeyAutofill(page, form.querySelector<HTMLInputElement>('#sign-in-username'), passkeyError);
    return h(
      'div',
      { class: 'card narrow' },
      h('h1', { id: 'sign-in-heading', tabindex: '-1' }, 'Sign in'),
      h('p', { class: 'muted' }, `Use your ${page.config.name} account.`),
      returnNote(page),
      form,
      passkeysSupported()
        ? h(
            'div',
            { class: 'stack' },
            h('p', { class: 'muted' }, 'Or, with no username or password:'),
            passkeyButton,
            passkeyError,
          )
        : null,
      h('p', { class: 'switch' }, h('a', { href: '#forgot-password', id: 'forgot-link' }, 'Forgot password?')),
      h('p', { class: 'switch' }, 'New here? ', h('a', { href: '#sign-up' }, 'Create an account')),
    );
  },
};

/**
 * The second step of a sign-in with two-step verification on: the code the authenticator app shows, or
 * a recovery code. A sign-in that has expired (5 minutes) or used its tries goes back to the password.
 */
function secondStepForm(page: Page, challenge: MfaRequired, backToPassword: () => void): HTMLFormElement {
  let useRecoveryCode = false;
  const error = alertLine('sign-in-code-error');
  const codeField = () =>
    useRecoveryCode
      ? field({
          id: 'sign-in-code',
          label: 'Recovery code',
          name: 'recoveryCode',
          autocomplete: 'off',
          hint: 'One of the codes you saved when you turned on two-step verification. Each works once.',
          attributes: { spellcheck: 'false', autocapitalize: 'none', maxlength: '64' },
        })
      : field({
          id: 'sign-in-code',
          label: 'Code from your authenticator app',
          name: 'code',
          autocomplete: 'one-time-code',
          attributes: { inputmode: 'numeric', maxlength: '7', spellcheck: 'false' },
        });
  let current = codeField();
  const toggle = h('button', { type: 'button', class: 'secondary compact' }, 'Use a recovery code instead');
  const form = h(
    'form',
    { class: 'stack', id: 'sign-in-second-step', 'aria-label': 'Two-step verification', novalidate: true },
    h('p', { class: 'muted' }, 'Your password was right. Now enter the code your authenticator app shows.'),
    current,
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Verify'),
    challenge.methods.includes('recovery_code') ? toggle : null,
  );
  toggle.addEventListener('click', () => {
    useRecoveryCode = !useRecoveryCode;
    const next = codeField();
    current.replaceWith(next);
    current = next;
    toggle.textContent = useRecoveryCode ? 'Use a code from the app instead' : 'Use a recovery code instead';
    error.textContent = '';
    form.querySelector<HTMLInputElement>('#sign-in-code')?.focus();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const { code = '', recoveryCode = '' } = formValues(form);
    const typed = useRecoveryCode ? recoveryCode.trim() : code.replace(/\s/g, '');
    if (useRecoveryCode ? typed === '' : !/^\d{6}$/.test(typed)) {
      error.textContent = useRecoveryCode
        ? 'Enter one of your recovery codes.'
        : 'Enter the 6-digit code your authenticator app shows.';
      return;
    }
    const proof = useRecoveryCode ? { recoveryCode: typed } : { code: typed };
    const login = await whileBusy(form, () => page.auth.loginMfa({ mfaToken: challenge.mfaToken, ...proof }));
    if (login.error) {
      if (login.error.code === 'MFA_TOKEN_INVALID') {
        page.notify(page.failed(login.error), 'warning');
        backToPassword();
        return;
      }
      error.textContent = page.failed(login.error);
      form.querySelector<HTMLInputElement>('#sign-in-code')?.select();
      return;
    }
    await page.signedIn();
  });
  return form;
}

/**
 * Conditional mediation: once the username field is first focused, the browser lists this site's
 * passkeys among its suggestions and the ceremony waits for one to be picked. It is an offer, not an
 * action: only the service refusing a picked passkey is worth a message (a wait cancelled by the
 * button, or a browser that cannot do it here, says nothing).
 */
function offerPasskeyAutofill(page: Page, usernameField: HTMLInputElement | null, error: HTMLElement): void {
  usernameField?.addEventListener(
    'focus',
    () => {
      void passkeyAutofillSupported().then(async (supported) => {
        if (!supported) return;
        const outcome = await signInWithPasskey(page, true);
        if (outcome.ok) await page.signedIn();
        else if (!outcome.byBrowser) error.textContent = outcome.message;
      });
    },
    { once: true },
  );
}
