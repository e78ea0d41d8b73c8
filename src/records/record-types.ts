/** ESR record types (`esr.md`), in the order a transfer sends them. */
export const RECORD_TYPES = [
  'dbs',
  'professional-registration',
  'references',
  'employment-checklist',
  'illegal-working-checklist',
  'eu-status',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Trac check types the connector reads (`trac.md`); never `identity` or `occupational-health`. */
export const TRAC_CHECK_TYPES = [
  'dbs',
  'professional-registration',
  'references',
  'employment-checklist',
  'illegal-working',
  'eu-status',
] as const;
export type TracCheckType = (typeof TRAC_CHECK_TYPES)[number];

export const TRAC_CHECK_TYPE_OF: Readonly<Record<RecordType, TracCheckType>> = {
  dbs: 'dbs',
  'professional-registration': 'professional-registration',
  references: 'references',
  'employment-checklist': 'employment-checklist',
  'illegal-working-checklist': 'illegal-working',
  'eu-status': 'eu-status',
};

/** A record's outcome within a transfer (connector.md). */
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

/** Each record type in HR's words, inside a sentence ("the references were not sent"). */
export const RECORD_NAMES: Readonly<Record<RecordType, string>> = {
  dbs: 'DBS check',
  'professional-registration': 'professional registration',
  references: 'references',
  'employment-checklist': 'employment checklist',
  'illegal-working-checklist': 'right to work (illegal working) checklist',
  'eu-status': 'EU settlement status',
};
