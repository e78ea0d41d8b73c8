import nock from 'nock';
import { PermanentError, RetryableError } from '../../../src/platform/errors';
import { createTracClient, type TracListQuery } from '../../../src/trac/trac-client';

const TRAC = 'http://trac.test';
const LIST = '/api/v1/applicants';
const client = () =>
  createTracClient({ baseUrl: TRAC, clientId: 'id', clientSecret: 'secret', timeoutMs: 500 });
const R0A: TracListQuery = { organisationCode: 'R0A' };

const aSummary = (applicantId: string, extra: object = {}) => ({
  applicantId,
  organisationCode: 'R0A',
  vacancyReference: 'DIT-2026-08-CT1',
  status: 'Outcome: Recruited',
  statusChangedAt: '2026-06-14T10:22:01Z',
  doctorInTraining: true,
  ...extra,
});

function aTokenEndpoint() {
  return nock(TRAC)
    .post('/oauth/token')
    .reply(200, { access_token: 't', token_type: 'Bearer', expires_in: 3600 });
}

/** Answers list requests in turn with the given pages, recording each request's path as sent. */
function listPages(...pages: { items: object[]; nextCursor: string | null }[]) {
  const paths: string[] = [];
  for (const page of pages) {
    nock(TRAC)
      .get((path) => path.startsWith(`${LIST}?`) && paths.push(path) > 0)
      .reply(200, page);
  }
  return paths;
}

async function readAll(query: TracListQuery) {
  const ids: string[] = [];
  for await (const item of client().listApplicants(query)) ids.push(item.applicantId);
  return ids;
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
beforeEach(() => aTokenEndpoint());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Trac client listApplicantsPage: the query', () => {
  it('when every filter is given, then status repeats once per status and every value is percent-encoded', async () => {
    const paths = listPages({ items: [], nextCursor: null });

    await client().listApplicantsPage(
      {
        organisationCode: 'R0A',
        statuses: ['Outcome: Recruited', 'Offer: Unconditional'],
        changedSince: new Date('2026-06-01T00:00:00Z'),
        doctorInTraining: false,
        limit: 50,
      },
      'eyJhIjoxfQ',
    );

    expect(paths).toEqual([
      `${LIST}?organisationCode=R0A&status=Outcome%3A%20Recruited&status=Offer%3A%20Unconditional` +
        '&changedSince=2026-06-01T00%3A00%3A00.000Z&doctorInTraining=false&limit=50&cursor=eyJhIjoxfQ',
    ]);
  });

  it('when only the organisation is given, then the limit is 100 and nothing else is sent', async () => {
    const paths = listPages({ items: [], nextCursor: null });

    await client().listApplicantsPage({ ...R0A, changedSince: '2026-06-01T00:00:00+01:00' });

    expect(paths).toEqual([
      `${LIST}?organisationCode=R0A&changedSince=2026-06-01T00%3A00%3A00%2B01%3A00&limit=100`,
    ]);
  });

  it.each<[string, TracListQuery]>([
    ['limit 201', { ...R0A, limit: 201 }],
    ['limit 0', { ...R0A, limit: 0 }],
    ['an empty organisation', { organisationCode: '' }],
    ['a blank status', { ...R0A, statuses: [' '] }],
    ['a changedSince that is no date-time', { ...R0A, changedSince: 'yesterday' }],
  ])('when the query has %s, then it fails before any request leaves', async (_case, query) => {
    const paths = listPages({ items: [], nextCursor: null });

    await expect(client().listApplicantsPage(query)).rejects.toThrow(/invalid query/);
    expect(paths).toEqual([]);
  });
});

describe('Trac client listApplicants: reading every page', () => {
  it('when pages are short and one is empty but has a cursor, then every page is read to nextCursor null', async () => {
    const paths = listPages(
      { items: [aSummary('A-1'), aSummary('A-2')], nextCursor: 'c1' },
      { items: [], nextCursor: 'c2' },
      { items: [aSummary('A-3')], nextCursor: null },
    );

    const ids = await readAll({ ...R0A, limit: 3 });

    expect(ids).toEqual(['A-1', 'A-2', 'A-3']);
    expect(paths.map((path) => new URL(path, TRAC).searchParams.get('cursor'))).toEqual([null, 'c1', 'c2']);
    expect(paths.every((path) => path.includes('organisationCode=R0A&limit=3'))).toBe(true);
  });

  it('when an applicant appears twice (it moved while paging), then it is yielded once', async () => {
    listPages(
      { items: [aSummary('A-1'), aSummary('A-2')], nextCursor: 'c1' },
      { items: [aSummary('A-3'), aSummary('A-1', { status: 'Withdrawn' })], nextCursor: null },
    );

    await expect(readAll(R0A)).resolves.toEqual(['A-1', 'A-2', 'A-3']);
  });

  it('when Trac sends more than a summary, then only the summary fields are kept', async () => {
    listPages({ items: [aSummary('A-1', { person: { niNumber: 'QQ123456C' } })], nextCursor: null });

    const page = await client().listApplicantsPage(R0A);

    expect(page.items).toEqual([aSummary('A-1')]);
    expect(JSON.stringify(page)).not.toContain('QQ123456C');
  });
});

