import { z } from 'zod';
import { REASON_CODES } from '../../platform/errors';
import { RECORD_TYPES } from '../../records/record-types';
import { TRANSFER_STATES, TransferSchema } from '../../transfer/transfer';
import { AuditEntrySchema } from '../audit/audit-log';

/** Admin API requests and answers. The OpenAPI document is generated from these schemas. */

/** Items per page of every admin list (connector.md). */
export const PAGE_SIZE = 50;

const OrganisationCode = z
  .string()
  .regex(/^[A-Z0-9]{3,5}$/, 'must be 3 to 5 upper-case letters or digits, e.g. R0A');
const ApplicantId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 of A-Z a-z 0-9 - _');
const Page = z.coerce
  .number({ message: 'must be a whole number from 1' })
  .int('must be a whole number from 1')
  .min(1, 'must be a whole number from 1')
  .max(1_000_000, 'must be at most 1000000')
  .default(1);

export const TransfersQuerySchema = z.object({
  state: z.enum(TRANSFER_STATES).optional(),
  reason: z.enum(REASON_CODES).optional(),
  organisation: OrganisationCode.optional(),
  /** `true`: only transfers that completed with outstanding records. */
  outstanding: z.enum(['true', 'false']).optional(),
  page: Page,
});

/**
 * The audit log is read newest first, so page N reads N × 50 entries: pages stop at 2,000 (the
 * latest 100,000 writes) so that no request reads the whole 400 days. Older entries are in the
 * receiver's log lines (`admin action`).
 */
export const MAX_AUDIT_PAGE = 2000;
export const AuditQuerySchema = z.object({
  page: z.coerce
    .number({ message: 'must be a whole number from 1' })
    .int('must be a whole number from 1')
    .min(1, 'must be a whole number from 1')
    .max(MAX_AUDIT_PAGE, `must be at most ${MAX_AUDIT_PAGE}`)
    .default(1),
});

/** Unknown fields are refused: a misspelt filter must not widen a bulk re-queue to everything. */
export const BulkRequeueBodySchema = z.strictObject({
  reason: z.enum(REASON_CODES).optional(),
  organisation: OrganisationCode.optional(),
});
export type BulkRequeueBody = z.infer<typeof BulkRequeueBodySchema>;

export const ManualStartBodySchema = z.strictObject({
  organisationCode: OrganisationCode,
  applicantId: ApplicantId,
});
export type ManualStartBody = z.infer<typeof ManualStartBodySchema>;

/**
 * A transfer as the API lists it: identifiers and outcomes only (connector.md), with a failed
 * match's cause (`match`) and a completed transfer's `outstanding` records.
 */
export const TransferSummarySchema = TransferSchema.omit({
  updatedAt: true,
  esrApplicantId: true,
  outstandingRequestedAt: true,
  // the HR pages' plain sentence comes from it; the API's `message` says the same in its codes
  problem: true,
});
export type TransferSummary = z.infer<typeof TransferSummarySchema>;

/**
 * One transfer in full: the summary, its last change, what the ledger holds as sent, and, while
 * records are outstanding, the ESR applicant they go to and when sending them was last asked for.
 */
export const TransferDetailSchema = TransferSummarySchema.extend({
  updatedAt: z.string(),
  esrApplicantId: z.string().nullable(),
  outstandingRequestedAt: z.string().nullable(),
  ledger: z.partialRecord(z.enum(RECORD_TYPES), z.object({ esrRecordId: z.string(), sentAt: z.string() })),
});
export type TransferDetail = z.infer<typeof TransferDetailSchema>;

const paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), page: z.number().int().min(1), total: z.number().int().min(0) });

export const TransferListSchema = paged(TransferSummarySchema);
export const AuditListSchema = paged(AuditEntrySchema);

export const QueuedAnswerSchema = z.object({ status: z.literal('queued'), transferId: z.string() });
export const RequeuedAnswerSchema = z.object({ requeued: z.number().int().min(0) });
/** `POST /admin/digest`: a digest run is queued; a worker sends it. */
export const DigestQueuedAnswerSchema = z.object({ status: z.literal('queued') });

export const ADMIN_ERROR_CODES = [
  'unauthorized',
  'too_many_failed_logins',
  'forbidden',
  'not_found',
  'already_completed',
  'already_queued',
  'nothing_outstanding',
  'invalid_query',
  'invalid_body',
  'bad_request',
  'organisation_not_enabled',
  'organisation_not_permitted',
  'organisation_mismatch',
  'trac_applicant_not_found',
  'status_not_trigger',
  'trac_unavailable',
  'trac_rejected',
  'unavailable',
  'digest_not_configured',
] as const;
export type AdminErrorCode = (typeof ADMIN_ERROR_CODES)[number];

export const IssueSchema = z.object({ path: z.string(), message: z.string() });

export const ErrorAnswerSchema = z.object({
  error: z.enum(ADMIN_ERROR_CODES),
  /** For `invalid_query` and `invalid_body`: each offending field and what is wrong with it. */
  issues: z.array(IssueSchema).optional(),
});

/** An admin answer before it is sent; `requeued` (not sent) counts the transfers re-queued. */
export interface AdminAnswer {
  status: number;
  body: Record<string, unknown>;
  requeued?: number;
}

export const answer = (status: number, body: Record<string, unknown>): AdminAnswer => ({ status, body });
export const failure = (status: number, error: AdminErrorCode): AdminAnswer => answer(status, { error });

/** 400 naming each offending field (`invalid_query` or `invalid_body`). */
export function invalid(error: 'invalid_query' | 'invalid_body', zodError: z.ZodError): AdminAnswer {
  const issues = zodError.issues.map((issue) => ({
    path:
      issue.path.map(String).join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : ''),
    message: issue.message,
  }));
  return answer(400, { error, issues });
}
