import { editDistance, mayBeSameFirstName } from '../../../src/transfer/name-similarity';

describe('edit distance (optimal string alignment)', () => {
  it.each([
    ['', '', 0],
    ['aoife', 'aoife', 0],
    ['jon', 'john', 1],
    ['john', 'jon', 1],
    ['aoife', 'aiofe', 1],
    ['li', 'lu', 1],
    ['ann', 'anna', 1],
    ['ca', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['aoife', 'ciara', 5],
    ['', 'abc', 3],
    ['zoë', 'zoe', 1],
  ])('when %j and %j are compared, then they are %d edits apart', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

/** connector.md's hint table, FIRST_NAME_DIFFERS: names that may be one name written differently. */
describe('first names that may be the same name written differently', () => {
  it.each([
    ['Alex', 'Alexandra', 'one is a prefix of the other, 4 letters'],
    ['Ann', 'Anna', 'prefix of 3 letters'],
    ['Ann', 'ANNE', 'prefix of 3 letters, case aside'],
    ['Jon', 'John', '1 edit, 3–4 letters'],
    ['Eva', 'Ava', '1 edit, 3 letters'],
    ['Aoife', 'Aiofe', 'a swap of neighbours is 1 edit'],
    ['Siobhan', 'Shiobhan', '1 edit, 5+ letters'],
    ['Katharine', 'Katherine', '1 edit'],
    ['Mohammed', 'Muhammad', '2 edits, both 5+ letters'],
    ['Stephen', 'Steven', '2 edits, both 5+ letters'],
    ['Zoë', 'Zoey', 'accents aside, a prefix of 3 letters'],
    ['Søren', 'SOREN', 'the same name under normalisation'],
  ])('when %j and %j are compared (%s), then they may be the same', (a, b) => {
    expect(mayBeSameFirstName(a, b)).toBe(true);
    expect(mayBeSameFirstName(b, a)).toBe(true);
  });

  it.each([
    ['Aoife', 'Ciara', 'twins: plainly two people'],
    ['Li', 'Lu', '2 letters: never'],
    ['Li', 'Lia', 'a prefix of 2 letters only'],
    ['Al', 'Alexandra', 'a prefix of 2 letters only'],
    ['Mary', 'Marie', '2 edits with 4 letters'],
    ['Sean', 'Shaun', '2 edits with 4 letters'],
    ['Anna', 'Hannah', '2 edits with 4 letters'],
    ['Ian', 'Ivy', '2 edits with 3 letters'],
    ['Daniel', 'Rachel', '3 edits'],
  ])('when %j and %j are compared (%s), then they are plainly two names', (a, b) => {
    expect(mayBeSameFirstName(a, b)).toBe(false);
    expect(mayBeSameFirstName(b, a)).toBe(false);
  });
});
