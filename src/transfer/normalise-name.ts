const APOSTROPHES = /['’‘`]/g;
const COMBINING_MARKS = /\p{M}/gu;
const SEPARATOR_RUNS = /[-.\s]+/g;

/**
 * ESR's name normalisation (esr.md): NFKD, combining marks removed, lower case, apostrophes
 * removed, runs of hyphens, dots and white space to one space, trimmed.
 * `Zoë` → `zoe`, `O’Brien` → `obrien`, `Mary-Jane` → `mary jane`.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(SEPARATOR_RUNS, ' ')
    .trim();
}

export function namesMatch(a: string, b: string): boolean {
  return normaliseName(a) === normaliseName(b);
}
