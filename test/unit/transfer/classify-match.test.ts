import type { Organisation } from '../../../config/organisations';
import type { EsrCandidate } from '../../../src/esr/esr-schemas';
import { classifyMatch, swappedDateOfBirth } from '../../../src/transfer/classify-match';
import { matchingCandidates } from '../../../src/transfer/match-applicant';

const R0A: Organisation = { code: 'R0A', name: 'Trust', ditProvider: 'TIS', enabled: true };
const person = { forename: 'Aoife', surname: 'O’Brien', dateOfBirth: '1994-03-07' };
const SWAPPED = '1994-07-03';

let nextId = 4417700;
function aCandidate(overrides: Partial<EsrCandidate> = {}): EsrCandidate {
  nextId += 1;
  return {
    esrApplicantId: String(nextId),
    organisationCode: 'R0A',
    firstName: 'AOIFE',
    lastName: "O'BRIEN",
    dateOfBirth: person.dateOfBirth,
    recordOrigin: 'TIS',
    personType: 'APPLICANT',
    applicationStatus: 'ACTIVE',
    hasProfessionalRegistration: false,
    ...overrides,
  };
}

const noSwap = { dateOfBirth: SWAPPED, candidates: [] };

describe('swapped date of birth', () => {
  it.each([
    ['1994-03-07', '1994-07-03'],
    ['1990-12-01', '1990-01-12'],
    ['2000-01-12', '2000-12-01'],
  ])('when the birth date is %s, then the swap is %s', (date, swapped) => {
    expect(swappedDateOfBirth(date)).toBe(swapped);
  });

  it.each([
    ['1994-03-13', 'the day is above 12: no month 13'],
    ['1994-07-31', 'the day is above 12'],
    ['2000-02-29', '29 February: no month 29'],
    ['1994-05-05', 'day and month are equal: the same date'],
    ['not-a-date', 'no date at all'],
  ])('when the birth date is %s (%s), then there is no swap', (date) => {
    expect(swappedDateOfBirth(date)).toBeUndefined();
  });
});

