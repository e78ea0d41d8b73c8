import { z } from 'zod';
import { EsrDateSchema, SourceSchema, textOfLength, TracTextSchema } from './common-schemas';
import { addRuleIssue, requireDateOrder, requireNotFuture, requirePresentExactlyWhen } from './esr-rules';
import type { FieldNames } from './field-names';
import { labelTable, type LabelReader } from './labels';
import { mapCheck, type CheckMapping } from './map-check';
import type { RecordDefinition } from './record-definition';
import { esrDateOf, trimmed } from './trac-values';

const CHECKLIST_CHECKS = [
  'DBS',
  'PROFESSIONAL_REGISTRATION',
  'REFERENCES',
  'RIGHT_TO_WORK',
  'EU_STATUS',
  'QUALIFICATIONS',
] as const;
const CHECKLIST_STATUSES = ['COMPLETE', 'OUTSTANDING', 'NOT_REQUIRED'] as const;

const CHECKLIST_CHECK_LABELS = labelTable<(typeof CHECKLIST_CHECKS)[number]>({
  DBS: 'DBS',
  'Professional Registration': 'PROFESSIONAL_REGISTRATION',
  References: 'REFERENCES',
  'Right to Work': 'RIGHT_TO_WORK',
  'EU Status': 'EU_STATUS',
  Qualifications: 'QUALIFICATIONS',
});
const CHECKLIST_STATUS_LABELS = labelTable<(typeof CHECKLIST_STATUSES)[number]>({
  Complete: 'COMPLETE',
  Outstanding: 'OUTSTANDING',
  'Not Required': 'NOT_REQUIRED',
});
/** Identity and occupational health are never transferred, not even as a checklist line. */
const UNTRANSFERRED_CHECK_LABELS = labelTable<true>({ Identity: true, 'Occupational Health': true });

/** One checklist item in Trac: only the fields the mapping reads (never `notes`). */
export const TracChecklistItemSchema = z.object({
  check: TracTextSchema,
  status: TracTextSchema,
  completedOn: TracTextSchema,
});
export type TracChecklistItem = z.infer<typeof TracChecklistItemSchema>;

export const TracEmploymentChecklistDataSchema = z.object({
  conditionalOfferDate: TracTextSchema,
  unconditionalOfferDate: TracTextSchema,
  proposedStartDate: TracTextSchema,
  checklistCompletedBy: TracTextSchema,
  checklistCompletedOn: TracTextSchema,
  items: z.array(TracChecklistItemSchema).nullish(),
});
export type TracEmploymentChecklistData = z.infer<typeof TracEmploymentChecklistDataSchema>;

export const EsrChecklistItemSchema = z
  .object({
    check: z.enum(CHECKLIST_CHECKS),
    status: z.enum(CHECKLIST_STATUSES),
    completedDate: EsrDateSchema.optional(),
  })
  .strict();
export type EsrChecklistItem = z.infer<typeof EsrChecklistItemSchema>;

export const EmploymentChecklistBodySchema = z
  .object({
    conditionalOfferDate: EsrDateSchema,
    unconditionalOfferDate: EsrDateSchema.optional(),
    proposedStartDate: EsrDateSchema,
    completedBy: textOfLength(1, 150),
    completedDate: EsrDateSchema,
    items: z.array(EsrChecklistItemSchema).min(1, 'must hold at least 1 item'),
    source: SourceSchema,
  })
  .strict();
export type EmploymentChecklistBody = z.infer<typeof EmploymentChecklistBodySchema>;

function checkItemRules(items: readonly EsrChecklistItem[], ctx: z.RefinementCtx, today: string) {
  const firstIndexOf = new Map<string, number>();
  items.forEach((item, index) => {
    const earlier = firstIndexOf.get(item.check);
    if (earlier === undefined) firstIndexOf.set(item.check, index);
    else addRuleIssue(ctx, ['items', index, 'check'], `must appear at most once (also in items[${earlier}])`);
    const at = ['items', index, 'completedDate'];
    requirePresentExactlyWhen(ctx, at, item.completedDate, item.status === 'COMPLETE', 'status is COMPLETE');
    requireNotFuture(ctx, at, item.completedDate, today);
  });
}

