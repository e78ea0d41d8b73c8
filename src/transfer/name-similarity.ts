import { normaliseName } from './normalise-name';

/** The shortest name a prefix or an edit may be judged on: `Li` and `Lu` are never one name. */
const MIN_LETTERS = 3;
/** From this many letters (both names), two edits may still be one name (`Mohammed`/`Muhammad`). */
const TWO_EDIT_LETTERS = 5;

/**
 * Optimal string alignment distance (restricted Damerau–Levenshtein): the fewest inserts, deletes,
 * replacements and swaps of two neighbours that turn one string into the other, no substring
 * edited twice. Counts Unicode code points, not UTF-16 units.
 */
export function editDistance(a: string, b: string): number {
  const [s, t] = [Array.from(a), Array.from(b)];
  // rows[i][j]: the distance between the first i letters of s and the first j of t
  const rows = Array.from({ length: s.length + 1 }, (_row, i) =>
    Array.from({ length: t.length + 1 }, (_cell, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= s.length; i += 1) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(s.length, t.length);
}

const letterCount = (name: string) => Array.from(name.replace(/ /g, '')).length;

/**
 * Whether two first names may be one name written differently (connector.md, match preview,
 * `FIRST_NAME_DIFFERS`): after esr.md's normalisation, equal; or one a prefix of the other with 3
 * letters or more (`Alex`/`Alexandra`); or at most 2 edits apart with 5 letters or more in both;
 * or 1 edit apart with 3 or 4. Anything else is plainly another person's name (`Aoife`/`Ciara`,
 * twins), and a hint must never point HR at that person's record.
 */
export function mayBeSameFirstName(a: string, b: string): boolean {
  const [x, y] = [normaliseName(a), normaliseName(b)];
  if (x === y) return true;
  const shorter = Math.min(letterCount(x), letterCount(y));
  if (shorter < MIN_LETTERS) return false;
  if (x.startsWith(y) || y.startsWith(x)) return true;
  return editDistance(x, y) <= (shorter >= TWO_EDIT_LETTERS ? 2 : 1);
}
