/**
 * What connector.md says a transfer ends with, in the words the demo cases' expectations use.
 * Written from docs/connector.md, not imported from the connector, so that a demo case states
 * what the documents prescribe rather than what the code happens to do.
 */

/** A record's outcome within a transfer (connector.md, "records"). */
export const RECORD_OUTCOMES = [
  'SENT',
  'SUPERSEDED_IN_ESR',
  'NOT_RECORDED',
  'NOT_COMPLETE',
  'NOT_REQUIRED',
  'NOT_SENT',
  'PENDING',
] as const;
export type RecordOutcome = (typeof RECORD_OUTCOMES)[number];

/** The reason codes of connector.md's table "Reason codes". */
export const REASON_CODES = [
  'TRAC_APPLICANT_NOT_FOUND',
  'ORGANISATION_MISMATCH',
  'STATUS_CHANGED',
  'NOT_DOCTOR_IN_TRAINING',
  'INVALID_TRAC_DATA',
  'NO_ESR_MATCH',
  'AMBIGUOUS_ESR_MATCH',
  'ESR_REJECTED',
  'TRAC_REJECTED',
  'RETRIES_EXHAUSTED',
  'ORGANISATION_NOT_ENABLED',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
