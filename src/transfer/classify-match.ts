import type { Organisation } from '../../config/organisations';
import type { EsrCandidate } from '../esr/esr-schemas';
import { isInScope, matchingCandidates, type MatchPerson } from './match-applicant';
import { mayBeSameFirstName } from './name-similarity';
import { namesMatch } from './normalise-name';

/** What a transfer would make of an applicant's ESR candidates (connector.md "Match preview"). */
export const MATCH_RESULTS = ['MATCHED', 'NO_ESR_MATCH', 'AMBIGUOUS_ESR_MATCH'] as const;
export type MatchResult = (typeof MATCH_RESULTS)[number];

/** Why an applicant would not match, in the contract's table order. */
export const MATCH_HINTS = [
  'NO_CANDIDATE',
  'FIRST_NAME_DIFFERS',
  'DATE_OF_BIRTH_DAY_MONTH_SWAPPED',
  'EMPLOYEE_RECORD_ONLY',
  'CLOSED_RECORD_ONLY',
  'OTHER_RECORD_ORIGIN',
  'SEVERAL_ACTIVE_RECORDS',
] as const;
export type MatchHint = (typeof MATCH_HINTS)[number];

export interface MatchClassification {
  result: MatchResult;
  /** Every hint that applies, in MATCH_HINTS order; none for MATCHED. */
  hints: MatchHint[];
  /** MATCHED: the one match; AMBIGUOUS: every match; NO_ESR_MATCH: the records the hints are about. */
  esrApplicantIds: string[];
}

/**
 * The birth date with day and month swapped, when that is another valid date: the day is 12 or
 * less and not equal to the month. (A valid date's month becomes a day of 12 or less, which every
 * month has, so a day above 12, 29 February included, is the only way the swap is no date.)
 */
export function swappedDateOfBirth(dateOfBirth: string): string | undefined {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!parts) return undefined;
  const [, year, month, day] = parts as unknown as [string, string, string, string];
  if (day === month || Number(day) > 12 || Number(day) < 1) return undefined;
  const swapped = `${year}-${day}-${month}`;
  const date = new Date(`${swapped}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(swapped) ? swapped : undefined;
}

/** The organisation's records with this last name and birth date (ESR's search may say more). */
function sameSurnameAndBirthDate(
  candidates: readonly EsrCandidate[],
  person: MatchPerson,
  organisation: Organisation,
): EsrCandidate[] {
  return candidates.filter(
    (c) =>
      c.organisationCode === organisation.code &&
      c.dateOfBirth === person.dateOfBirth &&
      namesMatch(c.lastName, person.surname),
  );
}

/** Each reason a record that matches on names and birth date is out of scope. */
function outOfScopeHints(candidate: EsrCandidate, organisation: Organisation): MatchHint[] {
  const hints: MatchHint[] = [];
  if (candidate.personType === 'EMPLOYEE') hints.push('EMPLOYEE_RECORD_ONLY');
  if (candidate.personType === 'EX_APPLICANT' || candidate.applicationStatus === 'CLOSED')
    hints.push('CLOSED_RECORD_ONLY');
  if (candidate.recordOrigin !== organisation.ditProvider) hints.push('OTHER_RECORD_ORIGIN');
  return hints;
}

/**
 * Classifies an applicant's ESR candidates exactly as a transfer matches them (`matchingCandidates`,
 * connector.md rule 4), and says why there is no match. `swapped` holds the candidates of a search
 * under the swapped birth date (`swappedDateOfBirth`), when one was made.
 */
export function classifyMatch(
  candidates: readonly EsrCandidate[],
  person: MatchPerson,
  organisation: Organisation,
  swapped?: { dateOfBirth: string; candidates: readonly EsrCandidate[] },
): MatchClassification {
  const matches = matchingCandidates(candidates, person, organisation);
  if (matches.length === 1) return { result: 'MATCHED', hints: [], esrApplicantIds: ids(matches) };
  if (matches.length > 1) {
    return {
      result: 'AMBIGUOUS_ESR_MATCH',
      hints: ['SEVERAL_ACTIVE_RECORDS'],
      esrApplicantIds: ids(matches),
    };
  }
  const hinted = new Map<MatchHint, EsrCandidate[]>();
  const add = (hint: MatchHint, candidate: EsrCandidate) =>
    hinted.set(hint, [...(hinted.get(hint) ?? []), candidate]);

  // A record whose first name is plainly another person's (a twin) is no candidate: never a hint's.
  const mayBeTheirs = (record: EsrCandidate) => mayBeSameFirstName(record.firstName, person.forename);
  const records = sameSurnameAndBirthDate(candidates, person, organisation).filter(mayBeTheirs);
  for (const record of records) {
    const firstNameMatches = namesMatch(record.firstName, person.forename);
    if (!firstNameMatches && isInScope(record, organisation)) add('FIRST_NAME_DIFFERS', record);
    if (firstNameMatches) for (const hint of outOfScopeHints(record, organisation)) add(hint, record);
  }
  const swappedPerson = swapped && { ...person, dateOfBirth: swapped.dateOfBirth };
  const swappedRecords = swappedPerson
    ? sameSurnameAndBirthDate(swapped.candidates, swappedPerson, organisation).filter(mayBeTheirs)
    : [];
  if (swappedPerson) {
    for (const record of matchingCandidates(swappedRecords, swappedPerson, organisation))
      add('DATE_OF_BIRTH_DAY_MONTH_SWAPPED', record);
  }
  if (records.length === 0 && swappedRecords.length === 0) hinted.set('NO_CANDIDATE', []);

  const hints = MATCH_HINTS.filter((hint) => hinted.has(hint));
  const about = hints.flatMap((hint) => hinted.get(hint) ?? []);
  return { result: 'NO_ESR_MATCH', hints, esrApplicantIds: [...new Set(ids(about))] };
}

const ids = (candidates: readonly EsrCandidate[]) => candidates.map((c) => c.esrApplicantId);
