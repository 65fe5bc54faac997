import type { AccountSection } from '../page';
import { deleteAccountSection } from './delete-account';
import { emailSection } from './email';
import { passkeysSection } from './passkeys';
import { passwordSection } from './password';
import { profileSection } from './profile';
import { sessionsSection } from './sessions';
import { twoStepSection } from './two-step';

/** The account console's sections, in the order they are shown. */
export const accountSections: readonly AccountSection[] = [
  profileSection,
  emailSection,
  sessionsSection,
  passkeysSection,
  twoStepSection,
  passwordSection,
  deleteAccountSection,
];
