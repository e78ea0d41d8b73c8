import { readEveryApplicant, TRAC_LIST_MAX_PAGES } from '../../../src/trac/trac-list';
import type { TracApplicantPage } from '../../../src/trac/trac-schemas';

const aSummary = (applicantId: string) => ({
  applicantId,
  organisationCode: 'R0A',
  vacancyReference: 'DIT-2026-08-CT1',
  status: 'Outcome: Recruited',
  statusChangedAt: '2026-06-14T10:22:01Z',
  doctorInTraining: true,
});

/** Reads a listing whose page n (from 1) is `page(n)`; the cursors asked with, and what was yielded or thrown. */
async function readListing(page: (n: number) => TracApplicantPage, bounds = {}) {
  const cursors: (string | undefined)[] = [];
  const ids: string[] = [];
  const reading = readEveryApplicant((cursor) => {
    cursors.push(cursor);
    return Promise.resolve(page(cursors.length));
  }, bounds);
  const error = await (async () => {
    for await (const item of reading) ids.push(item.applicantId);
  })().catch((e: unknown) => e);
  return { cursors, ids, error };
}

/**
 * Issue 17, item 2, at the heart of it: the bounds that make every listing end, whatever Trac's
 * cursors do (test/integration/clients/trac-client-list.test.ts shows them through the client).
 */
describe('readEveryApplicant: every listing ends', () => {
  it('when every page gives a new cursor, then the listing ends as trac_list_did_not_end after 1,000 pages, their applicants yielded', async () => {
    const { cursors, ids, error } = await readListing((n) => ({
      items: [aSummary(`A-${n}`)],
      nextCursor: `c${n}`,
    }));

    expect(TRAC_LIST_MAX_PAGES).toBe(1000);
    expect(error).toMatchObject({ code: 'trac_list_did_not_end' });
    expect((error as Error).message).toMatch(/past 1,000 pages/);
    expect(cursors).toHaveLength(1000);
    expect(ids).toHaveLength(1000);
  });

  it('when a cursor comes back after other pages (c1, c2, c1), then the listing ends before asking for it again', async () => {
    const next = ['c1', 'c2', 'c1'];
    const { cursors, ids, error } = await readListing((n) => ({
      items: [aSummary(`A-${n}`)],
      nextCursor: next[n - 1] ?? null,
    }));

    expect(error).toMatchObject({ code: 'trac_list_did_not_end' });
    expect(cursors).toEqual([undefined, 'c1', 'c2']);
    expect(ids).toEqual(['A-1', 'A-2', 'A-3']);
  });

  it('when the listing ends on its own within the bounds, then nothing is thrown', async () => {
    const { cursors, ids, error } = await readListing(
      (n) => ({ items: [aSummary(`A-${n}`)], nextCursor: n < 5 ? `c${n}` : null }),
      { maxPages: 5 },
    );

    expect(error).toBeUndefined();
    expect(cursors).toHaveLength(5);
    expect(ids).toHaveLength(5);
  });

  it('when the pages took exactly 10 minutes, then the next page is still read; past that, not', async () => {
    let clock = 0;
    const { cursors, error } = await readListing(
      (n) => {
        clock += n <= 2 ? 5 * 60_000 : 1;
        return { items: [aSummary(`A-${n}`)], nextCursor: `c${n}` };
      },
      { now: () => clock },
    );

    expect(error).toMatchObject({ code: 'trac_list_did_not_end' });
    expect((error as Error).message).toMatch(/more than 10 minutes/);
    // 5 + 5 = 10 minutes is not more than 10: page 3 is read, and its millisecond passes the bound
    expect(cursors).toHaveLength(3);
  });
});
