import { z } from 'zod';
import { MATCH_HINTS, MATCH_RESULTS } from '../transfer/classify-match';

/**
 * A match preview (connector.md "Match preview"): which of an organisation's Trac applicants would
 * match in ESR, which would not, and why. Identifiers, results and hints only: no names, no dates
 * of birth. Kept PREVIEW_RETENTION_DAYS.
 */
export const PREVIEW_RETENTION_DAYS = 7;

export const PREVIEW_STATES = ['waiting', 'active', 'completed', 'failed'] as const;
export type PreviewState = (typeof PREVIEW_STATES)[number];

/** `pv_` and 24 hex digits: random, so one preview's id tells nothing of another's. */
export const PREVIEW_ID_PATTERN = /^pv_[0-9a-f]{24}$/;

export const PreviewItemSchema = z.object({
  applicantId: z.string(),
  result: z.enum(MATCH_RESULTS),
  hints: z.array(z.enum(MATCH_HINTS)),
  esrApplicantIds: z.array(z.string()),
});
export type PreviewItem = z.infer<typeof PreviewItemSchema>;

export const PreviewProgressSchema = z.object({
  /** Applicants listed by Trac so far. */
  listed: z.number().int().min(0),
  /** Applicants read and matched so far (those Trac no longer holds included). */
  checked: z.number().int().min(0),
});
export type PreviewProgress = z.infer<typeof PreviewProgressSchema>;

export const PreviewCountsSchema = z.object({
  MATCHED: z.number().int().min(0),
  NO_ESR_MATCH: z.number().int().min(0),
  AMBIGUOUS_ESR_MATCH: z.number().int().min(0),
});

/** What was asked: the organisation, the Trac statuses (empty: all), the lower bound of the status change. */
export const PreviewRequestSchema = z.object({
  organisationCode: z.string().regex(/^[A-Z0-9]{3,5}$/),
  statuses: z.array(z.string()),
  changedSince: z.string().nullable(),
});
export type PreviewRequest = z.infer<typeof PreviewRequestSchema>;

/** A preview as `GET /admin/match-previews` lists it: everything but its items. */
export const PreviewSummarySchema = PreviewRequestSchema.extend({
  previewId: z.string().regex(PREVIEW_ID_PATTERN),
  state: z.enum(PREVIEW_STATES),
  progress: PreviewProgressSchema,
  counts: PreviewCountsSchema,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Why a failed preview stopped (Trac or ESR down through every attempt, a refusal). */
  failedReason: z.string().optional(),
});
export type PreviewSummary = z.infer<typeof PreviewSummarySchema>;

/** One preview in full: `GET /admin/match-previews/{previewId}`. */
export const PreviewSchema = PreviewSummarySchema.extend({ items: z.array(PreviewItemSchema) });
export type Preview = z.infer<typeof PreviewSchema>;

/** What the preview's run writes, behind the port its storage implements (src/store). */
export interface PreviewRecorder {
  /** Applicants a previous attempt of this preview already matched: not searched again. */
  checkedIds(): Promise<ReadonlySet<string>>;
  saveItem(item: PreviewItem): Promise<void>;
  progress(progress: PreviewProgress): Promise<void>;
}
