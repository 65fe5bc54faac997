/** unicode-script ships no types; these are the functions the username rules use. */
declare module 'unicode-script' {
  /** ISO 15924 codes of the Script_Extensions of every character of the string. */
  export function unicodeScriptExtensionCodes(text: string): Set<string>;
  /** UTS #39 augmented script set of one character (Common and Inherited stand for every script). */
  export function unicodeAugmentedScriptCodes(character: string): Set<string>;
}
