import { RECORD_DEFINITIONS, type RecordType } from '../../src/records';
import { esrBodySchemaFor } from '../../src/records/esr-body-schema-cache';
import { formatPath } from '../../src/records/field-names';
import { issuesByField, PLAIN_ENGLISH_ERRORS } from '../../src/records/issue-messages';

export interface EsrFieldError {
  /** Dotted path, `[i]` for list items: `references[1].receivedDate`. */
  field: string;
  message: string;
}

export type EsrBodyValidation = { ok: true } | { ok: false; errors: EsrFieldError[] };

/**
 * The connector's reading of ESR's rules (each record's `esrBodySchema`, as the mapping applies it)
 * applied to a raw body: every issue, unknown fields included, one entry per field. `today`
 * (`YYYY-MM-DD`, Europe/London) bounds "not future". For the tests only: the connector checks the
 * bodies it builds inside the mapping (src/records/map-check.ts); the ESR sandbox has rules of its
 * own, and test/fuzz/esr-rules-agreement.test.ts checks that the two readings agree.
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
