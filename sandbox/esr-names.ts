/**
 * ESR's name normalisation, as esr.md states it ("Names match"), written here and not imported
 * from the connector so that the search judges the connector's matching instead of sharing its
 * bugs. Both sides of a comparison go through it:
 *
 * 1. Unicode NFKD; 2. combining marks removed; 3. lower case; 4. every apostrophe (`'`, `’`, `‘`,
 * `` ` ``) removed; 5. every run of hyphens, dots and white space turned into one space; 6. trimmed.
 *
 * `Zoë` → `zoe`, `O’Brien` → `obrien`, `Mary-Jane` → `mary jane`; `Jon` stays `jon` (no fuzzy match).
 */
const STEPS: readonly ((name: string) => string)[] = [
  (name) => name.normalize('NFKD'),
  (name) => name.replace(/\p{Mark}/gu, ''),
  (name) => name.toLowerCase(),
  (name) => name.replace(/['’‘`]/g, ''),
  (name) => name.replace(/[-.\s]+/g, ' '),
  (name) => name.trim(),
];

export function normaliseEsrName(name: string): string {
  return STEPS.reduce((text, step) => step(text), name);
}

export function esrNamesEqual(a: string, b: string): boolean {
  return normaliseEsrName(a) === normaliseEsrName(b);
}
