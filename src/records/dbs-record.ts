import { z } from 'zod';
import { EsrDateSchema, SourceSchema, TracTextSchema } from './common-schemas';
import {
  requireDateOrder,
  requireNotFuture,
  requirePresentExactlyWhen,
  requireUnless,
  addRuleIssue,
} from './esr-rules';
import type { FieldNames } from './field-names';
import { labelTable, YES_NO_LABELS, type LabelReader } from './labels';
import { mapCheck, type CheckMapping } from './map-check';
import type { CompletedTracCheck, RecordDefinition } from './record-definition';
import { esrDateOf, withoutWhiteSpace } from './trac-values';

const ISSUING_BODIES = ['DBS', 'DISCLOSURE_SCOTLAND', 'ACCESSNI'] as const;
const DISCLOSURE_LEVELS = ['BASIC', 'STANDARD', 'ENHANCED', 'ENHANCED_BARRED'] as const;
const BARRED_LISTS = ['CHILDREN', 'ADULTS', 'CHILDREN_AND_ADULTS'] as const;
const WORKFORCES = ['CHILD', 'ADULT', 'CHILD_AND_ADULT', 'OTHER'] as const;
const UPDATE_SERVICE_RESULTS = [
  'NO_MATCH_FOUND',
  'BLANK_NO_NEW_INFO',
  'NON_BLANK_NO_NEW_INFO',
  'NEW_INFO',
] as const;
const DBS_OUTCOMES = ['SATISFACTORY', 'UNSATISFACTORY'] as const;

const ISSUING_BODY_LABELS = labelTable<(typeof ISSUING_BODIES)[number]>({
  'Disclosure and Barring Service': 'DBS',
  'Disclosure Scotland': 'DISCLOSURE_SCOTLAND',
  AccessNI: 'ACCESSNI',
});
const DISCLOSURE_LEVEL_LABELS = labelTable<(typeof DISCLOSURE_LEVELS)[number]>({
  Basic: 'BASIC',
  Standard: 'STANDARD',
  Enhanced: 'ENHANCED',
  'Enhanced with Barred List(s)': 'ENHANCED_BARRED',
});
const BARRED_LIST_LABELS = labelTable<(typeof BARRED_LISTS)[number]>({
  "Children's": 'CHILDREN',
  "Adults'": 'ADULTS',
  "Children's and Adults'": 'CHILDREN_AND_ADULTS',
});
const WORKFORCE_LABELS = labelTable<(typeof WORKFORCES)[number]>({
  'Child Workforce': 'CHILD',
  'Adult Workforce': 'ADULT',
  'Child and Adult Workforce': 'CHILD_AND_ADULT',
  'Other Workforce': 'OTHER',
});
const UPDATE_SERVICE_RESULT_LABELS = labelTable<(typeof UPDATE_SERVICE_RESULTS)[number]>({
  'No match found': 'NO_MATCH_FOUND',
  'Blank, no new information': 'BLANK_NO_NEW_INFO',
  'Non-blank, no new information': 'NON_BLANK_NO_NEW_INFO',
  'New information': 'NEW_INFO',
});
const DBS_OUTCOME_LABELS = labelTable<(typeof DBS_OUTCOMES)[number]>({
  Satisfactory: 'SATISFACTORY',
  Unsatisfactory: 'UNSATISFACTORY',
});

/** Trac's `dbs` data: only the fields the mapping reads (never `disclosureContent`, `checkedBy`). */
export const TracDbsDataSchema = z.object({
  disclosureBody: TracTextSchema,
  level: TracTextSchema,
  barredLists: TracTextSchema,
  workforce: TracTextSchema,
  certificateNumber: TracTextSchema,
  issueDate: TracTextSchema,
  updateServiceSubscribed: TracTextSchema,
  updateServiceCheck: z.object({ date: TracTextSchema, result: TracTextSchema }).nullish(),
  outcome: TracTextSchema,
});
export type TracDbsData = z.infer<typeof TracDbsDataSchema>;

export const DbsBodySchema = z
  .object({
    issuingBody: z.enum(ISSUING_BODIES),
    disclosureLevel: z.enum(DISCLOSURE_LEVELS),
    barredLists: z.enum(BARRED_LISTS).optional(),
    workforce: z.enum(WORKFORCES).optional(),
    certificateNumber: z.string().regex(/^\d{12}$/, 'must be 12 digits'),
    issueDate: EsrDateSchema,
    updateServiceSubscribed: z.boolean(),
    updateServiceCheckDate: EsrDateSchema.optional(),
    updateServiceResult: z.enum(UPDATE_SERVICE_RESULTS).optional(),
    outcome: z.enum(DBS_OUTCOMES),
    checkCompletedDate: EsrDateSchema,
    source: SourceSchema,
  })
  .strict();
