import { z } from 'zod';
import { AppError } from '../platform/errors';
import type { TracApplicantPage, TracApplicantSummary } from './trac-schemas';

/** Items per page Trac allows (trac.md): 1 to 200, default 100. */
export const TRAC_LIST_DEFAULT_LIMIT = 100;
export const TRAC_LIST_MAX_LIMIT = 200;

/** A listing reads at most this many pages (100,000 applicants at the default limit). */
export const TRAC_LIST_MAX_PAGES = 1000;
/** A listing waits for Trac's pages at most this long in all, milliseconds (10 minutes). */
export const TRAC_LIST_MAX_WAIT_MS = 10 * 60 * 1000;

/** Why an item of a listing was left out, as `dit_trac_list_items_skipped_total{reason}` counts it. */
export type TracListSkipReason = 'other_organisation';

/**
 * A listing that would never end: Trac gave back a cursor already used in it, or it went past
 * TRAC_LIST_MAX_PAGES pages or TRAC_LIST_MAX_WAIT_MS of waiting. Neither retryable within the
 * listing nor a reason to give up on Trac: the caller ends that organisation's listing as failed
 * (`trac_list_did_not_end`), and the next sweep or preview lists again from the first page.
 */
export class TracListDidNotEndError extends AppError {
  readonly code = 'trac_list_did_not_end';
  constructor(why: string) {
    super(`Trac’s list of applicants did not end (trac_list_did_not_end): ${why}.`);
  }
}

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

/**
 * The page without items of another organisation than the one listed (trac.md forbids them): such
 * an item never reaches a sweep or preview of this one, and never fails the listing; each is
 * counted through `onSkipped`.
 */
export function withoutOtherOrganisations(
  page: TracApplicantPage,
  organisationCode: string,
  onSkipped?: (reason: TracListSkipReason) => void,
): TracApplicantPage {
  const items = page.items.filter((item) => item.organisationCode === organisationCode);
  for (let n = items.length; n < page.items.length; n += 1) onSkipped?.('other_organisation');
  return items.length === page.items.length ? page : { ...page, items };
}

/** Bounds of one listing; the clock is injectable so that tests move it instead of waiting. */
export interface TracListBounds {
  /** Epoch milliseconds; default `Date.now`. */
  now?: () => number;
  /** Default TRAC_LIST_MAX_PAGES. */
  maxPages?: number;
  /** Default TRAC_LIST_MAX_WAIT_MS. */
  maxWaitMs?: number;
}

/**
 * Every applicant of a listing, reading page after page until `nextCursor` is null. A short or
 * empty page with a cursor is not the end (trac.md). The list is live, so an applicant whose
 * status changed meanwhile comes again at the end: each applicantId is yielded once, the first
 * time it is seen (a caller that acts on one re-reads the applicant anyway).
 *
 * Every listing ends: the items of each page read are yielded, then TracListDidNotEndError is
 * thrown instead of asking for a cursor already used in this listing, a page past `maxPages`, or
 * any page once the pages have taken more than `maxWaitMs` to arrive. Only the time spent waiting
 * for Trac counts: a preview checks applicants at the shared rate limit between pages, and that
 * must not cut a large organisation's preview short.
 */
export async function* readEveryApplicant(
  readPage: (cursor: string | undefined) => Promise<TracApplicantPage>,
  bounds: TracListBounds = {},
): AsyncGenerator<TracApplicantSummary, void, undefined> {
  const { now = Date.now, maxPages = TRAC_LIST_MAX_PAGES, maxWaitMs = TRAC_LIST_MAX_WAIT_MS } = bounds;
  const seen = new Set<string>();
  const usedCursors = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  let waitedMs = 0;
  for (;;) {
    const askedAt = now();
    const page = await readPage(cursor);
    waitedMs += now() - askedAt;
    pages += 1;
    if (cursor !== undefined) usedCursors.add(cursor);
    for (const item of page.items) {
      if (seen.has(item.applicantId)) continue;
      seen.add(item.applicantId);
      yield item;
    }
    if (page.nextCursor === null) return;
    if (usedCursors.has(page.nextCursor))
      throw new TracListDidNotEndError('a page gave back a cursor already used in this listing');
    if (pages >= maxPages)
      throw new TracListDidNotEndError(`it went on past ${maxPages.toLocaleString('en-GB')} pages`);
    if (waitedMs > maxWaitMs)
      throw new TracListDidNotEndError(
        `its pages took more than ${Math.round(maxWaitMs / 60_000)} minutes to arrive`,
      );
    cursor = page.nextCursor;
  }
}
