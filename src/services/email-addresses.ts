import * as z from 'zod';

/**
 * Email addresses as the service keeps them: trimmed, with the domain lower-cased (the local part is
 * the mailbox's own business, so its case is kept for sending). Two spellings that differ only in case
 * are one address for uniqueness and sign-in: the claim item's key is the whole address lower-cased.
 */

/** RFC 5321's limit on a forward path. */
export const MAX_ADDRESS_LENGTH = 254;

const validAddress = z.email();

export function normaliseAddress(raw: string): string {
  const trimmed = raw.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed;
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/** What is wrong with an address, or null when it is a valid one (after normalising). */
export function addressProblem(raw: string): string | null {
  const address = normaliseAddress(raw);
  if (address.length > MAX_ADDRESS_LENGTH) return `must be at most ${MAX_ADDRESS_LENGTH} characters`;
  return validAddress.safeParse(address).success ? null : 'is not an email address';
}

/** The identity of an address for uniqueness and sign-in. */
export const addressIdentity = (address: string): string => normaliseAddress(address).toLowerCase();

export const sameAddress = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && addressIdentity(a) === addressIdentity(b);
