import type { Session } from '@serverless-auth/client';
import { deviceName } from '../devices';
import { alertLine, h } from '../dom';
import type { AccountSection, Page } from '../page';
import { timeElement } from '../time';

function sessionItem(page: Page, session: Session, index: number, error: HTMLElement): HTMLLIElement {
  const nameId = `session-${index}-device`;
  const name = h('p', { class: 'device', id: nameId }, deviceName(session.userAgent));
  if (session.current) name.append(h('span', { class: 'badge' }, 'This device'));
  const details = h(
    'p',
    { class: 'muted small' },
    'Signed in ',
    timeElement(session.createdAt),
    ' · Last active ',
    timeElement(session.lastUsedAt),
    session.ip === null ? '' : ` · ${session.ip}`,
  );
  const item = h('li', { class: session.current ? 'session current' : 'session' }, h('div', {}, name, details));
  if (!session.current) {
    const revoke = h('button', { type: 'button', class: 'secondary compact', 'aria-describedby': nameId }, 'Sign out');
    revoke.addEventListener('click', async () => {
      revoke.disabled = true;
      error.textContent = '';
      const result = await page.auth.revokeSession(session.id);
      if (result.error && result.error.code !== 'NOT_FOUND') {
        revoke.disabled = false;
        error.textContent = page.failed(result.error);
        return;
      }
      page.notify(`Signed out of ${deviceName(session.userAgent)}.`, 'success');
      page.reload();
    });
    item.append(revoke);
  }
  return item;
}

export const sessionsSection: AccountSection = {
  id: 'sessions',
  title: 'Where you are signed in',
  render(page) {
    const error = alertLine('sessions-error');
    const list = h('ul', { class: 'sessions', 'aria-labelledby': 'sessions-heading', 'aria-busy': 'true' });
    const everywhere = h('button', { type: 'button', class: 'secondary' }, 'Sign out everywhere');
    everywhere.addEventListener('click', async () => {
      everywhere.disabled = true;
      const result = await page.auth.logoutAll();
      everywhere.disabled = false;
      if (result.error && result.error.status !== 401) {
        error.textContent = page.failed(result.error);
        return;
      }
      const count = result.data?.revoked ?? 0;
      page.signedOut(`You have signed out everywhere (${count} ${count === 1 ? 'session' : 'sessions'} ended).`);
    });
    void page.auth.sessions().then((result) => {
      list.removeAttribute('aria-busy');
      if (result.error) {
        error.textContent = page.failed(result.error);
        return;
      }
      list.replaceChildren(...result.data.map((session, index) => sessionItem(page, session, index, error)));
    });
    return h(
      'div',
      {},
      h(
        'p',
        { class: 'muted' },
        'Your devices that are signed in, most recently active first. Sign out any you do not recognise.',
      ),
      list,
      error,
      h('div', { class: 'actions' }, everywhere),
    );
  },
};