/**
 * Issue 17, item 2: a Trac whose list never ends used to hold a sweep or a preview for ever, at
 * 1,000 requests a second, every later one waiting behind it. Each listing now ends.
 */
describe('Trac client listApplicants: a listing that would never end', () => {
  /** Answers every list request with `page(n)`, n counting from 1; returns the cursors asked with. */
  function endlessPages(page: (n: number) => { items: object[]; nextCursor: string | null }) {
    const cursors: (string | null)[] = [];
    nock(TRAC)
      .persist()
      .get((path) => path.startsWith(`${LIST}?`))
      .reply((path) => {
        cursors.push(new URL(path, TRAC).searchParams.get('cursor'));
        return [200, page(cursors.length)];
      });
    return cursors;
  }

  it('when a page gives back a cursor already used in the listing, then the listing ends as trac_list_did_not_end after the pages read', async () => {
    // page 2 sends the reader back to page 2, with items, for ever
    const cursors = endlessPages((n) =>
      n === 1
        ? { items: [aSummary('A-1')], nextCursor: 'c1' }
        : { items: [aSummary('A-2')], nextCursor: 'c1' },
    );
    const ids: string[] = [];

    const reading = (async () => {
      for await (const item of client().listApplicants(R0A)) ids.push(item.applicantId);
    })();

    await expect(reading).rejects.toMatchObject({ code: 'trac_list_did_not_end' });
    expect(cursors).toEqual([null, 'c1']);
    expect(ids).toEqual(['A-1', 'A-2']);
  }, 5000);

  it('when an empty page gives back the cursor it was asked with, then the listing ends as trac_list_did_not_end', async () => {
    listPages({ items: [aSummary('A-1')], nextCursor: 'c1' }, { items: [], nextCursor: 'c1' });

    await expect(readAll(R0A)).rejects.toMatchObject({ code: 'trac_list_did_not_end' });
  }, 5000);

  it('when its pages have taken more than 10 minutes, then the listing ends as trac_list_did_not_end; time between pages does not count', async () => {
    let clock = Date.parse('2026-06-14T10:00:00Z');
    // each page takes 4 minutes of the listing's clock; the reader's own work between pages, 1 hour
    const cursors = endlessPages((n) => {
      clock += 4 * 60_000;
      return { items: [aSummary(`A-${n}`)], nextCursor: `c${n}` };
    });
    const timed = createTracClient({
      baseUrl: TRAC,
      clientId: 'id',
      clientSecret: 'secret',
      timeoutMs: 500,
      now: () => clock,
    });
    const ids: string[] = [];

    const reading = (async () => {
      for await (const item of timed.listApplicants(R0A)) {
        ids.push(item.applicantId);
        clock += 60 * 60_000;
      }
    })();

    await expect(reading).rejects.toMatchObject({ code: 'trac_list_did_not_end' });
    // 4, 8, 12 minutes: the third page passes the bound; its items are given, no fourth is asked for
    expect(cursors).toHaveLength(3);
    expect(ids).toEqual(['A-1', 'A-2', 'A-3']);
  });

  it('when a listing ended as trac_list_did_not_end, then the next listing reads from the first page as usual', async () => {
    listPages({ items: [aSummary('A-1')], nextCursor: 'c1' }, { items: [], nextCursor: 'c1' });
    const trac = client();
    await expect(
      (async () => {
        for await (const item of trac.listApplicants(R0A)) void item;
      })(),
    ).rejects.toMatchObject({ code: 'trac_list_did_not_end' });
    listPages({ items: [aSummary('A-1')], nextCursor: 'c1' }, { items: [aSummary('A-2')], nextCursor: null });

    const ids: string[] = [];
    for await (const item of trac.listApplicants(R0A)) ids.push(item.applicantId);

    expect(ids).toEqual(['A-1', 'A-2']);
  });
});

