import type { Organisation } from '../../config/organisations';
import type { MatchHint } from './classify-match';

const PROVIDER_NAMES = { TIS: 'TIS', HICOM: 'Hicom' } as const;

/** One match-preview hint, everything said about it in one place. */
export interface HintText {
  /** A short heading for HR (the preview page's group heading). */
  title: string;
  /** When it applies (connector.md's hint table, in HR's words). */
  when: string;
  /**
   * The one sentence that tells HR what to correct before the transfer runs; one that changes a
   * name or a date says first how to check that the ESR record is this applicant's.
   */
  fix(provider: string): string;
}

/** How HR tells, in ESR, that a record is this applicant's and not a namesake's or a twin's. */
const EVIDENCE =
  'compare the post or vacancy and the GMC or GDC number it holds with Trac, or ask the doctor';

/**
 * Every hint of a match preview: the one table the preview page's sentences and docs/match-preview.md
 * come from (a test checks the docs against it).
 */
export const HINTS: Readonly<Record<MatchHint, HintText>> = {
  NO_CANDIDATE: {
    title: "ESR holds no record that could be this applicant's",
    when: "no record in the organisation has the last name and date of birth, nor the swapped date, or only records whose first name is plainly another person's (a twin's, say), which are not listed",
    fix: (provider) =>
      `Check that the ${provider} interface has created the applicant's record in ESR. If ESR may hold them under another last name or date of birth, find that record and first check in ESR that it is this applicant's (${EVIDENCE}); only then correct whichever of ESR and Trac is wrong. Never change the record of someone else who shares the last name and date of birth.`,
  },
  FIRST_NAME_DIFFERS: {
    title: 'The first name may be spelt differently',
    when: 'an in-scope record has the same last name and date of birth and a first name that may be the same name written differently: one begins with the other (3 letters or more, Alex and Alexandra), or one letter added, dropped or changed, or two neighbours swapped, turns one into the other (two such changes when both have 5 letters or more)',
    fix: () =>
      `First check in ESR that the record is this applicant's and not a relative's with the same last name and date of birth (${EVIDENCE}); only then correct the first name in ESR or in Trac, whichever is wrong, so that both spell it the same (accents, apostrophes, hyphens and case do not matter).`,
  },
  DATE_OF_BIRTH_DAY_MONTH_SWAPPED: {
    title: 'Day and month of the date of birth are swapped',
    when: 'with day and month of the date of birth swapped, an in-scope record matches on names',
    fix: () =>
      `First check in ESR that the record is this applicant's (${EVIDENCE}); only then correct the date of birth in ESR or in Trac, whichever has the day and the month the wrong way round.`,
  },
  EMPLOYEE_RECORD_ONLY: {
    title: 'ESR holds the person only as an employee',
    when: 'names and date of birth match only an EMPLOYEE record',
    fix: (provider) =>
      `The person is already an employee in ESR: have the ${provider} interface create their applicant record for this post, or, once you have checked in ESR that the employee record is this applicant's, send these checks by hand.`,
  },
  CLOSED_RECORD_ONLY: {
    title: 'ESR holds only a closed or ex-applicant record',
    when: 'names and date of birth match only CLOSED or EX_APPLICANT records',
    fix: (provider) =>
      `Only a historic record matches: make sure the ${provider} interface has created the active applicant record for this post, and do not reopen the historic record.`,
  },
  OTHER_RECORD_ORIGIN: {
    title: 'The record was not created by the DiT interface',
    when: 'names and date of birth match only records created by hand, by e-recruitment or by the other DiT provider',
    fix: (provider) =>
      `The matching record was not created by the ${provider} interface: have ${provider} create the applicant record, then first check in ESR that the manual or e-recruitment record is this applicant's (${EVIDENCE}); only then close it.`,
  },
  SEVERAL_ACTIVE_RECORDS: {
    title: 'More than one active applicant record',
    when: 'more than one in-scope record matches names and date of birth',
    fix: () =>
      `First check in ESR that each record you would close is this applicant's (${EVIDENCE}): two people can share a name and a date of birth, and a record that is someone else's stays open. Only then close the duplicate or historic applicant records so that exactly one active record remains.`,
  },
};

/** What the page says of an applicant without a match and without a hint. */
export const NO_HINT_TEXT = {
  title: 'No match, no specific cause found',
  fix: () =>
    `ESR holds records with this last name and date of birth, but none would match and none is in scope. Find the applicant's own record in ESR and check that it is this applicant's (${EVIDENCE}); only then correct its first name, last name or date of birth, or Trac's, whichever is wrong.`,
} as const;

/** The provider's name as HR reads it: `TIS` or `Hicom`. */
export function providerName(organisation: Partial<Pick<Organisation, 'ditProvider'>> | undefined): string {
  return organisation?.ditProvider ? PROVIDER_NAMES[organisation.ditProvider] : 'TIS';
}
