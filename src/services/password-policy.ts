import { usernameKey } from './usernames';

/**
 * NIST SP 800-63B: length (checked by the request schema), no composition rules, and a refusal of
 * passwords that are known to attackers. The list is zxcvbn's common-passwords dictionary (about 49,000
 * passwords from breach corpora), shipped in @zxcvbn-ts/language-common; no network call is made.
 */

let commonPasswords: Set<string> | undefined;

/**
 * Loads the list. Only the routes that set a password need it, and they await this before they validate
 * a body: a cold start or a server that only verifies tokens never loads the package, which decompresses
 * its dictionaries and builds keyboard graphs when imported.
 */
export async function loadPasswordPolicy(): Promise<void> {
  if (commonPasswords !== undefined) return;
  const { dictionary } = await import('@zxcvbn-ts/language-common');
  commonPasswords ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
}

function isCommonPassword(password: string): boolean {
  if (commonPasswords === undefined) throw new Error('the password policy is not loaded: await loadPasswordPolicy() first');
  return commonPasswords.has(password.toLowerCase());
}

const comparable = (value: string): string => value.normalize('NFKC').toLowerCase();

/** Why a new password is not acceptable for this username, or null when it is. */
export function passwordPolicyProblem(password: string, username: string): string | null {
  if (isCommonPassword(password) || isCommonPassword(comparable(password))) {
    return 'is too common: it appears in lists of breached passwords';
  }
  if (comparable(password).includes(usernameKey(username))) return 'must not contain the username';
  if (new Set(password).size === 1) return 'must not be one character repeated';
  return null;
}
