/**
 * The record and check types as the interface documents name them, written here from docs/ and
 * not imported from the connector: the sandboxes are the connector's judges, not its copies.
 */

/** ESR's record types: the `{recordType}` of `POST …/employment-checks/{recordType}` (esr.md). */
export const RECORD_TYPES = [
  'dbs',
  'professional-registration',
  'references',
  'employment-checklist',
  'illegal-working-checklist',
  'eu-status',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * Every check type Trac holds (trac.md): the six records come from the first six (`illegal-working`
 * becomes ESR's `illegal-working-checklist`); the last two are never to be asked for.
 */
export const TRAC_CHECK_TYPES = [
  'dbs',
  'professional-registration',
  'references',
  'employment-checklist',
  'illegal-working',
  'eu-status',
  'identity',
  'occupational-health',
] as const;

export function isRecordType(value: string): value is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(value);
}
