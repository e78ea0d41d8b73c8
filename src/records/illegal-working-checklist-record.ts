import { z } from 'zod';
import { EsrDateSchema, ShareCodeSchema, SourceSchema, textOfLength, TracTextSchema } from './common-schemas';
import { addRuleIssue, requireDateOrder, requireNotFuture, requirePresentExactlyWhen } from './esr-rules';
import type { FieldNames } from './field-names';
import { labelTable, YES_NO_LABELS, type LabelReader } from './labels';
import { mapCheck, type CheckMapping } from './map-check';
import type { RecordDefinition } from './record-definition';
import { absentIfNull, esrDateOf, shareCodeOf, trimmed } from './trac-values';

const CHECK_METHODS = ['MANUAL', 'HOME_OFFICE_ONLINE', 'IDSP', 'EMPLOYER_CHECKING_SERVICE'] as const;
const DOCUMENT_LISTS = ['LIST_A', 'LIST_B_GROUP_1', 'LIST_B_GROUP_2'] as const;
const PERMISSION_TYPES = ['UNLIMITED', 'TIME_LIMITED'] as const;
type CheckMethod = (typeof CHECK_METHODS)[number];

const CHECK_METHOD_LABELS = labelTable<CheckMethod>({
  'Manual document check': 'MANUAL',
  'Home Office online check': 'HOME_OFFICE_ONLINE',
  'IDSP digital check': 'IDSP',
  'Employer Checking Service': 'EMPLOYER_CHECKING_SERVICE',
});
const DOCUMENT_LIST_LABELS = labelTable<(typeof DOCUMENT_LISTS)[number]>({
  'List A': 'LIST_A',
  'List B Group 1': 'LIST_B_GROUP_1',
  'List B Group 2': 'LIST_B_GROUP_2',
});
const PERMISSION_TYPE_LABELS = labelTable<(typeof PERMISSION_TYPES)[number]>({
  Unlimited: 'UNLIMITED',
  'Time-limited': 'TIME_LIMITED',
});

/** Trac's `illegal-working` data: only the fields the mapping reads (never identity documents). */
export const TracIllegalWorkingDataSchema = z.object({
  checkMethod: TracTextSchema,
  documentList: TracTextSchema,
  shareCode: TracTextSchema,
  idspProvider: TracTextSchema,
  ecsReference: TracTextSchema,
  checkDate: TracTextSchema,
  checkedBy: TracTextSchema,
  permission: TracTextSchema,
  permissionExpiryDate: TracTextSchema,
  followUpDate: TracTextSchema,
  restrictions: TracTextSchema,
  sponsored: TracTextSchema,
});
export type TracIllegalWorkingData = z.infer<typeof TracIllegalWorkingDataSchema>;

export const IllegalWorkingChecklistBodySchema = z
  .object({
    checkMethod: z.enum(CHECK_METHODS),
    documentList: z.enum(DOCUMENT_LISTS).optional(),
    shareCode: ShareCodeSchema.optional(),
    idspProvider: textOfLength(1, 150).optional(),
    ecsReference: textOfLength(1, 50).optional(),
    checkDate: EsrDateSchema,
    checkedBy: textOfLength(1, 150),
    permissionType: z.enum(PERMISSION_TYPES),
    permissionExpiryDate: EsrDateSchema.optional(),
    followUpDate: EsrDateSchema.optional(),
    workRestrictions: textOfLength(0, 500).optional(),
    sponsored: z.boolean().optional(),
    source: SourceSchema,
  })
  .strict();
export type IllegalWorkingChecklistBody = z.infer<typeof IllegalWorkingChecklistBodySchema>;

/** The field each check method requires, and allows alone. */
const METHOD_FIELDS = {
  MANUAL: 'documentList',
  HOME_OFFICE_ONLINE: 'shareCode',
  IDSP: 'idspProvider',
  EMPLOYER_CHECKING_SERVICE: 'ecsReference',
} as const satisfies Record<CheckMethod, keyof IllegalWorkingChecklistBody>;

