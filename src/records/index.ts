import { dbsRecord } from './dbs-record';
import { employmentChecklistRecord } from './employment-checklist-record';
import { esrBodySchemaFor } from './esr-body-schema-cache';
import { euStatusRecord } from './eu-status-record';
import { formatPath } from './field-names';
import { illegalWorkingChecklistRecord } from './illegal-working-checklist-record';
import { issuesByField, PLAIN_ENGLISH_ERRORS } from './issue-messages';
import { professionalRegistrationRecord } from './professional-registration-record';
import type { MappingProblem, RecordDefinition } from './record-definition';
import { referencesRecord } from './references-record';
import type { RecordType } from './record-types';

export type {
  CompletedTracCheck,
  MapContext,
  MapResult,
  MappingProblem,
  RecordDefinition,
} from './record-definition';
export { RECORD_OUTCOMES, RECORD_TYPES, TRAC_CHECK_TYPE_OF, TRAC_CHECK_TYPES } from './record-types';
export type { RecordOutcome, RecordType, TracCheckType } from './record-types';
export { londonDateOf, todayInLondon } from './dates';
export type { DbsBody } from './dbs-record';
export type { ProfessionalRegistrationBody } from './professional-registration-record';
export type { ReferencesBody } from './references-record';
export type { EmploymentChecklistBody } from './employment-checklist-record';
export type { IllegalWorkingChecklistBody } from './illegal-working-checklist-record';
export type { EuStatusBody } from './eu-status-record';

/** Every record type's mapping and ESR schema, keyed by ESR record type. */
export const RECORD_DEFINITIONS: Readonly<Record<RecordType, RecordDefinition>> = Object.freeze({
  dbs: dbsRecord,
  'professional-registration': professionalRegistrationRecord,
  references: referencesRecord,
  'employment-checklist': employmentChecklistRecord,
  'illegal-working-checklist': illegalWorkingChecklistRecord,
  'eu-status': euStatusRecord,
});

/**
 * The `INVALID_TRAC_DATA` message for a problem: `dbs.certificateNumber: must be 12 digits`, or
 * with Trac's name where it differs: `dbs.issuingBody (Trac disclosureBody): is not a listed label`.
 */
export function describeProblem(recordType: RecordType, problem: MappingProblem): string {
  const trac = problem.tracField === undefined ? '' : ` (Trac ${problem.tracField})`;
  return `${recordType}.${problem.field}${trac}: ${problem.message}`;
}

export interface EsrFieldError {
  /** Dotted path, `[i]` for list items: `references[1].receivedDate`. */
  field: string;
  message: string;
}

export type EsrBodyValidation = { ok: true } | { ok: false; errors: EsrFieldError[] };

/**
 * The connector's reading of ESR's rules applied to a raw body: every issue, unknown fields
 * included, one entry per field. `today` (`YYYY-MM-DD`, Europe/London) bounds "not future". The
 * ESR sandbox does not use it (it has its own rules); test/fuzz/esr-rules-agreement.test.ts checks
 * that the two readings agree.
 */
export function validateEsrBody(recordType: RecordType, body: unknown, today: string): EsrBodyValidation {
  const schema = esrBodySchemaFor(RECORD_DEFINITIONS[recordType].esrBodySchema, today);
  const result = schema.safeParse(body, { error: PLAIN_ENGLISH_ERRORS });
  if (result.success) return { ok: true };
  const errors = issuesByField(result.error.issues).map(({ path, message }) => ({
    field: path.length === 0 ? 'body' : formatPath(path),
    message,
  }));
  return { ok: false, errors };
}
