import { z } from 'zod';
import { EsrDateSchema, SourceSchema, textOfLength, TracTextSchema } from './common-schemas';
import { requireDateOrder, requireNotFuture, requireUnless } from './esr-rules';
import type { FieldNames } from './field-names';
import { labelTable, type LabelReader } from './labels';
import { mapCheck, type CheckMapping } from './map-check';
import type { RecordDefinition } from './record-definition';
import { absentIfNull, esrDateOf, trimmed } from './trac-values';

const REFERENCE_TYPES = ['EMPLOYMENT', 'TRAINING', 'CHARACTER'] as const;
const REFERENCE_OUTCOMES = ['SATISFACTORY', 'REFUSED', 'INDETERMINATE', 'UNSATISFACTORY'] as const;
const MAX_REFERENCES = 10;

const REFERENCE_TYPE_LABELS = labelTable<(typeof REFERENCE_TYPES)[number]>({
  Employment: 'EMPLOYMENT',
  Training: 'TRAINING',
  Character: 'CHARACTER',
});
const REFERENCE_OUTCOME_LABELS = labelTable<(typeof REFERENCE_OUTCOMES)[number]>({
  Success: 'SATISFACTORY',
  'Reference refused': 'REFUSED',
  'Reference Indeterminate': 'INDETERMINATE',
  Fail: 'UNSATISFACTORY',
});

/** One of Trac's references: only the fields the mapping reads (never email, phone, comments). */
export const TracReferenceSchema = z.object({
  type: TracTextSchema,
  refereeName: TracTextSchema,
  refereeOrganisation: TracTextSchema,
  refereeJobTitle: TracTextSchema,
  employedFrom: TracTextSchema,
  employedTo: TracTextSchema,
  requestedOn: TracTextSchema,
  receivedOn: TracTextSchema,
  outcome: TracTextSchema,
});
export type TracReference = z.infer<typeof TracReferenceSchema>;

export const TracReferencesDataSchema = z.object({ references: z.array(TracReferenceSchema).nullish() });
export type TracReferencesData = z.infer<typeof TracReferencesDataSchema>;

export const EsrReferenceSchema = z
  .object({
    referenceType: z.enum(REFERENCE_TYPES),
    refereeName: textOfLength(1, 150),
    refereeOrganisation: textOfLength(1, 240),
    refereeJobTitle: textOfLength(0, 240).optional(),
    periodFrom: EsrDateSchema,
    periodTo: EsrDateSchema.optional(),
    requestedDate: EsrDateSchema,
    receivedDate: EsrDateSchema.optional(),
    outcome: z.enum(REFERENCE_OUTCOMES),
  })
  .strict();
export type EsrReference = z.infer<typeof EsrReferenceSchema>;

const REFERENCES_COUNT_MESSAGE = `must hold 1 to ${MAX_REFERENCES} references`;

export const ReferencesBodySchema = z
  .object({
    references: z
      .array(EsrReferenceSchema)
      .min(1, REFERENCES_COUNT_MESSAGE)
      .max(MAX_REFERENCES, REFERENCES_COUNT_MESSAGE),
    source: SourceSchema,
  })
  .strict();
export type ReferencesBody = z.infer<typeof ReferencesBodySchema>;

function checkReferenceRules(reference: EsrReference, index: number, ctx: z.RefinementCtx, today: string) {
  const at = (field: string) => ['references', index, field];
  requireDateOrder(ctx, at('periodTo'), reference.periodTo, 'on or after', {
    field: 'periodFrom',
    date: reference.periodFrom,
  });
  requireNotFuture(ctx, at('requestedDate'), reference.requestedDate, today);
  const refused = reference.outcome === 'REFUSED';
  requireUnless(ctx, at('receivedDate'), reference.receivedDate, refused, 'outcome is REFUSED');
  requireDateOrder(ctx, at('receivedDate'), reference.receivedDate, 'on or after', {
    field: 'requestedDate',
    date: reference.requestedDate,
  });
  requireNotFuture(ctx, at('receivedDate'), reference.receivedDate, today);
}

export function referencesBodySchema(today: string): z.ZodType<ReferencesBody> {
  return ReferencesBodySchema.superRefine((body, ctx) =>
    body.references.forEach((reference, index) => checkReferenceRules(reference, index, ctx, today)),
  );
}

function buildReference(reference: TracReference, index: number, labels: LabelReader) {
  const at = (field: string) => ['references', index, field];
  return {
    referenceType: labels.read(REFERENCE_TYPE_LABELS, reference.type, at('referenceType')),
    refereeName: trimmed(reference.refereeName),
    refereeOrganisation: trimmed(reference.refereeOrganisation),
    refereeJobTitle: trimmed(reference.refereeJobTitle),
    periodFrom: esrDateOf(reference.employedFrom),
    periodTo: esrDateOf(reference.employedTo),
    requestedDate: esrDateOf(reference.requestedOn),
    receivedDate: esrDateOf(reference.receivedOn),
    outcome: labels.read(REFERENCE_OUTCOME_LABELS, reference.outcome, at('outcome')),
  };
}

function buildReferencesFields(data: TracReferencesData, labels: LabelReader) {
  const references = absentIfNull(data.references);
  return { references: references?.map((reference, index) => buildReference(reference, index, labels)) };
}

const REFERENCES_NAMES: FieldNames = {
  fields: {},
  list: {
    esrKey: 'references',
    tracKey: 'references',
    fields: {
      referenceType: 'type',
      periodFrom: 'employedFrom',
      periodTo: 'employedTo',
      requestedDate: 'requestedOn',
      receivedDate: 'receivedOn',
    },
  },
};

const REFERENCES_MAPPING: CheckMapping<TracReferencesData, ReferencesBody> = {
  tracDataSchema: TracReferencesDataSchema,
  names: REFERENCES_NAMES,
  buildFields: buildReferencesFields,
  esrBodySchema: referencesBodySchema,
};

/** References: Trac `references` → ESR `references`, in Trac's order (records.md §3). */
export const referencesRecord: RecordDefinition<ReferencesBody> = {
  recordType: 'references',
  tracCheckType: 'references',
  map: (check, context) => mapCheck(REFERENCES_MAPPING, check, context),
  esrBodySchema: referencesBodySchema,
};
