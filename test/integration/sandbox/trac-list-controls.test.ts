import request from 'supertest';
import { aScriptedRandom } from '../../helpers/sandbox';
import {
  aListedApplicant,
  aListingTrac,
  idsOf,
  someListedApplicants,
  type ListPageBody,
} from './trac-list-kit';

describe('Trac sandbox list controls: short and empty pages', () => {
  it('when maxItemsPerPage is below the limit, then pages are short while more follow, and all are read', async () => {
    const { app, readAllPages } = await aListingTrac(someListedApplicants(5));

    const set = await request(app).put('/sandbox/list-paging').send({ maxItemsPerPage: 2 });
    const pages = await readAllPages('organisationCode=R0A&limit=100');

    expect(set.body).toEqual({ maxItemsPerPage: 2, emptyPageEvery: 0 });
    expect(pages.map(idsOf)).toEqual([['L-001', 'L-002'], ['L-003', 'L-004'], ['L-005']]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
  });

  it('when emptyPageEvery is 2, then every second page is empty with a cursor, and no applicant is lost', async () => {
    const { readAllPages } = await aListingTrac(someListedApplicants(5), {
      listPaging: { emptyPageEvery: 2 },
    });

    const pages = await readAllPages('organisationCode=R0A&limit=2');

    expect(pages.map(idsOf)).toEqual([['L-001', 'L-002'], [], ['L-003', 'L-004'], [], ['L-005']]);
    expect(pages.map((page) => page.nextCursor === null)).toEqual([false, false, false, false, true]);
  });

  it('when the last items fit in a page, then no empty page follows them', async () => {
    const { readAllPages } = await aListingTrac(someListedApplicants(2), {
      listPaging: { emptyPageEvery: 2 },
    });

    const pages = await readAllPages('organisationCode=R0A&limit=2');

    expect(pages.map(idsOf)).toEqual([['L-001', 'L-002']]);
  });

  it.each([{ emptyPageEvery: 1 }, { maxItemsPerPage: 0 }, { maxItemsPerPage: 201 }, { pages: 2 }])(
    'when list paging %j is asked for, then 400 invalid_body and the settings stay',
    async (settings) => {
      const { app } = await aListingTrac([]);

      const answer = await request(app).put('/sandbox/list-paging').send(settings);
      const now = await request(app).get('/sandbox/list-paging');

      expect([answer.status, (answer.body as { error: string }).error]).toEqual([400, 'invalid_body']);
      expect(now.body).toEqual({ maxItemsPerPage: 200, emptyPageEvery: 0 });
    },
  );
});

describe('Trac sandbox list controls: faults', () => {
  it('when list faults start after one request, then page 2 fails until they are cleared, and single reads are unaffected', async () => {
    const { app, list, get } = await aListingTrac(someListedApplicants(3), {
      random: aScriptedRandom([0, 0.9]),
    });
    await request(app).put('/sandbox/list-faults').send({ errorRate: 1, afterRequests: 1 });

    const first = await list('organisationCode=R0A&limit=2');
    const page2 = `organisationCode=R0A&limit=2&cursor=${(first.body as ListPageBody).nextCursor ?? ''}`;
    const failed = await list(page2);
    const single = await get('/api/v1/applicants/L-001');
    await request(app).put('/sandbox/list-faults').send({});
    const retried = await list(page2);

    expect(idsOf(first.body as ListPageBody)).toEqual(['L-001', 'L-002']);
    expect([failed.status, failed.body]).toEqual([503, { error: 'service_unavailable' }]);
    expect(single.status).toBe(200);
    expect([retried.status, idsOf(retried.body as ListPageBody)]).toEqual([200, ['L-003']]);
  });

  it('when the list is rate limited, then 429 rate_limited with Retry-After in seconds', async () => {
    const { list, sandbox } = await aListingTrac(someListedApplicants(1), {
      listFaults: { rateLimitRate: 1, retryAfterSeconds: 5 },
    });

    const answer = await list('organisationCode=R0A');

    expect([answer.status, answer.headers['retry-after'], answer.body]).toEqual([
      429,
      '5',
      { error: 'rate_limited' },
    ]);
    expect(sandbox.getListFaults()).toMatchObject({ rateLimitRate: 1, afterRequests: 0 });
  });

  it('when server-wide faults are on, then the list fails like every API endpoint', async () => {
    const { list } = await aListingTrac(someListedApplicants(1), {
      faults: { errorRate: 1 },
      random: aScriptedRandom([0, 0.1]),
    });

    const answer = await list('organisationCode=R0A');

    expect([answer.status, answer.body]).toEqual([500, { error: 'internal_error' }]);
  });

  it('when list faults name an ESR-only knob, then 400 invalid_body', async () => {
    const { app } = await aListingTrac([]);

    const answer = await request(app).put('/sandbox/list-faults').send({ lostResponseRate: 1 });
    const now = await request(app).get('/sandbox/list-faults');

    expect(answer.status).toBe(400);
    expect(now.body).toMatchObject({ errorRate: 0, rateLimitRate: 0, afterRequests: 0 });
  });
});

describe('Trac sandbox list controls: misbehaviour (breaches of trac.md)', () => {
  it('when cursorLoopFromPage is 2, then page 2 gives back the cursor it was asked with, for ever', async () => {
    const { app, list } = await aListingTrac(someListedApplicants(5));
    const set = await request(app).put('/sandbox/list-misbehaviour').send({ cursorLoopFromPage: 2 });

    const first = (await list('organisationCode=R0A&limit=2')).body as ListPageBody;
    const page2 = `organisationCode=R0A&limit=2&cursor=${first.nextCursor ?? ''}`;
    const again = [(await list(page2)).body, (await list(page2)).body] as ListPageBody[];

    expect(set.body).toEqual({ cursorLoopFromPage: 2, otherOrganisationItem: false });
    expect(again.map(idsOf)).toEqual([
      ['L-003', 'L-004'],
      ['L-003', 'L-004'],
    ]);
    expect(again.map((page) => page.nextCursor)).toEqual([first.nextCursor, first.nextCursor]);
  });

  it('when the loop starts after the last page, then the listing ends as usual', async () => {
    const { readAllPages } = await aListingTrac(someListedApplicants(3), {
      listMisbehaviour: { cursorLoopFromPage: 3 },
    });

    const pages = await readAllPages('organisationCode=R0A&limit=2');

    expect(pages.map(idsOf)).toEqual([['L-001', 'L-002'], ['L-003']]);
  });

  it('when otherOrganisationItem is on for R0A only, then each R0A page ends with a 7A1 applicant the filters let through, and 7A1 lists its own', async () => {
    const { readAllPages } = await aListingTrac(
      [
        ...someListedApplicants(3),
        aListedApplicant('M-001', { organisationCode: '7A1', status: 'Offer: Withdrawn' }),
        aListedApplicant('M-002', { organisationCode: '7A1' }),
      ],
      { listMisbehaviour: { otherOrganisationItem: true, organisationCode: 'R0A' } },
    );

    const r0a = await readAllPages('organisationCode=R0A&status=Outcome%3A%20Recruited&limit=2');
    const a71 = await readAllPages('organisationCode=7A1&limit=5');

    expect(r0a.map(idsOf)).toEqual([
      ['L-001', 'L-002', 'M-002'],
      ['L-003', 'M-002'],
    ]);
    expect(r0a[0]?.items.at(-1)).toMatchObject({ organisationCode: '7A1' });
    expect(a71.map(idsOf)).toEqual([['M-001', 'M-002']]);
  });

  it.each([
    { cursorLoopFromPage: 1 },
    { otherOrganisationItem: 'yes' },
    { organisationCode: 'r0a' },
    { loop: 1 },
  ])(
    'when list misbehaviour %j is asked for, then 400 invalid_body and the settings stay',
    async (settings) => {
      const { app } = await aListingTrac([]);

      const answer = await request(app).put('/sandbox/list-misbehaviour').send(settings);
      const now = await request(app).get('/sandbox/list-misbehaviour');

      expect([answer.status, (answer.body as { error: string }).error]).toEqual([400, 'invalid_body']);
      expect(now.body).toEqual({ cursorLoopFromPage: 0, otherOrganisationItem: false });
    },
  );
});
