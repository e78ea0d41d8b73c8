import { dbsRecord } from './dbs-record';
import { employmentChecklistRecord } from './employment-checklist-record';
import { euStatusRecord } from './eu-status-record';
import { illegalWorkingChecklistRecord } from './illegal-working-checklist-record';
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
