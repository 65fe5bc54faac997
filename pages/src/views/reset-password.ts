import { alertLine, field, formValues, h, whileBusy } from '../dom';
import { linkToken } from '../link-token';
import type { View } from '../page';

/** The form a reset link opens: a new password for the token the link carried. */
export const resetPasswordView: View = {
  id: 'reset-password',
  title: 'Choose a new password',
  audience: 'signed-out',
  render(page) {
    const token = linkToken('reset-password');
    const error = alertLine('reset-error');
    const form = h(
      'form',
      { class: 'stack', 'aria-labelledby': 'reset-heading', novalidate: true },
      field({
        id: 'reset-password',
        label: 'New password',
        name: 'newPassword',
        type: 'password',
        autocomplete: 'new-password',
        hint: 'At least 8 characters. Every device signed in to your account will be signed out.',
        attributes: { maxlength: '256' },
      }),
      error,
      h('button', { type: 'submit', class: 'primary' }, 'Set new password'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      const { newPassword = '' } = formValues(form);
      if (token === undefined) {
        error.textContent = 'Open this page from the link in the reset mail.';
        return;
      }
      const result = await whileBusy(form, () => page.auth.resetPassword({ token, newPassword }));
      if (result.error) {
        error.textContent = page.failed(result.error);
        return;
      }
      page.notify('Your password has been changed, and every device was signed out. Sign in with your new password.');
      page.show('sign-in');
    });
    return h(
      'div',
      { class: 'card narrow' },
      h('h1', { id: 'reset-heading', tabindex: '-1' }, 'Choose a new password'),
      token === undefined ? h('p', { class: 'error' }, 'This page needs the link from the reset mail.') : null,
      form,
      h('p', { class: 'switch' }, h('a', { href: '#forgot-password' }, 'Ask for a new link')),
    );
  },
};
