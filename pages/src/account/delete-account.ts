import { alertLine, field, formValues, h, whileBusy } from '../dom';
import type { AccountSection } from '../page';
import { secondFactorField, secondFactorOf } from '../second-factor';

export const deleteAccountSection: AccountSection = {
  id: 'delete-account',
  title: 'Delete account',
  render(page) {
    const error = alertLine('delete-error');
    const form = h(
      'form',
      { class: 'stack', 'aria-labelledby': 'delete-account-heading', novalidate: true },
      h('p', { class: 'muted' }, 'This deletes your account and signs out every device. It cannot be undone.'),
      field({
        id: 'delete-password',
        label: 'Your password',
        name: 'password',
        type: 'password',
        autocomplete: 'current-password',
      }),
      secondFactorField('delete-second-factor'),
      h(
        'div',
        { class: 'check' },
        h('input', { type: 'checkbox', id: 'delete-confirm', name: 'confirm', value: 'yes', required: true }),
        h('label', { for: 'delete-confirm' }, 'I understand that this cannot be undone'),
      ),
      error,
      h('button', { type: 'submit', class: 'danger' }, 'Delete my account'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      const { password = '', confirm, secondFactor } = formValues(form);
      if (confirm !== 'yes') {
        error.textContent = 'Tick the box to confirm that you want to delete your account.';
        return;
      }
      const result = await whileBusy(form, () => page.auth.deleteAccount({ password, ...secondFactorOf(secondFactor) }));
      if (result.error) {
        error.textContent = page.failed(result.error);
        return;
      }
      page.signedOut('Your account has been deleted.');
    });
    return form;
  },
};