function checkIllegalWorkingRules(body: IllegalWorkingChecklistBody, ctx: z.RefinementCtx, today: string) {
  for (const method of CHECK_METHODS) {
    const field = METHOD_FIELDS[method];
    requirePresentExactlyWhen(
      ctx,
      [field],
      body[field],
      body.checkMethod === method,
      `checkMethod is ${method}`,
    );
  }
  requireNotFuture(ctx, ['checkDate'], body.checkDate, today);
  if (body.documentList === 'LIST_A' && body.permissionType !== 'UNLIMITED') {
    addRuleIssue(ctx, ['permissionType'], 'must be UNLIMITED when documentList is LIST_A');
  }
  const timeLimited = body.permissionType === 'TIME_LIMITED';
  const expiry = body.permissionExpiryDate;
  requirePresentExactlyWhen(
    ctx,
    ['permissionExpiryDate'],
    expiry,
    timeLimited,
    'permissionType is TIME_LIMITED',
  );
  requireDateOrder(ctx, ['permissionExpiryDate'], expiry, 'after', {
    field: 'checkDate',
    date: body.checkDate,
  });
  requirePresentExactlyWhen(
    ctx,
    ['followUpDate'],
    body.followUpDate,
    timeLimited,
    'permissionType is TIME_LIMITED',
  );
  requireDateOrder(ctx, ['followUpDate'], body.followUpDate, 'on or before', {
    field: 'permissionExpiryDate',
    date: expiry,
  });
}

export function illegalWorkingChecklistBodySchema(today: string): z.ZodType<IllegalWorkingChecklistBody> {
  return IllegalWorkingChecklistBodySchema.superRefine((body, ctx) =>
    checkIllegalWorkingRules(body, ctx, today),
  );
}

function buildIllegalWorkingFields(data: TracIllegalWorkingData, labels: LabelReader) {
  const method = labels.read(CHECK_METHOD_LABELS, data.checkMethod, ['checkMethod']);
  const documentList =
    method === 'MANUAL' ? labels.read(DOCUMENT_LIST_LABELS, data.documentList, ['documentList']) : undefined;
  const permissionType = labels.read(PERMISSION_TYPE_LABELS, data.permission, ['permissionType']);
  const timeLimited = permissionType === 'TIME_LIMITED';
  return {
    checkMethod: method,
    documentList,
    shareCode: method === 'HOME_OFFICE_ONLINE' ? shareCodeOf(data.shareCode) : undefined,
    idspProvider: method === 'IDSP' ? absentIfNull(data.idspProvider) : undefined,
    ecsReference: method === 'EMPLOYER_CHECKING_SERVICE' ? absentIfNull(data.ecsReference) : undefined,
    checkDate: esrDateOf(data.checkDate),
    checkedBy: trimmed(data.checkedBy),
    permissionType,
    permissionExpiryDate: timeLimited ? esrDateOf(data.permissionExpiryDate) : undefined,
    followUpDate: timeLimited ? esrDateOf(data.followUpDate) : undefined,
    workRestrictions: absentIfNull(data.restrictions),
    sponsored: labels.read(YES_NO_LABELS, data.sponsored, ['sponsored']),
  };
}

const ILLEGAL_WORKING_NAMES: FieldNames = {
  fields: { permissionType: 'permission', workRestrictions: 'restrictions' },
};

const ILLEGAL_WORKING_MAPPING: CheckMapping<TracIllegalWorkingData, IllegalWorkingChecklistBody> = {
  tracDataSchema: TracIllegalWorkingDataSchema,
  names: ILLEGAL_WORKING_NAMES,
  buildFields: buildIllegalWorkingFields,
  esrBodySchema: illegalWorkingChecklistBodySchema,
};

/** Illegal working checklist: Trac `illegal-working` → ESR `illegal-working-checklist` (records.md §5). */
export const illegalWorkingChecklistRecord: RecordDefinition<IllegalWorkingChecklistBody> = {
  recordType: 'illegal-working-checklist',
  tracCheckType: 'illegal-working',
  map: (check, context) => mapCheck(ILLEGAL_WORKING_MAPPING, check, context),
  esrBodySchema: illegalWorkingChecklistBodySchema,
};
