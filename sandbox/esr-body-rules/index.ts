/**
 * ESR's body rules for the six record types, written for the sandbox from docs/records.md and
 * docs/esr.md and deliberately not imported from the connector's `src/records/`: the sandbox is
 * how the tests see a mapping bug, which it cannot do while it judges by the mapper's own schema.
 * Where the two disagree, the documents win.
 */
import type { RecordType } from '../record-types';
import { DBS_BODY } from './dbs-body';
import { EMPLOYMENT_CHECKLIST_BODY } from './employment-checklist-body';
import { EU_STATUS_BODY } from './eu-status-body';
import type { EsrFieldError } from '../esr-data';
import { checkFields, type FieldTable } from './field-table';
import { ILLEGAL_WORKING_CHECKLIST_BODY } from './illegal-working-checklist-body';
import { PROFESSIONAL_REGISTRATION_BODY } from './professional-registration-body';
import { REFERENCES_BODY } from './references-body';

export { londonDateOf } from './calendar';

const BODY_RULES: Readonly<Record<RecordType, FieldTable>> = {
  dbs: DBS_BODY,
  'professional-registration': PROFESSIONAL_REGISTRATION_BODY,
  references: REFERENCES_BODY,
  'employment-checklist': EMPLOYMENT_CHECKLIST_BODY,
  'illegal-working-checklist': ILLEGAL_WORKING_CHECKLIST_BODY,
  'eu-status': EU_STATUS_BODY,
};

export type EsrBodyCheck = { ok: true } | { ok: false; errors: EsrFieldError[] };

/**
 * ESR's verdict on a parsed JSON body: every problem, one per field, unknown fields included.
 * `today` is `YYYY-MM-DD` in Europe/London, the bound of every "not future" rule.
 */
export function checkEsrBody(recordType: RecordType, body: unknown, today: string): EsrBodyCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] };
  }
  const errors = checkFields(body, BODY_RULES[recordType], today);
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
