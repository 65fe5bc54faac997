import { alertLine, field, formValues, h, whileBusy } from '../dom';
import type { View } from '../page';

/** "Forgot password?": asks for a reset link by email address or username. */
export const forgotPasswordView: View = {
  id: 'forgot-password',
  title: 'Reset your password',
  audience: 'signed-out',
  render(page) {
    const error = alertLine('forgot-error');
    const form = h(
      'form',
      { class: 'stack', 'aria-labelledby': 'forgot-heading', novalidate: true },
      field({
        id: 'forgot-identifier',
        label: 'Email address or username',
        name: 'identifier',
        autocomplete: 'username',
        hint: 'If the account has a verified email address, we mail a link to it.',
        attributes: { autocapitalize: 'none', spellcheck: 'false' },
      }),
      error,
      h('button', { type: 'submit', class: 'primary' }, 'Send reset link'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      const identifier = (formValues(form).identifier ?? '').trim();
      if (identifier === '') {
        error.textContent = 'Enter your email address or username.';
        return;
      }
      // An address has an @ followed by a dotted domain; anything else is taken as a username.
      const body = /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(identifier) ? { email: identifier } : { username: identifier };
      const result = await whileBusy(form, () => page.auth.forgotPassword(body));
      if (result.error) {
        error.textContent = page.failed(result.error);
        return;
      }
      page.notify(
        'If that account has a verified email address, a link to reset its password is on its way. It works for 30 minutes.',
      );
      page.show('sign-in');
    });
    return h(
      'div',
      { class: 'card narrow' },
      h('h1', { id: 'forgot-heading', tabindex: '-1' }, 'Reset your password'),
      form,
      h('p', { class: 'switch' }, 'Remembered it? ', h('a', { href: '#sign-in' }, 'Sign in')),
    );
  },
};
