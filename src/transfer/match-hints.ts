import type { Organisation } from '../../config/organisations';
import type { MatchHint } from './classify-match';

const PROVIDER_NAMES = { TIS: 'TIS', HICOM: 'Hicom' } as const;

/** One match-preview hint, everything said about it in one place. */
export interface HintText {
  /** A short heading for HR (the preview page's group heading). */
  title: string;
  /** When it applies (connector.md's hint table, in HR's words). */
  when: string;
  /** The one sentence that tells HR what to correct in ESR before the transfer runs. */
  fix(provider: string): string;
}

/**
 * Every hint of a match preview: the one table the preview page's sentences and docs/match-preview.md
 * come from (a test checks the docs against it).
 */
export const HINTS: Readonly<Record<MatchHint, HintText>> = {
  NO_CANDIDATE: {
    title: 'ESR holds no one with this last name and date of birth',
    when: 'no record in the organisation has the last name and date of birth, nor the swapped date',
    fix: (provider) =>
      `Check that the ${provider} interface has created the applicant in ESR, and that the last name and date of birth in ESR are the ones in Trac; if ESR is right, correct Trac.`,
  },
  FIRST_NAME_DIFFERS: {
    title: 'The first name differs',
    when: 'an in-scope record has the same last name and date of birth but another first name',
    fix: () =>
      'Correct the first name on the ESR record (or in Trac, whichever is wrong) so that both spell it the same; accents, apostrophes, hyphens and case do not matter.',
  },
  DATE_OF_BIRTH_DAY_MONTH_SWAPPED: {
    title: 'Day and month of the date of birth are swapped',
    when: 'with day and month of the date of birth swapped, an in-scope record matches on names',
    fix: () =>
      'Correct the date of birth on the ESR record (or in Trac): one of them has the day and the month the wrong way round.',
  },
  EMPLOYEE_RECORD_ONLY: {
    title: 'ESR holds the person only as an employee',
    when: 'names and date of birth match only an EMPLOYEE record',
    fix: (provider) =>
      `The person is already an employee in ESR: have the ${provider} interface create their applicant record for this post, or send these checks by hand.`,
  },
  CLOSED_RECORD_ONLY: {
    title: 'ESR holds only a closed or ex-applicant record',
    when: 'names and date of birth match only CLOSED or EX_APPLICANT records',
    fix: (provider) =>
      `Only a historic record matches: make sure the ${provider} interface has created the active applicant record for this post, and leave historic records closed.`,
  },
  OTHER_RECORD_ORIGIN: {
    title: 'The record was not created by the DiT interface',
    when: 'names and date of birth match only records created by hand, by e-recruitment or by the other DiT provider',
    fix: (provider) =>
      `The matching record was not created by the ${provider} interface: have ${provider} create the applicant record, then close the manual or e-recruitment one.`,
  },
  SEVERAL_ACTIVE_RECORDS: {
    title: 'More than one active applicant record',
    when: 'more than one in-scope record matches names and date of birth',
    fix: () =>
      'Close the duplicate or historic applicant records in ESR so that exactly one active record remains.',
  },
};

/** What the page says of an applicant without a match and without a hint. */
export const NO_HINT_TEXT = {
  title: 'No match, no specific cause found',
  fix: () =>
    'ESR holds records with this last name and date of birth, but none would match: check first name, last name and date of birth of the applicant record in ESR against Trac.',
} as const;

/** The provider's name as HR reads it: `TIS` or `Hicom`. */
export function providerName(organisation: Organisation | undefined): string {
  return organisation ? PROVIDER_NAMES[organisation.ditProvider] : 'TIS';
}