/**
 * Issue 17, item 3: one item of another organisation in R0A's list failed the whole listing (and
 * with it every sweep, for good). Such an item is now skipped and counted; the rest is read.
 */
describe('Trac client list: an item of another organisation', () => {
  it('when a page holds an item of another organisation, then it is skipped and counted, and the rest of the listing is read', async () => {
    listPages(
      { items: [aSummary('A-1'), aSummary('B-1', { organisationCode: '7A1' })], nextCursor: 'c1' },
      { items: [aSummary('B-2', { organisationCode: 'RR8' }), aSummary('A-2')], nextCursor: null },
    );
    const skipped: string[] = [];
    const counting = createTracClient({
      baseUrl: TRAC,
      clientId: 'id',
      clientSecret: 'secret',
      timeoutMs: 500,
      onListItemSkipped: (reason) => skipped.push(reason),
    });

    const ids: string[] = [];
    for await (const item of counting.listApplicants(R0A)) ids.push(item.applicantId);

    expect(ids).toEqual(['A-1', 'A-2']);
    expect(skipped).toEqual(['other_organisation', 'other_organisation']);
  });

  it('when one page is read on its own, then it never holds an item of another organisation either', async () => {
    listPages({ items: [aSummary('B-1', { organisationCode: '7A1' }), aSummary('A-1')], nextCursor: null });

    const page = await client().listApplicantsPage(R0A);

    expect(page.items.map((item) => item.applicantId)).toEqual(['A-1']);
  });
});

describe('Trac client list: errors', () => {
  it('when Trac answers 400 invalid_query, then it fails at once with TRAC_REJECTED naming the error', async () => {
    nock(TRAC)
      .get(/^\/api\/v1\/applicants\?/)
      .reply(400, { error: 'invalid_query' });

    const error: unknown = await client()
      .listApplicantsPage(R0A)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({
      reason: 'TRAC_REJECTED',
      message: expect.stringContaining('invalid_query') as unknown,
    });
  });

  it('when Trac answers 429 with Retry-After, then the error is retryable and carries the wait', async () => {
    nock(TRAC)
      .get(/^\/api\/v1\/applicants\?/)
      .reply(429, { error: 'rate_limited' }, { 'Retry-After': '7' });

    const error: unknown = await client()
      .listApplicantsPage(R0A)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).retryAfterMs).toBe(7000);
  });

  it('when page 2 is a 503, then page 1’s applicants were yielded and then a retryable error is thrown', async () => {
    listPages({ items: [aSummary('A-1')], nextCursor: 'c1' });
    nock(TRAC)
      .get(/cursor=c1/)
      .reply(503, { error: 'service_unavailable' });
    const ids: string[] = [];

    const reading = (async () => {
      for await (const item of client().listApplicants(R0A)) ids.push(item.applicantId);
    })();

    await expect(reading).rejects.toBeInstanceOf(RetryableError);
    expect(ids).toEqual(['A-1']);
  });

  it('when the network fails, then the error is retryable', async () => {
    nock(TRAC)
      .get(/^\/api\/v1\/applicants\?/)
      .replyWithError({ code: 'ECONNRESET' });

    await expect(client().listApplicantsPage(R0A)).rejects.toBeInstanceOf(RetryableError);
  });

  it('when the token was revoked, then one new token is fetched and the page is read; a second 401 is retryable', async () => {
    nock(TRAC)
      .get(/^\/api\/v1\/applicants\?/)
      .reply(401, { error: 'invalid_token' });
    aTokenEndpoint();
    listPages({ items: [aSummary('A-1')], nextCursor: null });
    const refreshed = client();
    await expect(refreshed.listApplicantsPage(R0A)).resolves.toMatchObject({ nextCursor: null });

    nock(TRAC)
      .get(/^\/api\/v1\/applicants\?/)
      .times(2)
      .reply(401, { error: 'invalid_token' });
    aTokenEndpoint();
    await expect(refreshed.listApplicantsPage(R0A)).rejects.toThrow(/authentication failed twice/);
  });

  it.each([
    ['nextCursor is missing', { items: [] }],
    [
      'an item has no statusChangedAt',
      { items: [aSummary('A-1', { statusChangedAt: undefined })], nextCursor: null },
    ],
  ])('when %s, then INVALID_TRAC_DATA', async (_case, page) => {
    nock(TRAC)
      .get(/^\/api\/v1\/applicants\?/)
      .reply(200, page);

    await expect(client().listApplicantsPage(R0A)).rejects.toMatchObject({ reason: 'INVALID_TRAC_DATA' });
  });
});
