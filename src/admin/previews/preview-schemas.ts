import { z } from 'zod';
import { PreviewSchema, PreviewSummarySchema } from '../../preview/preview';

/**
 * `POST /admin/match-previews`: the organisation, and optionally the Trac statuses (any of them;
 * all when left out) and the earliest status change. Unknown fields are refused.
 */
export const PreviewStartBodySchema = z.strictObject({
  organisationCode: z
    .string()
    .regex(/^[A-Z0-9]{3,5}$/, 'must be 3 to 5 upper-case letters or digits, e.g. R0A'),
  statuses: z.array(z.string().trim().min(1, 'must not be empty').max(100)).max(50).optional(),
  changedSince: z.iso
    .datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-05-01T00:00:00Z' })
    .optional(),
});
export type PreviewStartBody = z.infer<typeof PreviewStartBodySchema>;

export const PreviewQueuedAnswerSchema = z.object({ previewId: z.string(), status: z.literal('queued') });
export const PreviewListSchema = z.object({ items: z.array(PreviewSummarySchema) });
export { PreviewSchema, PreviewSummarySchema };

/** The CSV's columns, in order (connector.md). */
export const PREVIEW_CSV_COLUMNS = ['applicantId', 'result', 'hints', 'esrApplicantIds'] as const;
