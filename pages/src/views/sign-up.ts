import { alertLine, field, formValues, h, whileBusy } from '../dom';
import type { View } from '../page';
import { returnNote } from './return-note';

export const signUpView: View = {
  id: 'sign-up',
  title: 'Create an account',
  audience: 'signed-out',
  render(page) {
    const error = alertLine('sign-up-error');
    const form = h(
      'form',
      { class: 'stack', 'aria-labelledby': 'sign-up-heading', novalidate: true },
      field({ id: 'sign-up-name', label: 'Your name', name: 'name', autocomplete: 'name', attributes: { maxlength: '100' } }),
      field({
        id: 'sign-up-username',
        label: 'Username',
        name: 'username',
        autocomplete: 'username',
        hint: '3 to 64 characters: letters, digits and . _ - @ +',
        attributes: { autocapitalize: 'none', spellcheck: 'false', maxlength: '64' },
      }),
      field({
        id: 'sign-up-email',
        label: 'Email address (optional)',
        name: 'email',
        type: 'email',
        autocomplete: 'email',
        hint: 'We send a link to confirm it. With a confirmed address you can reset a forgotten password.',
        attributes: { required: false, autocapitalize: 'none', spellcheck: 'false' },
      }),
      field({
        id: 'sign-up-password',
        label: 'Password',
        name: 'password',
        type: 'password',
        autocomplete: 'new-password',
        hint: 'At least 8 characters. A few unrelated words make a strong one.',
        attributes: { maxlength: '256' },
      }),
      error,
      h('button', { type: 'submit', class: 'primary' }, 'Create account'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
      const { name = '', username = '', password = '', email = '' } = formValues(form);
      const signedUp = await whileBusy(form, async () => {
        const registered = await page.auth.register({ name, username, password, ...(email.trim() === '' ? {} : { email }) });
        return registered.error ? registered : page.auth.login({ username, password });
      });
      if (signedUp.error) {
        error.textContent = page.failed(signedUp.error);
        const invalid =
          signedUp.error.field === undefined ? null : form.querySelector(`[name="${CSS.escape(signedUp.error.field)}"]`);
        invalid?.setAttribute('aria-invalid', 'true');
        if (invalid instanceof HTMLInputElement) invalid.focus();
        return;
      }
      await page.signedIn();
    });
    return h(
      'div',
      { class: 'card narrow' },
      h('h1', { id: 'sign-up-heading', tabindex: '-1' }, 'Create your account'),
      returnNote(page),
      form,
      h('p', { class: 'switch' }, 'Already have an account? ', h('a', { href: '#sign-in' }, 'Sign in')),
    );
  },
};
