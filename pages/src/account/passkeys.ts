import type { Passkey } from '@serverless-auth/client';
import { alertLine, field, formValues, h, whileBusy } from '../dom';
import type { AccountSection, Page } from '../page';
import { addPasskey, passkeysSupported } from '../passkeys';
import { secondFactorField, secondFactorOf } from '../second-factor';
import { timeElement } from '../time';

/** One passkey in the list, with its removal form (the password is the fresh proof the service asks for). */
function passkeyItem(page: Page, passkey: Passkey, index: number): HTMLLIElement {
  const nameId = `passkey-${index}-name`;
  const details = h(
    'p',
    { class: 'muted small' },
    passkey.synced ? 'Synced across your devices' : 'On this one device only',
    ' · Added ',
    timeElement(passkey.createdAt),
    ' · ',
    passkey.lastUsedAt === null ? 'Never used' : 'Last used ',
    passkey.lastUsedAt === null ? null : timeElement(passkey.lastUsedAt),
  );
  const error = alertLine(`passkey-${index}-error`);
  const remove = h(
    'form',
    { class: 'stack', novalidate: true, 'aria-label': `Remove ${passkey.name}` },
    field({
      id: `passkey-${index}-password`,
      label: 'Your password, to remove it',
      name: 'password',
      type: 'password',
      autocomplete: 'current-password',
    }),
    secondFactorField(`passkey-${index}-second-factor`),
    error,
    h('button', { type: 'submit', class: 'secondary compact', 'aria-describedby': nameId }, 'Remove'),
  );
  remove.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const { password = '', secondFactor } = formValues(remove);
    if (password === '') {
      error.textContent = 'Enter your password to remove this passkey.';
      return;
    }
    const result = await whileBusy(remove, () =>
      page.auth.removePasskey(passkey.id, { password, ...secondFactorOf(secondFactor) }),
    );
    if (result.error && result.error.code !== 'NOT_FOUND') {
      error.textContent = page.failed(result.error);
      return;
    }
    page.notify(`Removed the passkey “${passkey.name}”.`, 'success');
    page.reload();
  });
  return h('li', { class: 'session' }, h('div', {}, h('p', { class: 'device', id: nameId }, passkey.name), details), remove);
}

export const passkeysSection: AccountSection = {
  id: 'passkeys',
  title: 'Passkeys',
  render(page) {
    const error = alertLine('passkeys-error');
    const list = h('ul', { class: 'sessions', 'aria-labelledby': 'passkeys-heading', 'aria-busy': 'true' });
    const add = h(
      'form',
      { class: 'stack', novalidate: true, 'aria-label': 'Add a passkey' },
      field({
        id: 'passkey-name',
        label: 'Name for the new passkey (optional)',
        name: 'name',
        autocomplete: 'off',
        hint: 'For example "Work laptop". Up to 64 characters.',
        attributes: { required: false, maxlength: '64' },
      }),
      error,
      h('button', { type: 'submit', class: 'primary' }, 'Add a passkey'),
    );
    add.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      const { name = '' } = formValues(add);
      const added = await whileBusy(add, () => addPasskey(page, name.trim()));
      if (!added.ok) {
        error.textContent = added.message;
        return;
      }
      page.notify(`Added the passkey “${added.value.name}”. You can sign in with it now.`, 'success');
      page.reload();
    });
    void page.auth.passkeys().then((result) => {
      list.removeAttribute('aria-busy');
      if (result.error) {
        error.textContent = page.failed(result.error);
        return;
      }
      if (result.data.length === 0) list.replaceChildren(h('li', { class: 'muted' }, 'You have no passkeys yet.'));
      else list.replaceChildren(...result.data.map((passkey, index) => passkeyItem(page, passkey, index)));
    });
    return h(
      'div',
      {},
      h(
        'p',
        { class: 'muted' },
        'A passkey signs you in with your fingerprint, face or device PIN instead of your password, and cannot be phished.',
      ),
      list,
      passkeysSupported() ? add : h('p', { class: 'muted' }, 'This browser cannot create passkeys.'),
    );
  },
};
