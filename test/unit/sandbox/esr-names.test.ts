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
    ['3. lower case', 'MACLEOD', 'macleod'],
    ['4. straight apostrophe removed', "O'Brien", 'obrien'],
    ['4. right single quotation mark removed', 'O’Brien', 'obrien'],
    ['4. left single quotation mark removed', 'D‘Arcy', 'darcy'],
    ['4. grave accent removed', 'D`Arcy', 'darcy'],
    ['5. a hyphen becomes a space', 'Mary-Jane', 'mary jane'],
    ['5. a dot becomes a space', 'St.John', 'st john'],
    ['5. a run of hyphens, dots and white space becomes one space', 'St. - \tJohn', 'st john'],
    ['6. trimmed', '  Anne. ', 'anne'],
  ])('when the rule is %s, then %j becomes %j', (_rule, name, normalised) => {
    expect(normaliseEsrName(name)).toBe(normalised);
  });

  it.each([
    ['Zoë', 'ZOE'],
    ['O’Brien', 'OBRIEN'],
    ['O’Brien', "o'brien"],
    ['Mary-Jane', 'MARY JANE'],
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
