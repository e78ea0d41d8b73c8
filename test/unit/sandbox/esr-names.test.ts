import { esrNamesEqual, normaliseEsrName } from '../../../sandbox/esr-names';

/**
 * The ESR sandbox's name normalisation against esr.md ("Names match"), step by step. It is the
 * sandbox's own, not the connector's: the search the connector's matching is judged by.
 */
describe('ESR sandbox name normalisation (esr.md)', () => {
  it.each([
    ['1. Unicode NFKD: compatibility forms', 'Ｊｏｈｎ', 'john'],
    ['2. combining marks removed', 'Zoë Nuñez', 'zoe nunez'],
    ['2. marks of a decomposed letter removed', 'Zoe\u0308', 'zoe'],
    ['3. full case folding: lower case', 'MACLEOD', 'macleod'],
    ['3. full case folding: ß becomes ss', 'Strauß', 'strauss'],
    ['3. full case folding: capital ẞ becomes ss', 'STRAUẞ', 'strauss'],
    ['3. full case folding: final ς becomes σ', 'ΟΔΥΣΣΕΥΣ', 'οδυσσευσ'],
    ['4. letters without decomposition: æ œ', 'Æsa Œdipe', 'aesa oedipe'],
    ['4. letters without decomposition: ø ł đ', 'Søren Łukasz Đurić', 'soren lukasz duric'],
    ['4. letters without decomposition: ħ ı þ', 'Ħabib Yıldız Þóra', 'habib yildiz thora'],
    ['5. soft hyphen removed', 'Mary\u00ADJane', 'maryjane'],
    ['5. zero-width space, non-joiner, joiner removed', 'M\u200Ba\u200Cr\u200Dy', 'mary'],
    ['5. word joiner and zero-width no-break space removed', 'Ma\u2060r\uFEFFy', 'mary'],
    ['6. straight apostrophe removed', "O'Brien", 'obrien'],
    ['6. right single quotation mark removed', 'O’Brien', 'obrien'],
    ['6. left single quotation mark removed', 'D‘Arcy', 'darcy'],
    ['6. grave accent removed', 'D`Arcy', 'darcy'],
    ['7. a hyphen becomes a space', 'Mary-Jane', 'mary jane'],
    ['7. a dot becomes a space', 'St.John', 'st john'],
    ['7. a run of hyphens, dots and white space becomes one space', 'St. - \tJohn', 'st john'],
    ['8. trimmed', '  Anne. ', 'anne'],
  ])('when the rule is %s, then %j becomes %j', (_rule, name, normalised) => {
    expect(normaliseEsrName(name)).toBe(normalised);
  });

  it.each([
    ['Zoë', 'ZOE'],
    ['O’Brien', 'OBRIEN'],
    ['O’Brien', "o'brien"],
    ['Mary-Jane', 'MARY JANE'],
    ['Strauß', 'STRAUSS'],
    ['Søren', 'SOREN'],
    ['Łukasz', 'LUKASZ'],
    ['Ærø', 'AERO'],
    ['Mary\u00ADJane', 'MARYJANE'],
    ['Ma\u200Bry', 'MARY'],
  ])("when esr.md's example %j is compared with %j, then they are equal", (a, b) => {
    expect(esrNamesEqual(a, b)).toBe(true);
  });

  it.each([
    ['Jon', 'John'],
    ['Ann', 'Anne'],
    ['Mary-Jane', 'MaryJane'],
  ])('when %j is compared with %j, then they differ: no fuzzy matching', (a, b) => {
    expect(esrNamesEqual(a, b)).toBe(false);
  });
});
