/** Soft hyphen, zero-width space, non-joiner, joiner, word joiner, zero-width no-break space. */
const INVISIBLES = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const COMBINING_MARKS = /\p{M}/gu;
/**
 * Full case folding beyond `toLowerCase` (`ß`, and `ẞ` once lowered, fold to `ss`; a final `ς` to
 * `σ`), then the letters NFKD leaves whole, as ESR's upper-case entry writes them.
 */
const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ς: 'σ',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  þ: 'th',
};
const FOLDED = new RegExp(`[${Object.keys(FOLDED_LETTERS).join('')}]`, 'g');
const APOSTROPHES = /['’‘`]/g;
const SEPARATOR_RUNS = /[-.\s]+/g;

/**
 * ESR's name normalisation (esr.md "Names match"): NFKD, combining marks removed, full case
 * folding, `æ œ ø ł đ ħ ı þ` spelt out, soft hyphens and zero-width characters removed (first, so
 * that U+FEFF, white space to a regular expression, never splits a name), apostrophes removed,
 * runs of hyphens, dots and white space to one space, trimmed.
 * `Zoë` → `zoe`, `O’Brien` → `obrien`, `Mary-Jane` → `mary jane`, `Strauß` → `strauss`.
 */
export function normaliseName(name: string): string {
  return name
    .replace(INVISIBLES, '')
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(FOLDED, (letter) => FOLDED_LETTERS[letter] ?? letter)
    .replace(APOSTROPHES, '')
    .replace(SEPARATOR_RUNS, ' ')
    .trim();
}

export function namesMatch(a: string, b: string): boolean {
  return normaliseName(a) === normaliseName(b);
}
