import type { ReasonCode } from '../platform/errors';

export interface ReasonGuidance {
  /** A short heading for HR. */
  title: string;
  /** What to fix before re-queueing (or why nothing is to be done). */
  fix: string;
}

/** What each reason means for an HR admin and what to do about it (also in docs/admin.md). */
export const REASON_GUIDANCE: Readonly<Record<ReasonCode, ReasonGuidance>> = {
  TRAC_APPLICANT_NOT_FOUND: {
    title: 'The applicant is not in Trac',
    fix: 'Check the applicant id in Trac. If the id was wrong, start the transfer by hand with the right one.',
  },
  ORGANISATION_MISMATCH: {
    title: 'Trac holds the applicant under another organisation',
    fix: "Nothing was sent. Start the transfer for the organisation Trac names, or correct the applicant's organisation in Trac, then re-queue.",
  },
  STATUS_CHANGED: {
    title: "The applicant's Trac status is no longer a trigger status",
    fix: 'Nothing was sent. The transfer runs again when the status returns to Outcome: Recruited, or when you re-queue it.',
  },
  NOT_DOCTOR_IN_TRAINING: {
    title: 'Not a doctor or dentist in training',
    fix: 'Nothing was sent: this service covers doctors and dentists in training only. If Trac is wrong, correct it, then re-queue.',
  },
  INVALID_TRAC_DATA: {
    title: "Check data in Trac breaks ESR's rules",
    fix: 'Correct the check and field named in the sentence in Trac, then re-queue. Nothing was sent.',
  },
  NO_ESR_MATCH: {
    title: 'No matching applicant in ESR',
    fix: "Check the first name, last name and date of birth of the applicant's TIS- or Hicom-created record in ESR, close historic records, then re-queue.",
  },
  AMBIGUOUS_ESR_MATCH: {
    title: 'More than one matching applicant in ESR',
    fix: 'Close historic or duplicate applicant records in ESR so that exactly one remains, then re-queue.',
  },
  ESR_REJECTED: {
    title: 'ESR refused the data',
    fix: 'Fix the data named in the sentence in Trac or ESR, then re-queue. Records already sent are not sent again.',
  },
  TRAC_REJECTED: {
    title: "Trac refused the connector's request",
    fix: "Ask the connector's operators to check its Trac access for the organisation, then re-queue.",
  },
  RETRIES_EXHAUSTED: {
    title: 'ESR or Trac kept failing',
    fix: 'Wait until ESR and Trac are back (the operators know), then re-queue. Records already sent are not sent again.',
  },
  ORGANISATION_NOT_ENABLED: {
    title: 'The organisation is not enabled for this service',
    fix: "Ask the connector's operators to enable the organisation in its organisations file, then re-queue.",
  },
};
