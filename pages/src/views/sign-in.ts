import { alertLine, field, formValues, h, whileBusy } from '../dom';
import type { View } from '../page';
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
      field({ id: 'sign-in-username', label: 'Username', name: 'username', autocomplete: 'username', attributes: { autocapitalize: 'none', spellcheck: 'false' } }),
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
      await page.signedIn();
    });
    return h(
      'div',
      { class: 'card narrow' },
      h('h1', { id: 'sign-in-heading', tabindex: '-1' }, 'Sign in'),
      h('p', { class: 'muted' }, `Use your ${page.config.name} account.`),
      returnNote(page),
      form,
      h('p', { class: 'switch' }, 'New here? ', h('a', { href: '#sign-up' }, 'Create an account')),
    );
  },
};
