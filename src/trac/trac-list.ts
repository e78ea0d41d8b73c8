import { z } from 'zod';
import { AppError, PermanentError, RetryableError } from '../platform/errors';
import type { TracApplicantPage, TracApplicantSummary } from './trac-schemas';

/** Items per page Trac allows (trac.md): 1 to 200, default 100. */
export const TRAC_LIST_DEFAULT_LIMIT = 100;
export const TRAC_LIST_MAX_LIMIT = 200;

/** What to list of one organisation's applicants (`GET /api/v1/applicants`). */
export interface TracListQuery {
  organisationCode: string;
  /** Any of these statuses; Trac compares ignoring case, white space and punctuation. Default any. */
  statuses?: readonly string[];
  /** Only applicants whose status changed at or after this instant (ISO 8601 date-time if a string). */
  changedSince?: Date | string;
  /** Only doctors in training (`true`) or only others (`false`). Default both. */
  doctorInTraining?: boolean;
  /** Items per page, 1 to 200. Default 100. */
  limit?: number;
}

const TracListQuerySchema = z.object({
  organisationCode: z.string().min(1),
  statuses: z.array(z.string().trim().min(1)).readonly().optional(),
  changedSince: z.union([z.date(), z.iso.datetime({ offset: true })]).optional(),
  doctorInTraining: z.boolean().optional(),
  limit: z.number().int().min(1).max(TRAC_LIST_MAX_LIMIT).optional(),
});

/**
 * The list URL with the query and cursor, `status` repeated once per status. Every value is
 * percent-encoded (a space is `%20`, never `+`). A query that Trac would refuse throws here instead.
 */
export function listApplicantsPath(query: TracListQuery, cursor?: string): string {
  const parsed = TracListQuerySchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      `Trac list-applicants: invalid query ${issue?.path.join('.') ?? ''}: ${issue?.message}`,
    );
  }
  const { organisationCode, statuses = [], changedSince, doctorInTraining, limit } = parsed.data;
  const pairs: [string, string][] = [['organisationCode', organisationCode]];
  for (const status of statuses) pairs.push(['status', status]);
  if (changedSince !== undefined) {
    pairs.push(['changedSince', changedSince instanceof Date ? changedSince.toISOString() : changedSince]);
  }
  if (doctorInTraining !== undefined) pairs.push(['doctorInTraining', String(doctorInTraining)]);
  pairs.push(['limit', String(limit ?? TRAC_LIST_DEFAULT_LIMIT)]);
  if (cursor !== undefined) pairs.push(['cursor', cursor]);
  const search = pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return `/api/v1/applicants?${search}`;
}

/** An item of another organisation is a broken answer: never let it reach a sweep of this one. */
export function checkPageOrganisation(page: TracApplicantPage, organisationCode: string): TracApplicantPage {
  const index = page.items.findIndex((item) => item.organisationCode !== organisationCode);
  if (index >= 0) {
    throw new PermanentError(
      'INVALID_TRAC_DATA',
      `applicants.items.${index}.organisationCode: not the organisation listed (${organisationCode})`,
    );
  }
  return page;
}

/**
 * Every applicant of a listing, reading page after page until `nextCursor` is null. A short or
 * empty page with a cursor is not the end (trac.md). The list is live, so an applicant whose
 * status changed meanwhile comes again at the end: each applicantId is yielded once, the first
 * time it is seen (a caller that acts on one re-reads the applicant anyway).
 */
export async function* readEveryApplicant(
  readPage: (cursor: string | undefined) => Promise<TracApplicantPage>,
): AsyncGenerator<TracApplicantSummary, void, undefined> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await readPage(cursor);
    for (const item of page.items) {
      if (seen.has(item.applicantId)) continue;
      seen.add(item.applicantId);
      yield item;
    }
    // Trac's contract never does this, but a reader that followed it would loop for ever.
    if (page.items.length === 0 && page.nextCursor !== null && page.nextCursor === cursor) {
      throw new RetryableError('Trac list-applicants: an empty page gave back the same cursor');
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
