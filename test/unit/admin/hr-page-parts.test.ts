import { transfersNamedIn } from '../../../src/admin/audit/audit-log';
import { candidateIds } from '../../../src/admin/transfers/find-transfers';
import { pageNumbers } from '../../../src/admin/pages/pagination-html';

describe('the pages shown by the pagination (0 is a gap)', () => {
  it.each([
    [1, 1, [1]],
    [1, 3, [1, 2, 3]],
    [1, 10, [1, 2, 3, 0, 10]],
    [5, 10, [1, 0, 3, 4, 5, 6, 7, 0, 10]],
    [10, 10, [1, 0, 8, 9, 10]],
    [4, 7, [1, 2, 3, 4, 5, 6, 7]],
  ])('when page %i of %i is shown, then the numbers are %j', (current, last, expected) => {
    expect(pageNumbers(current, last)).toEqual(expected);
  });
});

describe('the transfer ids a search may mean', () => {
  const codes = ['R0A', '7A1'];

  it('when a Trac applicant id is typed, then it is looked for in every organisation, as typed, in capitals and in small letters', () => {
    expect(candidateIds(' A-100234 ', codes)).toEqual([
      'R0A-A-100234',
      'R0A-a-100234',
      '7A1-A-100234',
      '7A1-a-100234',
    ]);
    expect(candidateIds('a-100234', codes)).toContain('R0A-A-100234');
  });

  it('when a transfer id is typed in lower case, then its organisation code is read in capitals', () => {
    expect(candidateIds('r0a-A-100234', codes)).toContain('R0A-A-100234');
  });

  it.each(['', '   ', '<script>', 'A'.repeat(81), '../../etc'])(
    'when %j is typed, then no key is looked up that is not a transfer id',
    (text) => {
      expect(candidateIds(text, codes).every((id) => /^[A-Z0-9]{3,5}-[A-Za-z0-9_-]{1,64}$/.test(id))).toBe(
        true,
      );
      expect(candidateIds(text, codes).filter((id) => id.includes('<') || id.includes('/'))).toEqual([]);
    },
  );
});

describe('the transfers an audit target names', () => {
  it.each([
    ['R0A-A-100234', ['R0A-A-100234']],
    ['reason=NO_ESR_MATCH: R0A-A-1,7A1-B-2 and 3 more', ['R0A-A-1', '7A1-B-2']],
    ['PUT /api/queues/transfers/R0A-A-9/retry', ['R0A-A-9']],
    ['manual start', []],
    ['all failed: none', []],
  ])('when the target is %j, then it names %j', (target, expected) => {
    expect(transfersNamedIn(target)).toEqual(expected);
  });
});
