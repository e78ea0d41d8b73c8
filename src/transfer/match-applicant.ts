import type { Organisation } from '../../config/organisations';
import type { EsrCandidate } from '../esr/esr-schemas';
import { namesMatch } from './normalise-name';

export interface MatchPerson {
  forename: string;
  surname: string;
  dateOfBirth: string;
}

/**
 * In scope: created by the organisation's DiT interface (TIS or Hicom), an applicant, active.
 * Manually created records, e-recruitment records and employees are never touched.
 */
export function isInScope(candidate: EsrCandidate, organisation: Organisation): boolean {
  return (
    candidate.organisationCode === organisation.code &&
    candidate.recordOrigin === organisation.ditProvider &&
    candidate.personType === 'APPLICANT' &&
    candidate.applicationStatus === 'ACTIVE'
  );
}

/** The in-scope candidates whose first name, last name and date of birth match the Trac applicant. */
export function matchingCandidates(
  candidates: readonly EsrCandidate[],
  person: MatchPerson,
  organisation: Organisation,
): EsrCandidate[] {
  return candidates.filter(
    (candidate) =>
      isInScope(candidate, organisation) &&
      candidate.dateOfBirth === person.dateOfBirth &&
      namesMatch(candidate.firstName, person.forename) &&
      namesMatch(candidate.lastName, person.surname),
  );
}
