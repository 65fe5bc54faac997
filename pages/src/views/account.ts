import { accountSections } from '../account';
import { verifyBanner } from '../account/email';
import { h } from '../dom';
import type { View } from '../page';

/** The account console: one card per section in account/index.ts. */
export const accountView: View = {
  id: 'account',
  title: 'Your account',
  audience: 'signed-in',
  render(page) {
    const user = page.user;
    const signOut = h('button', { type: 'button', class: 'secondary' }, 'Sign out');
    signOut.addEventListener('click', async () => {
      signOut.disabled = true;
      const result = await page.auth.logout();
      signOut.disabled = false;
      // 401: the session had already ended, which is what signing out wants.
      if (result.error && result.error.status !== 401) {
        page.notify(page.failed(result.error), 'warning');
        return;
      }
      page.signedOut('You have signed out.');
    });
    const sections =
      user === undefined
        ? []
        : accountSections.map((section) =>
            h(
              'section',
              { class: 'card', id: section.id, 'aria-labelledby': `${section.id}-heading` },
              h('h2', { id: `${section.id}-heading` }, section.title),
              section.render(page, user),
            ),
          );
    return h(
      'div',
      { class: 'console' },
      h(
        'div',
        { class: 'console-header' },
        h(
          'div',
          {},
          h('h1', { tabindex: '-1' }, 'Your account'),
          h('p', { class: 'muted' }, `Signed in as ${user?.username ?? ''}`),
        ),
        signOut,
      ),
      user === undefined ? null : verifyBanner(page, user),
      ...sections,
    );
  },
};