describe('classifying ESR candidates as a transfer would match them', () => {
  it('when exactly one in-scope record matches, then MATCHED with it, no hints', () => {
    const match = aCandidate({ firstName: 'aoife', lastName: 'OBRIEN' });
    const others = [aCandidate({ personType: 'EMPLOYEE' })];

    expect(classifyMatch([match, ...others], person, R0A)).toEqual({
      result: 'MATCHED',
      hints: [],
      esrApplicantIds: [match.esrApplicantId],
    });
  });

  it('when several in-scope records match, then AMBIGUOUS_ESR_MATCH with all of them', () => {
    const [a, b] = [aCandidate(), aCandidate()];
    expect(classifyMatch([a, b], person, R0A)).toEqual({
      result: 'AMBIGUOUS_ESR_MATCH',
      hints: ['SEVERAL_ACTIVE_RECORDS'],
      esrApplicantIds: [a.esrApplicantId, b.esrApplicantId],
    });
  });

  it('when ESR holds no one under the date nor the swapped date, then NO_CANDIDATE', () => {
    expect(classifyMatch([], person, R0A, noSwap)).toEqual({
      result: 'NO_ESR_MATCH',
      hints: ['NO_CANDIDATE'],
      esrApplicantIds: [],
    });
  });

  it('when there is no valid swap and no one under the date, then NO_CANDIDATE too', () => {
    expect(classifyMatch([], person, R0A).hints).toEqual(['NO_CANDIDATE']);
  });

  it('when an in-scope record differs in first name only, written differently, then FIRST_NAME_DIFFERS naming it', () => {
    const other = aCandidate({ firstName: 'AIOFE' });
    expect(classifyMatch([other], person, R0A, noSwap)).toEqual({
      result: 'NO_ESR_MATCH',
      hints: ['FIRST_NAME_DIFFERS'],
      esrApplicantIds: [other.esrApplicantId],
    });
  });

  it('when an in-scope record matches under the swapped date, then DATE_OF_BIRTH_DAY_MONTH_SWAPPED naming it', () => {
    const swapped = aCandidate({ dateOfBirth: SWAPPED });
    expect(classifyMatch([], person, R0A, { dateOfBirth: SWAPPED, candidates: [swapped] })).toEqual({
      result: 'NO_ESR_MATCH',
      hints: ['DATE_OF_BIRTH_DAY_MONTH_SWAPPED'],
      esrApplicantIds: [swapped.esrApplicantId],
    });
  });

  it('when someone plainly else is under the swapped date, then NO_CANDIDATE, not the swap hint', () => {
    const stranger = aCandidate({ dateOfBirth: SWAPPED, firstName: 'NIAMH' });
    expect(classifyMatch([], person, R0A, { dateOfBirth: SWAPPED, candidates: [stranger] }).hints).toEqual([
      'NO_CANDIDATE',
    ]);
  });

  it.each([
    ['an EMPLOYEE record', ['EMPLOYEE_RECORD_ONLY'], { personType: 'EMPLOYEE' }],
    ['a CLOSED record', ['CLOSED_RECORD_ONLY'], { applicationStatus: 'CLOSED' }],
    ['an EX_APPLICANT record', ['CLOSED_RECORD_ONLY'], { personType: 'EX_APPLICANT' }],
    ['a MANUAL record', ['OTHER_RECORD_ORIGIN'], { recordOrigin: 'MANUAL' }],
    ['an EREC record', ['OTHER_RECORD_ORIGIN'], { recordOrigin: 'EREC' }],
    ['a record of the other DiT provider', ['OTHER_RECORD_ORIGIN'], { recordOrigin: 'HICOM' }],
    [
      'a closed employee record',
      ['EMPLOYEE_RECORD_ONLY', 'CLOSED_RECORD_ONLY'],
      { personType: 'EMPLOYEE', applicationStatus: 'CLOSED' },
    ],
  ] as const)('when names and date match only %s, then the hints are %j', (_what, hints, overrides) => {
    const record = aCandidate(overrides);
    expect(classifyMatch([record], person, R0A, noSwap)).toEqual({
      result: 'NO_ESR_MATCH',
      hints,
      esrApplicantIds: [record.esrApplicantId],
    });
  });

  it('when two records each give a hint, then both hints, in the table order, with both ids', () => {
    const manual = aCandidate({ recordOrigin: 'MANUAL' });
    const firstName = aCandidate({ firstName: 'AIOFE' });
    expect(classifyMatch([manual, firstName], person, R0A, noSwap)).toEqual({
      result: 'NO_ESR_MATCH',
      hints: ['FIRST_NAME_DIFFERS', 'OTHER_RECORD_ORIGIN'],
      esrApplicantIds: [firstName.esrApplicantId, manual.esrApplicantId],
    });
  });

  it('when an out-of-scope record spells the first name differently, then it gives no hint (it matches on nothing)', () => {
    expect(
      classifyMatch([aCandidate({ firstName: 'AIOFE', personType: 'EMPLOYEE' })], person, R0A, noSwap).hints,
    ).toEqual([]);
  });

  it('when a record is of another organisation, then it is no candidate at all', () => {
    expect(classifyMatch([aCandidate({ organisationCode: '7A1' })], person, R0A, noSwap).hints).toEqual([
      'NO_CANDIDATE',
    ]);
  });

  it('when any candidates are classified, then MATCHED and AMBIGUOUS follow matchingCandidates exactly', () => {
    const pool = [aCandidate(), aCandidate({ firstName: 'EVA' }), aCandidate({ recordOrigin: 'MANUAL' })];
    for (let mask = 0; mask < 2 ** pool.length; mask += 1) {
      const candidates = pool.filter((_c, i) => mask & (1 << i));
      const matches = matchingCandidates(candidates, person, R0A).length;
      const expected = matches === 0 ? 'NO_ESR_MATCH' : matches === 1 ? 'MATCHED' : 'AMBIGUOUS_ESR_MATCH';
      expect(classifyMatch(candidates, person, R0A).result).toBe(expected);
    }
  });
});