export function employmentChecklistBodySchema(today: string): z.ZodType<EmploymentChecklistBody> {
  return EmploymentChecklistBodySchema.superRefine((body, ctx) => {
    requireDateOrder(ctx, ['unconditionalOfferDate'], body.unconditionalOfferDate, 'on or after', {
      field: 'conditionalOfferDate',
      date: body.conditionalOfferDate,
    });
    requireNotFuture(ctx, ['completedDate'], body.completedDate, today);
    checkItemRules(body.items, ctx, today);
  });
}

function buildItem(item: TracChecklistItem, index: number, labels: LabelReader) {
  const check = labels.read(CHECKLIST_CHECK_LABELS, item.check, ['items', index, 'check']);
  const status = labels.read(CHECKLIST_STATUS_LABELS, item.status, ['items', index, 'status']);
  return {
    check,
    status,
    completedDate: status === 'COMPLETE' ? esrDateOf(item.completedOn) : undefined,
  };
}

function buildChecklistFields(data: TracEmploymentChecklistData, labels: LabelReader) {
  return {
    conditionalOfferDate: esrDateOf(data.conditionalOfferDate),
    unconditionalOfferDate: esrDateOf(data.unconditionalOfferDate),
    proposedStartDate: esrDateOf(data.proposedStartDate),
    completedBy: trimmed(data.checklistCompletedBy),
    completedDate: esrDateOf(data.checklistCompletedOn),
    items: data.items?.map((item, index) => buildItem(item, index, labels)),
  };
}

function isUntransferredItem(item: unknown): boolean {
  if (typeof item !== 'object' || item === null || !('check' in item)) return false;
  return typeof item.check === 'string' && UNTRANSFERRED_CHECK_LABELS.lookup(item.check) !== undefined;
}

/** Trac's data without identity and occupational health items, and where each kept item was. */
function withoutUntransferredItems(data: unknown): { data: unknown; tracIndexOf: (index: number) => number } {
  if (typeof data !== 'object' || data === null || !('items' in data) || !Array.isArray(data.items)) {
    return { data, tracIndexOf: (index) => index };
  }
  const kept = data.items.flatMap((item: unknown, index) =>
    isUntransferredItem(item) ? [] : [{ item, index }],
  );
  return {
    data: { ...data, items: kept.map(({ item }) => item) },
    tracIndexOf: (index) => kept[index]?.index ?? index,
  };
}

const CHECKLIST_ITEM_NAMES = { esrKey: 'items', tracKey: 'items', fields: { completedDate: 'completedOn' } };
const CHECKLIST_NAMES: FieldNames = {
  fields: { completedBy: 'checklistCompletedBy', completedDate: 'checklistCompletedOn' },
  list: CHECKLIST_ITEM_NAMES,
};

const CHECKLIST_MAPPING: CheckMapping<TracEmploymentChecklistData, EmploymentChecklistBody> = {
  tracDataSchema: TracEmploymentChecklistDataSchema,
  names: CHECKLIST_NAMES,
  buildFields: buildChecklistFields,
  esrBodySchema: employmentChecklistBodySchema,
};

/** Employment checklist: Trac `employment-checklist` → ESR `employment-checklist` (records.md §4). */
export const employmentChecklistRecord: RecordDefinition<EmploymentChecklistBody> = {
  recordType: 'employment-checklist',
  tracCheckType: 'employment-checklist',
  map(check, context) {
    const { data, tracIndexOf } = withoutUntransferredItems(check.data);
    const names = { ...CHECKLIST_NAMES, list: { ...CHECKLIST_ITEM_NAMES, tracIndexOf } };
    return mapCheck(CHECKLIST_MAPPING, check, context, { data, names });
  },
  esrBodySchema: employmentChecklistBodySchema,
};
