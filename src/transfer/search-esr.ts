import type { Organisation } from '../../config/organisations';
import type { ApplicantQuery } from '../esr/esr-client';
import type { EsrCandidate } from '../esr/esr-schemas';
import { classifyMatch, swappedDateOfBirth, type MatchClassification } from './classify-match';
import { matchingCandidates, type MatchPerson } from './match-applicant';

/** ESR's applicant search (`esr.md`); every call waits for the shared rate limit in the client. */
export type SearchApplicants = (query: ApplicantQuery) => Promise<EsrCandidate[]>;

/** What ESR's search made of an applicant: the records that match (rule 4), and why (hints). */
export interface EsrSearchResult {
  /** The in-scope records whose names and date of birth match: exactly one is a match. */
  matches: EsrCandidate[];
  classification: MatchClassification;
}

/**
 * The one path by which a transfer (behaviour rule 4) and a match preview look an applicant up in
 * ESR: search by last name and date of birth and, when nothing matches and the date with day and
 * month swapped is another date, search again under that date; then classify (`classifyMatch`,
 * whose hints never point at a record that is plainly another person's). A matched applicant costs
 * one search; only a miss costs the second.
 */
export async function searchEsr(
  search: SearchApplicants,
  person: MatchPerson,
  organisation: Organisation,
): Promise<EsrSearchResult> {
  const searchOn = (dateOfBirth: string) =>
    search({ organisationCode: organisation.code, lastName: person.surname, dateOfBirth });
  const candidates = await searchOn(person.dateOfBirth);
  const matches = matchingCandidates(candidates, person, organisation);
  const swappedDate = matches.length === 0 ? swappedDateOfBirth(person.dateOfBirth) : undefined;
  const swapped = swappedDate
    ? { dateOfBirth: swappedDate, candidates: await searchOn(swappedDate) }
    : undefined;
  return { matches, classification: classifyMatch(candidates, person, organisation, swapped) };
}
