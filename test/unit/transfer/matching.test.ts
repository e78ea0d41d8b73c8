import type { Organisation } from '../../../config/organisations';
import type { EsrCandidate } from '../../../src/esr/esr-schemas';
import { isInScope, matchingCandidates } from '../../../src/transfer/match-applicant';
import { namesMatch, normaliseName } from '../../../src/transfer/normalise-name';

const R0A: Organisation = { code: 'R0A', name: 'Trust', ditProvider: 'TIS', enabled: true };
const HICOM_ORG: Organisation = { code: '7A1', name: 'Board', ditProvider: 'HICOM', enabled: true };

function aCandidate(overrides: Partial<EsrCandidate> = {}): EsrCandidate {
  return {
    esrApplicantId: '4417723',
    organisationCode: 'R0A',
    firstName: 'AOIFE',
    lastName: "O'BRIEN",
    dateOfBirth: '1994-03-17',
    recordOrigin: 'TIS',
    personType: 'APPLICANT',
    applicationStatus: 'ACTIVE',
    hasProfessionalRegistration: false,
    ...overrides,
  };
}

const person = { forename: 'Aoife', surname: 'O’Brien', dateOfBirth: '1994-03-17' };

describe('name normalisation (esr.md)', () => {
  it.each([
    ['Zoë', 'ZOE'],
    ['O’Brien', 'OBRIEN'],
    ['O’Brien', "o'brien"],
    ['Mary-Jane', 'MARY JANE'],
    ['Mary - Jane', 'mary jane'],
    ['St. John', 'ST JOHN'],
    ['  Anne  ', 'anne'],
    ['D‘Arcy', 'D`ARCY'],
    ['Ｊｏｈｎ', 'john'],
  ])('when comparing %s and %s, then they match', (a, b) => {
    expect(namesMatch(a, b)).toBe(true);
  });

  it.each([
    ['Jon', 'John'],
    ['Ann', 'Anne'],
    ['Mary-Jane', 'MARYJANE'],
  ])('when comparing %s and %s, then they differ', (a, b) => {
    expect(namesMatch(a, b)).toBe(false);
  });

  it('when a name has runs of hyphens, dots and spaces, then each run becomes one space', () => {
    expect(normaliseName('Anne--Marie . Smith')).toBe('anne marie smith');
  });
});

describe('in-scope filtering', () => {
  it.each([
    ['an EMPLOYEE', { personType: 'EMPLOYEE' as const }],
    ['an EX_APPLICANT', { personType: 'EX_APPLICANT' as const }],
    ['a MANUAL record', { recordOrigin: 'MANUAL' as const }],
    ['an EREC record', { recordOrigin: 'EREC' as const }],
    ['a CLOSED application', { applicationStatus: 'CLOSED' as const }],
    ['a HICOM record for a TIS organisation', { recordOrigin: 'HICOM' as const }],
    ['another organisation', { organisationCode: 'RX9' }],
  ])('when the candidate is %s, then it is out of scope', (_label, overrides) => {
    expect(isInScope(aCandidate(overrides), R0A)).toBe(false);
  });

  it('when the candidate is a TIS-created active applicant of a TIS organisation, then it is in scope', () => {
    expect(isInScope(aCandidate(), R0A)).toBe(true);
  });

  it('when the organisation is HICOM, then only HICOM-created records are in scope', () => {
    expect(isInScope(aCandidate({ organisationCode: '7A1', recordOrigin: 'HICOM' }), HICOM_ORG)).toBe(true);
    expect(isInScope(aCandidate({ organisationCode: '7A1', recordOrigin: 'TIS' }), HICOM_ORG)).toBe(false);
  });
});

describe('matching candidates', () => {
  it('when one in-scope candidate has the same names under normalisation and dob, then it is the match', () => {
    const match = aCandidate();
    expect(
      matchingCandidates([match, aCandidate({ personType: 'EMPLOYEE', esrApplicantId: '2' })], person, R0A),
    ).toEqual([match]);
  });

  it('when the first name differs, then there is no match', () => {
    expect(matchingCandidates([aCandidate({ firstName: 'EVA' })], person, R0A)).toEqual([]);
  });

  it('when the date of birth differs, then there is no match', () => {
    expect(matchingCandidates([aCandidate({ dateOfBirth: '1994-03-18' })], person, R0A)).toEqual([]);
  });

  it('when two in-scope candidates match, then both are returned (ambiguous)', () => {
    const candidates = [aCandidate(), aCandidate({ esrApplicantId: '999' })];
    expect(matchingCandidates(candidates, person, R0A)).toHaveLength(2);
  });
});
