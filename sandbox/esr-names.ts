/**
 * ESR's name normalisation, as esr.md states it ("Names match"), written here and not imported
 * from the connector so that the search judges the connector's matching instead of sharing its
 * bugs. Both sides of a comparison go through it:
 *
 * 1. Unicode NFKD; 2. combining marks removed; 3. full case folding (lower case, `ß`/`ẞ` → `ss`,
 * final `ς` → `σ`); 4. the letters without a decomposition spelt as ESR's upper-case entry writes
 * them (`æ`→`ae`, `œ`→`oe`, `ø`→`o`, `ł`→`l`, `đ`→`d`, `ħ`→`h`, `ı`→`i`, `þ`→`th`); 5. soft
 * hyphens and zero-width characters (U+00AD, U+200B–U+200D, U+2060, U+FEFF) removed; 6. every
 * apostrophe (`'`, `’`, `‘`, `` ` ``) removed; 7. every run of hyphens, dots and white space turned
 * into one space; 8. trimmed.
 *
 * `Zoë` → `zoe`, `O’Brien` → `obrien`, `Mary-Jane` → `mary jane`, `Strauß` → `strauss`,
 * `Søren` → `soren`; `Jon` stays `jon` (no fuzzy match).
 */
const SPELT_OUT = new Map([
  ['ß', 'ss'],
  ['ς', 'σ'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['ø', 'o'],
  ['ł', 'l'],
  ['đ', 'd'],
  ['ħ', 'h'],
  ['ı', 'i'],
  ['þ', 'th'],
]);

const STEPS: readonly ((name: string) => string)[] = [
  (name) => name.normalize('NFKD'),
  (name) => name.replace(/\p{Mark}/gu, ''),
  (name) => name.toLowerCase(),
  (name) => Array.from(name, (letter) => SPELT_OUT.get(letter) ?? letter).join(''),
  (name) => name.replace(/\u00AD|\u200B|\u200C|\u200D|\u2060|\uFEFF/g, ''),
  (name) => name.replace(/['’‘`]/g, ''),
  // \s alone would take U+FEFF for a space: step 5 has removed it
  (name) => name.replace(/[-.\s]+/g, ' '),
  (name) => name.trim(),
];

export function normaliseEsrName(name: string): string {
  return STEPS.reduce((text, step) => step(text), name);
}

export function esrNamesEqual(a: string, b: string): boolean {
  return normaliseEsrName(a) === normaliseEsrName(b);
}
