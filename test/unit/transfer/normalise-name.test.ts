import { namesMatch, normaliseName } from '../../../src/transfer/normalise-name';

/** The connector's name normalisation against esr.md ("Names match"), every example and rule. */
describe("the connector's name normalisation (esr.md)", () => {
  it.each([
    ['Zoë', 'ZOE'],
    ['O’Brien', 'OBRIEN'],
    ['O’Brien', "o'brien"],
    ['Mary-Jane', 'MARY JANE'],
    ['Strauß', 'STRAUSS'],
    ['STRAUẞ', 'strauss'],
    ['Søren', 'SOREN'],
    ['Łukasz', 'LUKASZ'],
    ['Ærø', 'AERO'],
    ['Œdipe', 'OEDIPE'],
    ['Đurić', 'DURIC'],
    ['Ħabib', 'HABIB'],
    ['Yıldız', 'YILDIZ'],
    ['Þóra', 'THORA'],
    ['ΟΔΥΣΣΕΥΣ', 'οδυσσευσ'],
    ['Mary\u00ADJane', 'MARYJANE'],
    ['Ma\u200Bry', 'MARY'],
    ['Ma\u200Cry', 'MARY'],
    ['Ma\u200Dry', 'MARY'],
    ['Ma\u2060ry', 'MARY'],
    ['Ma\uFEFFry', 'MARY'],
    ['\uFEFFMary', 'MARY'],
  ])('when %j is compared with %j, then they match', (a, b) => {
    expect(namesMatch(a, b)).toBe(true);
  });

  it.each([
    ['Jon', 'John'],
    ['Ann', 'Anne'],
    ['Mary-Jane', 'MARYJANE'],
    ['Strauß', 'STRAUS'],
  ])('when %j is compared with %j, then they differ: no fuzzy matching', (a, b) => {
    expect(namesMatch(a, b)).toBe(false);
  });

  it.each([
    ['Strauß', 'strauss'],
    ['Æsa Ødegård', 'aesa odegard'],
    ['O’Brien-Ło', 'obrien lo'],
    ['St.\u00AD John', 'st john'],
    ['  Anne\u200B. ', 'anne'],
  ])('when %j is normalised, then it is %j', (name, normalised) => {
    expect(normaliseName(name)).toBe(normalised);
  });
});
