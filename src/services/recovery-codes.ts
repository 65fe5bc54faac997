import { createHash, randomInt } from 'node:crypto';

/**
 * Recovery codes: the way back in when the authenticator app is lost. Ten at a time, shown once; only
 * their hashes are kept. Each is 16 characters of Crockford's base32 (80 random bits), written in
 * groups of four, so a fast hash is enough: no list of guesses covers that space.
 */

export const RECOVERY_CODE_COUNT = 10;
const CODE_LENGTH = 16;
const GROUP = 4;
/** Crockford's base32: no i, l, o or u, so what is read aloud or copied by hand survives. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export interface RecoveryCodeSet {
  /** As shown to the user, once. */
  codes: string[];
  /** As stored. */
  hashes: string[];
}

export function generateRecoveryCodes(userKey: string): RecoveryCodeSet {
  const canonical = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return {
    codes: canonical.map((code) => code.match(new RegExp(`.{${GROUP}}`, 'g'))?.join('-') ?? code),
    hashes: canonical.map((code) => hashCanonical(userKey, code)),
  };
}

/** The stored form of a code as typed, or null when it cannot be a recovery code at all. */
export function hashRecoveryCode(userKey: string, input: string): string | null {
  const canonical = normalizeRecoveryCode(input);
  return canonical === null ? null : hashCanonical(userKey, canonical);
}

/** The code as typed, in canonical form (case, spaces and dashes ignored; o and i/l read as 0 and 1), or null. */
function normalizeRecoveryCode(input: string): string | null {
  const canonical = input.toLowerCase().replace(/[\s-]/g, '').replace(/o/g, '0').replace(/[il]/g, '1');
  if (canonical.length !== CODE_LENGTH || [...canonical].some((character) => !ALPHABET.includes(character))) return null;
  return canonical;
}

/** Salted with the user, so equal codes of two users never share a hash. */
function hashCanonical(userKey: string, canonicalCode: string): string {
  return createHash('sha256').update(`recovery-code\0${userKey}\0${canonicalCode}`, 'utf8').digest('base64url');
}
