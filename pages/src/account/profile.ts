import { h } from '../dom';
import type { AccountSection } from '../page';
import { longDate } from '../time';

export const profileSection: AccountSection = {
  id: 'profile',
  title: 'Profile',
  render(_page, user) {
    const row = (term: string, value: string) => [h('dt', {}, term), h('dd', {}, value)];
    return h(
      'dl',
      { class: 'facts' },
      ...row('Name', user.name),
      ...row('Username', user.username),
      ...row('Member since', longDate(user.createdAt)),
    );
  },
};
