import { alertLine, field, formValues, h, whileBusy } from '../dom';
import type { AccountSection } from '../page';
import { secondFactorField, secondFactorOf } from '../second-factor';

export const passwordSection: AccountSection = {
  id: 'password',
  title: 'Change password',
  render(page) {
    const error = alertLine('password-error');
    const form = h(
      'form',
      { class: 'stack', 'aria-labelledby': 'password-heading', novalidate: true },
      field({
        id: 'current-password',
        label: 'Current password',
        name: 'currentPassword',
        type: 'password',
        autocomplete: 'current-password',
      }),
      field({
        id: 'new-password',
        label: 'New password',
        name: 'newPassword',
        type: 'password',
        autocomplete: 'new-password',
        hint: 'At least 8 characters. Your other devices will be signed out.',
        attributes: { maxlength: '256' },
      }),
      secondFactorField('password-second-factor'),
      error,
      h('button', { type: 'submit', class: 'primary' }, 'Change password'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      const { currentPassword = '', newPassword = '', secondFactor } = formValues(form);
      const result = await whileBusy(form, () =>
        page.auth.changePassword({ currentPassword, newPassword, ...secondFactorOf(secondFactor) }),
      );
      if (result.error) {
        error.textContent = page.failed(result.error);
        return;
      }
      page.notify('Your password has been changed, and your other devices were signed out.', 'success');
      page.reload();
    });
    return form;
  },
};
