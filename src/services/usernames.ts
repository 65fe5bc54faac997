/**
 * Usernames are unique case-insensitively: two spellings that agree after Unicode NFKC and lower-casing
 * are the same account. The spelling the user chose is kept for display.
 */

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 64;

/** Letters and digits of any script (with their combining marks) and . _ - @ + so e-mail addresses fit. */
const ALLOWED_USERNAME = /^[\p{L}\p{M}\p{N}._@+-]+$/u;

export const USERNAME_RULE = `${USERNAME_MIN_LENGTH}-${USERNAME_MAX_LENGTH} characters: letters, digits and . _ - @ +`;

/** The identity key of a username. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}

/** Why a username is not acceptable, or null when it is. */
export function usernameProblem(username: string): string | null {
  const normalized = username.normalize('NFKC');
  const length = [...normalized].length;
  if (length < USERNAME_MIN_LENGTH) return `must be at least ${USERNAME_MIN_LENGTH} characters`;
  if (length > USERNAME_MAX_LENGTH) return `must be at most ${USERNAME_MAX_LENGTH} characters`;
  if (!ALLOWED_USERNAME.test(normalized)) return 'may contain only letters, digits and . _ - @ +';
  return null;
}
