import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { TracSandboxApplicant } from './trac-data';
import { misbehave, NO_MISBEHAVIOUR, type ListMisbehaviour } from './trac-list-misbehaviour';

/** `limit` of `GET /api/v1/applicants` (trac.md): 1 to 200, default 100. */
export const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 200;

/** Trac compares statuses ignoring case, white space and punctuation (trac.md); the sandbox's own copy. */
export function canonicalTracStatus(status: string): string {
  return status.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** How the sandbox shapes pages beyond `limit`, so that clients can be tested against short pages. */
export interface ListPaging {
  /** A page holds at most this many items, whatever the `limit`. */
  maxItemsPerPage: number;
  /** Every Nth page is empty while more follow; 0 never. */
  emptyPageEvery: number;
}

const repeatable = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]));

/**
 * The query string as express's simple parser gives it (a repeated key is an array). Strict: an
 * unknown or repeated parameter is a client bug the sandbox reports as `400 invalid_query`.
 */
const ListQuerySchema = z.strictObject({
  organisationCode: z.string().min(1).max(64),
  status: repeatable
    .pipe(
      z
        .array(
          z
            .string()
            .max(100)
            .refine((s) => canonicalTracStatus(s).length > 0),
        )
        .max(50),
    )
    .optional(),
  changedSince: z.iso.datetime({ offset: true }).optional(),
  doctorInTraining: z.enum(['true', 'false']).optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(LIST_LIMIT_MAX))
    .optional(),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,512}$/)
    .optional(),
});

/** What a cursor holds: the last position served, the page number, and the filters it belongs to. */
const CursorSchema = z.strictObject({
  at: z.number().int(),
  id: z.string().min(1).max(64),
  page: z.number().int().min(1),
  filters: z.string(),
});
type Cursor = z.infer<typeof CursorSchema>;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(text: string): Cursor | undefined {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

interface Filters {
  organisationCode: string;
  statuses: Set<string>;
  changedSinceMs: number | undefined;
  doctorInTraining: boolean | undefined;
}

/** A cursor is only good for the filters it was issued under: a client must repeat them. */
function fingerprintOf(filters: Filters): string {
  const { organisationCode, statuses, changedSinceMs, doctorInTraining } = filters;
  const canonical = JSON.stringify([
    organisationCode,
    [...statuses].sort(),
    changedSinceMs,
    doctorInTraining,
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

function matches(applicant: TracSandboxApplicant['applicant'], at: number, filters: Filters): boolean {
  return applicant.organisationCode === filters.organisationCode && matchesOtherwise(applicant, at, filters);
}

/** The filters but the organisation's. */
function matchesOtherwise(applicant: TracSandboxApplicant['applicant'], at: number, filters: Filters) {
  if (filters.statuses.size > 0 && !filters.statuses.has(canonicalTracStatus(applicant.status))) return false;
  if (filters.changedSinceMs !== undefined && !(at >= filters.changedSinceMs)) return false;
  return filters.doctorInTraining === undefined || applicant.doctorInTraining === filters.doctorInTraining;
}

interface Entry {
  applicant: TracSandboxApplicant['applicant'];
  at: number;
}

const byPosition = (a: Entry, b: Entry) =>
  a.at - b.at || (a.applicant.applicantId < b.applicant.applicantId ? -1 : 1);

const isAfter = (entry: Entry, cursor: Cursor) =>
  entry.at > cursor.at || (entry.at === cursor.at && entry.applicant.applicantId > cursor.id);

/** A summary item: identifiers and status only, never `person`, `staffGroup` or checks. */
function summaryOf({ applicant }: Entry) {
  const { applicantId, organisationCode, vacancyReference, status, statusChangedAt, doctorInTraining } =
    applicant;
  return {
    applicantId,
    organisationCode,
    ...(vacancyReference === undefined ? {} : { vacancyReference }),
    status,
    statusChangedAt,
    doctorInTraining,
  };
}

export type ListSummary = ReturnType<typeof summaryOf>;
export type ListPageResult =
  { ok: true; page: { items: ListSummary[]; nextCursor: string | null } } | { ok: false };

/**
 * For a misbehaving list: the first applicant, in list order, of another organisation that the
 * other filters let through; else the first of another organisation at all.
 */
function otherOrganisationItem(applicants: Iterable<TracSandboxApplicant>, filters: Filters) {
  const others: Entry[] = [];
  for (const { applicant } of applicants) {
    if (applicant.organisationCode !== filters.organisationCode)
      others.push({ applicant, at: Date.parse(applicant.statusChangedAt) });
  }
  others.sort(byPosition);
  const picked = others.find((entry) => matchesOtherwise(entry.applicant, entry.at, filters)) ?? others[0];
  return picked && summaryOf(picked);
}

/**
 * One page of `GET /api/v1/applicants` (trac.md): filtered, ordered by `statusChangedAt` then
 * `applicantId`, after the cursor's position. Read live from the applicants as they are now, so an
 * applicant whose status changed since the previous page moves to the end. `misbehaviour` breaks
 * trac.md on purpose (sandbox/trac-list-misbehaviour.ts).
 */
export function listApplicantsPage(
  applicants: Iterable<TracSandboxApplicant>,
  rawQuery: unknown,
  paging: ListPaging,
  misbehaviour: ListMisbehaviour = NO_MISBEHAVIOUR,
): ListPageResult {
  const query = ListQuerySchema.safeParse(rawQuery);
  if (!query.success) return { ok: false };
  const { organisationCode, status, changedSince, doctorInTraining, limit, cursor: cursorText } = query.data;
  const filters: Filters = {
    organisationCode,
    statuses: new Set((status ?? []).map(canonicalTracStatus)),
    changedSinceMs: changedSince === undefined ? undefined : Date.parse(changedSince),
    doctorInTraining: doctorInTraining === undefined ? undefined : doctorInTraining === 'true',
  };
  const fingerprint = fingerprintOf(filters);
  const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
  if (cursorText !== undefined && cursor?.filters !== fingerprint) return { ok: false };

  const following: Entry[] = [];
  for (const { applicant } of applicants) {
    const entry = { applicant, at: Date.parse(applicant.statusChangedAt) };
    if (matches(applicant, entry.at, filters) && (!cursor || isAfter(entry, cursor))) following.push(entry);
  }
  following.sort(byPosition);

  const pageNumber = (cursor?.page ?? 0) + 1;
  const empty = paging.emptyPageEvery > 0 && pageNumber % paging.emptyPageEvery === 0;
  const size = empty ? 0 : Math.min(limit ?? LIST_LIMIT_DEFAULT, paging.maxItemsPerPage);
  const served = following.slice(0, size);
  const last = served.at(-1);
  const position = last ? { at: last.at, id: last.applicant.applicantId } : cursor;
  const nextCursor =
    following.length > served.length && position
      ? encodeCursor({ at: position.at, id: position.id, page: pageNumber, filters: fingerprint })
      : null;
  const page = misbehave(
    { organisationCode, pageNumber, askedWith: cursorText, items: served.map(summaryOf), nextCursor },
    misbehaviour,
    () => otherOrganisationItem(applicants, filters),
  );
  return { ok: true, page };
}
