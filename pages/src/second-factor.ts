import { field } from './dom';

/**
 * The second factor a step-up form carries (the service asks for it, with the password, once two-step
 * verification is on): one field that takes either the app's 6-digit code or a recovery code.
 */
export function secondFactorField(id: string): HTMLElement {
  return field({
    id,
    label: 'Code from your authenticator app',
    name: 'secondFactor',
    autocomplete: 'one-time-code',
    hint: 'Only if two-step verification is on. A recovery code works too.',
    attributes: { required: false, inputmode: 'text', maxlength: '64', spellcheck: 'false', autocapitalize: 'none' },
  });
}

/** What was typed, as the API's fields: six digits are a code, anything else a recovery code, nothing neither. */
export function secondFactorOf(typed: string | undefined): { code?: string; recoveryCode?: string } {
  const value = (typed ?? '').trim();
  if (value === '') return {};
  const digits = value.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? { code: digits } : { recoveryCode: value };
}
