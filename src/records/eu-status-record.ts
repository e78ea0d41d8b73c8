import { z } from 'zod';
import { EsrDateSchema, ShareCodeSchema, SourceSchema, textOfLength, TracTextSchema } from './common-schemas';
import { requireDateOrder, requireNotFuture, requirePresentExactlyWhen, requireUnless } from './esr-rules';
import type { FieldNames } from './field-names';
import { labelTable, type LabelReader } from './labels';
import { mapCheck, type CheckMapping } from './map-check';
import type { RecordDefinition } from './record-definition';
import { absentIfNull, esrDateOf, shareCodeOf } from './trac-values';

const SETTLEMENT_STATUSES = ['SETTLED', 'PRE_SETTLED', 'APPLICATION_PENDING'] as const;

const SETTLEMENT_STATUS_LABELS = labelTable<(typeof SETTLEMENT_STATUSES)[number]>({
  Settled: 'SETTLED',
  'Pre-settled': 'PRE_SETTLED',
  'Application pending': 'APPLICATION_PENDING',
});

/** Trac's `eu-status` data: only the fields the mapping reads (never nationality or passport). */
export const TracEuStatusDataSchema = z.object({
  schemeStatus: TracTextSchema,
  shareCode: TracTextSchema,
  ecsReference: TracTextSchema,
  checkDate: TracTextSchema,
  preSettledExpiryDate: TracTextSchema,
  followUpDate: TracTextSchema,
});
export type TracEuStatusData = z.infer<typeof TracEuStatusDataSchema>;

export const EuStatusBodySchema = z
  .object({
    settlementStatus: z.enum(SETTLEMENT_STATUSES),
    shareCode: ShareCodeSchema.optional(),
    ecsReference: textOfLength(1, 50).optional(),
    checkDate: EsrDateSchema,
    expiryDate: EsrDateSchema.optional(),
    followUpDate: EsrDateSchema.optional(),
    source: SourceSchema,
  })
  .strict();
export type EuStatusBody = z.infer<typeof EuStatusBodySchema>;

function checkEuStatusRules(body: EuStatusBody, ctx: z.RefinementCtx, today: string): void {
  const pending = body.settlementStatus === 'APPLICATION_PENDING';
  const preSettled = body.settlementStatus === 'PRE_SETTLED';
  requireUnless(ctx, ['shareCode'], body.shareCode, pending, 'settlementStatus is APPLICATION_PENDING');
  requirePresentExactlyWhen(
    ctx,
    ['ecsReference'],
    body.ecsReference,
    pending,
    'settlementStatus is APPLICATION_PENDING',
  );
  requireNotFuture(ctx, ['checkDate'], body.checkDate, today);
  requirePresentExactlyWhen(
    ctx,
    ['expiryDate'],
    body.expiryDate,
    preSettled,
    'settlementStatus is PRE_SETTLED',
  );
  requireDateOrder(ctx, ['expiryDate'], body.expiryDate, 'after', {
    field: 'checkDate',
    date: body.checkDate,
  });
  requirePresentExactlyWhen(
    ctx,
    ['followUpDate'],
    body.followUpDate,
    preSettled,
    'settlementStatus is PRE_SETTLED',
  );
  requireDateOrder(ctx, ['followUpDate'], body.followUpDate, 'on or before', {
    field: 'expiryDate',
    date: body.expiryDate,
  });
}

export function euStatusBodySchema(today: string): z.ZodType<EuStatusBody> {
  return EuStatusBodySchema.superRefine((body, ctx) => checkEuStatusRules(body, ctx, today));
}

function buildEuStatusFields(data: TracEuStatusData, labels: LabelReader) {
  const status = labels.read(SETTLEMENT_STATUS_LABELS, data.schemeStatus, ['settlementStatus']);
  const preSettled = status === 'PRE_SETTLED';
  return {
    settlementStatus: status,
    shareCode: shareCodeOf(data.shareCode),
    ecsReference: status === 'APPLICATION_PENDING' ? absentIfNull(data.ecsReference) : undefined,
    checkDate: esrDateOf(data.checkDate),
    expiryDate: preSettled ? esrDateOf(data.preSettledExpiryDate) : undefined,
    followUpDate: preSettled ? esrDateOf(data.followUpDate) : undefined,
  };
}

const EU_STATUS_NAMES: FieldNames = {
  fields: { settlementStatus: 'schemeStatus', expiryDate: 'preSettledExpiryDate' },
};

const EU_STATUS_MAPPING: CheckMapping<TracEuStatusData, EuStatusBody> = {
  tracDataSchema: TracEuStatusDataSchema,
  names: EU_STATUS_NAMES,
  buildFields: buildEuStatusFields,
  esrBodySchema: euStatusBodySchema,
};

/** EU status: Trac `eu-status` → ESR `eu-status` (records.md §6). */
export const euStatusRecord: RecordDefinition<EuStatusBody> = {
  recordType: 'eu-status',
  tracCheckType: 'eu-status',
  map: (check, context) => mapCheck(EU_STATUS_MAPPING, check, context),
  esrBodySchema: euStatusBodySchema,
};