export type DbsBody = z.infer<typeof DbsBodySchema>;

function checkDbsRules(body: DbsBody, ctx: z.RefinementCtx, today: string): void {
  const basic = body.disclosureLevel === 'BASIC';
  const barred = body.disclosureLevel === 'ENHANCED_BARRED';
  requirePresentExactlyWhen(
    ctx,
    ['barredLists'],
    body.barredLists,
    barred,
    'disclosureLevel is ENHANCED_BARRED',
  );
  requireUnless(ctx, ['workforce'], body.workforce, basic, 'disclosureLevel is BASIC');
  requireNotFuture(ctx, ['issueDate'], body.issueDate, today);
  if (basic && body.updateServiceSubscribed) {
    addRuleIssue(ctx, ['updateServiceSubscribed'], 'must be false when disclosureLevel is BASIC');
  }
  const checkDate = body.updateServiceCheckDate;
  const hasResult = body.updateServiceResult !== undefined;
  requirePresentExactlyWhen(
    ctx,
    ['updateServiceCheckDate'],
    checkDate,
    hasResult,
    'updateServiceResult is present',
  );
  requireDateOrder(ctx, ['updateServiceCheckDate'], checkDate, 'on or after', {
    field: 'issueDate',
    date: body.issueDate,
  });
  requireNotFuture(ctx, ['updateServiceCheckDate'], checkDate, today);
  requireNotFuture(ctx, ['checkCompletedDate'], body.checkCompletedDate, today);
}

export function dbsBodySchema(today: string): z.ZodType<DbsBody> {
  return DbsBodySchema.superRefine((body, ctx) => checkDbsRules(body, ctx, today));
}

function buildDbsFields(data: TracDbsData, labels: LabelReader, check: CompletedTracCheck) {
  const issuingBody = labels.read(ISSUING_BODY_LABELS, data.disclosureBody, ['issuingBody']);
  const level = labels.read(DISCLOSURE_LEVEL_LABELS, data.level, ['disclosureLevel']);
  const barredLists =
    level === 'ENHANCED_BARRED'
      ? labels.read(BARRED_LIST_LABELS, data.barredLists, ['barredLists'])
      : undefined;
  const workforce = labels.read(WORKFORCE_LABELS, data.workforce, ['workforce']);
  const subscribed = labels.read(YES_NO_LABELS, data.updateServiceSubscribed, ['updateServiceSubscribed']);
  const update = data.updateServiceCheck;
  const result = labels.read(UPDATE_SERVICE_RESULT_LABELS, update?.result, ['updateServiceResult']);
  return {
    issuingBody,
    disclosureLevel: level,
    barredLists,
    workforce,
    certificateNumber: withoutWhiteSpace(data.certificateNumber),
    issueDate: esrDateOf(data.issueDate),
    updateServiceSubscribed: subscribed,
    updateServiceCheckDate: result === undefined ? undefined : esrDateOf(update?.date),
    updateServiceResult: result,
    outcome: labels.read(DBS_OUTCOME_LABELS, data.outcome, ['outcome']),
    checkCompletedDate: esrDateOf(check.completedAt),
  };
}

const DBS_NAMES: FieldNames = {
  fields: {
    issuingBody: 'disclosureBody',
    disclosureLevel: 'level',
    updateServiceCheckDate: 'updateServiceCheck.date',
    updateServiceResult: 'updateServiceCheck.result',
    checkCompletedDate: 'completedAt',
  },
};

const DBS_MAPPING: CheckMapping<TracDbsData, DbsBody> = {
  tracDataSchema: TracDbsDataSchema,
  names: DBS_NAMES,
  buildFields: buildDbsFields,
  esrBodySchema: dbsBodySchema,
};

/** DBS: Trac `dbs` → ESR `dbs` (records.md §1). */
export const dbsRecord: RecordDefinition<DbsBody> = {
  recordType: 'dbs',
  tracCheckType: 'dbs',
  map: (check, context) => mapCheck(DBS_MAPPING, check, context),
  esrBodySchema: dbsBodySchema,
};
