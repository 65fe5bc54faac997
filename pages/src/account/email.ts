import { alertLine, field, formValues, h, whileBusy } from '../dom';
import type { AccountSection } from '../page';
import { secondFactorField, secondFactorOf } from '../second-factor';

/** The address: its state, a resend for an unverified one, and changing it (with the password, and the code once two-step verification is on). */
export const emailSection: AccountSection = {
  id: 'email',
  title: 'Email address',
  render(page, user) {
    const status =
      user.email === null
        ? 'No email address yet. Add one to be able to reset your password.'
        : user.emailVerified
          ? `${user.email} (verified)`
          : `${user.email} (not verified yet)`;
    const error = alertLine('email-error');
    const form = h(
      'form',
      { class: 'stack', 'aria-labelledby': 'email-heading', novalidate: true },
      field({
        id: 'new-email',
        label: user.email === null ? 'Email address' : 'New email address',
        name: 'email',
        type: 'email',
        autocomplete: 'email',
      }),
      field({
        id: 'email-password',
        label: 'Current password',
        name: 'password',
        type: 'password',
        autocomplete: 'current-password',
      }),
      secondFactorField('email-second-factor'),
      error,
      h('button', { type: 'submit', class: 'primary' }, user.email === null ? 'Add address' : 'Change address'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      const { email = '', password = '', secondFactor } = formValues(form);
      const result = await whileBusy(form, () => page.auth.changeEmail({ email, password, ...secondFactorOf(secondFactor) }));
      if (result.error) {
        error.textContent = page.failed(result.error);
        return;
      }
      page.notify(
        'pendingEmail' in result.data
          ? `We sent a link to ${result.data.pendingEmail}. Open it to confirm the address.`
          : 'That is already your verified address.',
      );
      page.reload();
    });
    return h('div', { class: 'stack' }, h('p', { id: 'email-status' }, status), form);
  },
};

/** The banner over the account console while an address waits for verification, with "resend". */
export function verifyBanner(
  page: Parameters<AccountSection['render']>[0],
  user: Parameters<AccountSection['render']>[1],
): HTMLElement | null {
  const waiting = user.pendingEmail ?? (user.emailVerified ? null : user.email);
  if (waiting === null) return null;
  const resend = h('button', { type: 'button', class: 'secondary', id: 'resend-verification' }, 'Resend link');
  const line = h('p', { role: 'status' });
  resend.addEventListener('click', async () => {
    resend.disabled = true;
    const result = await page.auth.resendVerification();
    resend.disabled = false;
    line.textContent = result.error
      ? page.failed(result.error)
      : `A new link is on its way to ${waiting}; the older one no longer works.`;
  });
  return h(
    'div',
    { class: 'notice warning', id: 'verify-banner' },
    h('p', {}, `Please verify your email address: open the link we sent to ${waiting}.`),
    resend,
    line,
  );
}
