import { h } from '../dom';
import type { Page } from '../page';

/** "You will return to app.example.com": which app asked for the sign-in, when one did. */
export function returnNote(page: Page): HTMLElement | null {
  const target = page.redirect;
  if (target === undefined || !('url' in target) || target.url.origin === location.origin) return null;
  return h('p', { class: 'return-note' }, 'Afterwards you will return to ', h('strong', {}, target.url.host), '.');
}
