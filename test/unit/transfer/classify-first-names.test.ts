import type { Organisation } from '../../../config/organisations';
import type { EsrCandidate } from '../../../src/esr/esr-schemas';
import { classifyMatch } from '../../../src/transfer/classify-match';

/**
 * connector.md's match preview: FIRST_NAME_DIFFERS only for a first name that may be the applicant's
 * written differently; a record whose first name is plainly another person's is never a hint's
 * record (issue 17, item 1: a hint pointed HR at the applicant's twin).
 */
const R0A: Organisation = { code: 'R0A', name: 'Trust', ditProvider: 'TIS', enabled: true };
const BORN = '1994-03-07';
const SWAPPED = '1994-07-03';
const aoife = { forename: 'Aoife', surname: 'O’Brien', dateOfBirth: BORN };

let nextId = 4419000;
function aRecord(firstName: string, overrides: Partial<EsrCandidate> = {}): EsrCandidate {
  nextId += 1;
  return {
    esrApplicantId: String(nextId),
    organisationCode: 'R0A',
    firstName,
    lastName: "O'BRIEN",
    dateOfBirth: BORN,
    recordOrigin: 'TIS',
    personType: 'APPLICANT',
    applicationStatus: 'ACTIVE',
    hasProfessionalRegistration: false,
    ...overrides,
  };
}

const noSwap = { dateOfBirth: SWAPPED, candidates: [] };
const NO_CANDIDATE = { result: 'NO_ESR_MATCH', hints: ['NO_CANDIDATE'], esrApplicantIds: [] };

describe('a twin in ESR is never offered as the applicant’s record', () => {
  it('when ESR holds only her twin Ciara (same last name and birth date), then NO_CANDIDATE and Ciara’s id is not listed', () => {
    const ciara = aRecord('CIARA');
    expect(classifyMatch([ciara], aoife, R0A, noSwap)).toEqual(NO_CANDIDATE);
  });

  it('when the twin is under the swapped birth date, then NO_CANDIDATE too', () => {
    const ciara = aRecord('CIARA', { dateOfBirth: SWAPPED });
    expect(classifyMatch([], aoife, R0A, { dateOfBirth: SWAPPED, candidates: [ciara] })).toEqual(
      NO_CANDIDATE,
    );
  });

  it('when the twin’s record is out of scope (an employee), then NO_CANDIDATE too', () => {
    expect(classifyMatch([aRecord('CIARA', { personType: 'EMPLOYEE' })], aoife, R0A, noSwap)).toEqual(
      NO_CANDIDATE,
    );
  });

  it('when ESR holds the twin and a record spelt Aiofe, then FIRST_NAME_DIFFERS names only the Aiofe record', () => {
    const [ciara, aiofe] = [aRecord('CIARA'), aRecord('AIOFE')];
    expect(classifyMatch([ciara, aiofe], aoife, R0A, noSwap)).toEqual({
      result: 'NO_ESR_MATCH',
      hints: ['FIRST_NAME_DIFFERS'],
      esrApplicantIds: [aiofe.esrApplicantId],
    });
  });

  it('when ESR holds the twin and her own employee record, then EMPLOYEE_RECORD_ONLY names only hers', () => {
    const [ciara, employee] = [aRecord('CIARA'), aRecord('AOIFE', { personType: 'EMPLOYEE' })];
    expect(classifyMatch([ciara, employee], aoife, R0A, noSwap)).toEqual({
      result: 'NO_ESR_MATCH',
      hints: ['EMPLOYEE_RECORD_ONLY'],
      esrApplicantIds: [employee.esrApplicantId],
    });
  });

  it('when a record that may be hers is out of scope under another spelling, then no hint, and not NO_CANDIDATE', () => {
    expect(classifyMatch([aRecord('AIOFE', { personType: 'EMPLOYEE' })], aoife, R0A, noSwap)).toEqual({
      result: 'NO_ESR_MATCH',
      hints: [],
      esrApplicantIds: [],
    });
  });
});

describe('FIRST_NAME_DIFFERS for a first name written differently', () => {
  it.each([
    ['Alex', 'ALEXANDRA', 'a prefix of 4 letters'],
    ['Jon', 'JOHN', '1 edit with 3–4 letters'],
    ['Aoife', 'AIOFE', 'two neighbours swapped: 1 edit'],
    ['Ann', 'ANNA', 'a prefix of 3 letters'],
    ['Mohammed', 'MUHAMMAD', '2 edits with 5 letters or more'],
  ])('when Trac says %j and ESR %j (%s), then FIRST_NAME_DIFFERS names that record', (forename, esr) => {
    const record = aRecord(esr);
    expect(classifyMatch([record], { ...aoife, forename }, R0A, noSwap)).toEqual({
      result: 'NO_ESR_MATCH',
      hints: ['FIRST_NAME_DIFFERS'],
      esrApplicantIds: [record.esrApplicantId],
    });
  });

  it.each([
    ['Li', 'LU', '2 letters: never a hint'],
    ['Mary', 'MARIE', '2 edits with 4 letters'],
    ['Aoife', 'CIARA', 'plainly another person'],
  ])('when Trac says %j and ESR %j (%s), then NO_CANDIDATE and no id', (forename, esr) => {
    expect(classifyMatch([aRecord(esr)], { ...aoife, forename }, R0A, noSwap)).toEqual(NO_CANDIDATE);
  });
});
