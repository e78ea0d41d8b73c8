import request from 'supertest';
import {
  aListedApplicant,
  aListingTrac,
  idsOf,
  someListedApplicants,
  type ListPageBody,
} from './trac-list-kit';

const body = (answer: { body: unknown }) => answer.body as ListPageBody;

describe('Trac sandbox GET /api/v1/applicants: filters and order', () => {
  it('when statuses are given, then any of them matches, ignoring case, white space and punctuation', async () => {
    const { list } = await aListingTrac([
      aListedApplicant('A-1', { status: 'Outcome: Recruited' }),
      aListedApplicant('A-2', { status: 'Offer: Unconditional' }),
      aListedApplicant('A-3', { status: 'Withdrawn' }),
    ]);

    const answer = await list('organisationCode=R0A&status=outcome%20recruited&status=OFFER-UNCONDITIONAL');

    expect(answer.status).toBe(200);
    expect(idsOf(body(answer))).toEqual(['A-1', 'A-2']);
  });

  it('when changedSince and doctorInTraining are given, then only applicants changed at or after it, of that kind', async () => {
    const { list } = await aListingTrac([
      aListedApplicant('A-1', { statusChangedAt: '2026-06-14T09:59:59Z' }),
      aListedApplicant('A-2', { statusChangedAt: '2026-06-14T10:00:00Z' }),
      aListedApplicant('A-3', { statusChangedAt: '2026-06-14T12:30:00+02:00' }),
      aListedApplicant('A-4', { statusChangedAt: '2026-06-14T11:00:00Z', doctorInTraining: false }),
    ]);

    const since = await list('organisationCode=R0A&changedSince=2026-06-14T10:00:00Z');
    const notDit = await list('organisationCode=R0A&doctorInTraining=false');
    const dit = await list(
      'organisationCode=R0A&doctorInTraining=true&changedSince=2026-06-14T12:00:00%2B02:00',
    );

    expect(idsOf(body(since))).toEqual(['A-2', 'A-3', 'A-4']);
    expect(idsOf(body(notDit))).toEqual(['A-4']);
    expect(idsOf(body(dit))).toEqual(['A-2', 'A-3']);
  });

  it('when applicants of several organisations exist, then only the asked organisation’s are listed', async () => {
    const { list } = await aListingTrac([
      aListedApplicant('A-1'),
      aListedApplicant('B-1', { organisationCode: 'RR8' }),
    ]);

    const answer = await list('organisationCode=RR8');

    expect(idsOf(body(answer))).toEqual(['B-1']);
    expect(body(answer).nextCursor).toBeNull();
  });

  it('when listed, then items are ordered by statusChangedAt then applicantId and carry no personal data', async () => {
    const { list } = await aListingTrac([
      aListedApplicant('A-9', { statusChangedAt: '2026-06-14T10:00:00Z' }),
      aListedApplicant('A-2', { statusChangedAt: '2026-06-14T11:00:00Z' }),
      aListedApplicant('A-1', { statusChangedAt: '2026-06-14T12:00:00+02:00' }),
      aListedApplicant('A-3', { statusChangedAt: '2026-06-14T10:00:00Z' }),
    ]);

    const answer = await list('organisationCode=R0A');

    expect(idsOf(body(answer))).toEqual(['A-1', 'A-3', 'A-9', 'A-2']);
    expect(body(answer).items[0]).toEqual({
      applicantId: 'A-1',
      organisationCode: 'R0A',
      vacancyReference: 'DIT-2026-08-CT1',
      status: 'Outcome: Recruited',
      statusChangedAt: '2026-06-14T12:00:00+02:00',
      doctorInTraining: true,
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/Aoife|QQ123456C|1994-03-17|Medical/);
  });
});

describe('Trac sandbox GET /api/v1/applicants: pages, cursors and limits', () => {
  it('when read page by page, then every applicant comes once, in order, and the last cursor is null', async () => {
    const { readAllPages } = await aListingTrac(someListedApplicants(5));

    const pages = await readAllPages('organisationCode=R0A&limit=2');

    expect(pages.map(idsOf)).toEqual([['L-001', 'L-002'], ['L-003', 'L-004'], ['L-005']]);
    expect(pages.map((page) => page.nextCursor === null)).toEqual([false, false, true]);
  });

  it('when a cursor is issued, then it is opaque: neither an index nor an applicant id in plain text', async () => {
    const { list } = await aListingTrac(someListedApplicants(3));

    const cursor = body(await list('organisationCode=R0A&limit=1')).nextCursor ?? '';

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toMatch(/^\d+$/);
    expect(cursor).not.toContain('L-001');
  });

  it('when an applicant’s status changes while a reader pages, then it moves to the end and is seen twice', async () => {
    const { list, sandbox } = await aListingTrac(someListedApplicants(3));
    const first = body(await list('organisationCode=R0A&limit=2'));

    sandbox.upsertApplicant(aListedApplicant('L-001', { statusChangedAt: '2026-06-14T11:00:00Z' }));
    const second = body(await list(`organisationCode=R0A&limit=2&cursor=${first.nextCursor ?? ''}`));

    expect([idsOf(first), idsOf(second), second.nextCursor]).toEqual([
      ['L-001', 'L-002'],
      ['L-003', 'L-001'],
      null,
    ]);
  });

  it.each([
    ['a cursor that is not one', 'organisationCode=R0A&cursor=not-a-cursor'],
    [
      'a cursor of other JSON',
      `organisationCode=R0A&cursor=${Buffer.from('{"page":1}').toString('base64url')}`,
    ],
    ['a cursor with invalid characters', 'organisationCode=R0A&cursor=abc%21'],
    ['no organisationCode', 'status=Withdrawn'],
    ['two organisationCodes', 'organisationCode=R0A&organisationCode=RR8'],
    ['an empty status', 'organisationCode=R0A&status=%20-%20'],
    ['a date for changedSince', 'organisationCode=R0A&changedSince=2026-06-14'],
    ['doctorInTraining=yes', 'organisationCode=R0A&doctorInTraining=yes'],
    ['limit=0', 'organisationCode=R0A&limit=0'],
    ['limit=201', 'organisationCode=R0A&limit=201'],
    ['limit=1.5', 'organisationCode=R0A&limit=1.5'],
    ['an unknown parameter', 'organisationCode=R0A&statuses=Withdrawn'],
  ])('when the query has %s, then 400 invalid_query', async (_case, query) => {
    const { list } = await aListingTrac(someListedApplicants(1));

    const answer = await list(query);

    expect([answer.status, answer.body]).toEqual([400, { error: 'invalid_query' }]);
  });

  it('when a cursor is sent with other filters than it was issued for, then 400 invalid_query', async () => {
    const { list } = await aListingTrac(someListedApplicants(3));
    const cursor = body(await list('organisationCode=R0A&limit=1')).nextCursor ?? '';

    const sameFilters = await list(`organisationCode=R0A&limit=2&cursor=${cursor}`);
    const otherFilters = await list(`organisationCode=R0A&doctorInTraining=true&cursor=${cursor}`);

    expect(idsOf(body(sameFilters))).toEqual(['L-002', 'L-003']);
    expect([otherFilters.status, otherFilters.body]).toEqual([400, { error: 'invalid_query' }]);
  });

  it('when limit is left out, then a page holds 100; limit 200 holds 200', async () => {
    const { list } = await aListingTrac(someListedApplicants(250));

    const byDefault = body(await list('organisationCode=R0A'));
    const largest = body(await list('organisationCode=R0A&limit=200'));
    const one = body(await list('organisationCode=R0A&limit=1'));

    expect([byDefault.items.length, largest.items.length, one.items.length]).toEqual([100, 200, 1]);
    expect([byDefault.nextCursor, largest.nextCursor]).toEqual([expect.any(String), expect.any(String)]);
  });

  it('when no token is sent, then 401 invalid_token', async () => {
    const { app } = await aListingTrac(someListedApplicants(1));

    const answer = await request(app).get('/api/v1/applicants?organisationCode=R0A');

    expect([answer.status, answer.body]).toEqual([401, { error: 'invalid_token' }]);
  });
});
