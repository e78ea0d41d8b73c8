import request from 'supertest';
import { createPreviewStore } from '../../../src/store/preview-store';
import {
  asCaller,
  basicAuth,
  bodyOf,
  CALLERS,
  HR_ADMIN,
  itemsOf,
  SUPPORT,
  withAdminTestApp,
} from '../../helpers/admin';

const t = withAdminTestApp();
const queuedJobs = async () => t.redis.keys(`${t.prefix}:match-previews:pv_*`);

describe('the match previews API: who may do what, and bad requests', () => {
  it.each([
    ['an HR admin', 202],
    ['a support user', 403],
    ['a wrong password', 401],
    ['no credentials', 401],
  ] as const)('when %s starts a preview, then %i', async (caller, status) => {
    const answer = await asCaller(t, CALLERS[caller])
      .post('/admin/match-previews')
      .send({ organisationCode: 'R0A' });

    expect(answer.status).toBe(status);
    if (status === 202) {
      expect(answer.body).toEqual({
        previewId: expect.stringMatching(/^pv_[0-9a-f]{24}$/) as unknown,
        status: 'queued',
      });
    }
  });

  it.each([
    ['an HR admin', 200],
    ['a support user', 200],
    ['a wrong password', 401],
    ['no credentials', 401],
  ] as const)('when %s lists the previews, then %i', async (caller, status) => {
    expect((await asCaller(t, CALLERS[caller]).get('/admin/match-previews')).status).toBe(status);
  });

  it('when a preview is queued, then its job carries identifiers and statuses only, and it reads back as waiting', async () => {
    const answer = await asCaller(t, HR_ADMIN)
      .post('/admin/match-previews')
      .send({ organisationCode: '7A1', statuses: ['Offer: Accepted'], changedSince: '2026-05-01T00:00:00Z' });
    const { previewId } = bodyOf<{ previewId: string }>(answer);

    const job = await t.redis.hgetall(`${t.prefix}:match-previews:${previewId}`);
    expect(JSON.parse(job.data ?? '{}')).toEqual({
      previewId,
      organisationCode: '7A1',
      statuses: ['Offer: Accepted'],
      changedSince: '2026-05-01T00:00:00Z',
    });
    const read = await asCaller(t, SUPPORT).get(`/admin/match-previews/${previewId}`);
    expect(read.body).toEqual({
      previewId,
      organisationCode: '7A1',
      statuses: ['Offer: Accepted'],
      changedSince: '2026-05-01T00:00:00Z',
      state: 'waiting',
      progress: { listed: 0, checked: 0 },
      counts: { MATCHED: 0, NO_ESR_MATCH: 0, AMBIGUOUS_ESR_MATCH: 0 },
      items: [],
      createdAt: expect.any(String) as unknown,
      finishedAt: null,
    });
  });

  it.each([
    ['no organisation', {}, 'organisationCode'],
    ['a malformed organisation', { organisationCode: 'r0a' }, 'organisationCode'],
    ['statuses that are not a list', { organisationCode: 'R0A', statuses: 'Offer: Accepted' }, 'statuses'],
    ['an empty status', { organisationCode: 'R0A', statuses: [' '] }, 'statuses.0'],
    ['a date without a time', { organisationCode: 'R0A', changedSince: '2026-05-01' }, 'changedSince'],
    ['an unknown field', { organisationCode: 'R0A', dryRun: true }, 'dryRun'],
  ])(
    'when the body has %s, then 400 invalid_body naming the field, and nothing is queued',
    async (_what, body, path) => {
      const before = (await queuedJobs()).length;
      const answer = await asCaller(t, HR_ADMIN).post('/admin/match-previews').send(body);

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        error: 'invalid_body',
        issues: [expect.objectContaining({ path })],
      });
      expect((await queuedJobs()).length).toBe(before);
    },
  );

  it.each([['RX9'], ['ZZZ']])(
    'when organisation %s is not enabled, then 400 organisation_not_enabled, audited',
    async (code) => {
      const answer = await asCaller(t, HR_ADMIN)
        .post('/admin/match-previews')
        .send({ organisationCode: code });

      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: 'organisation_not_enabled' });
      const audit = itemsOf(await asCaller(t, HR_ADMIN).get('/admin/audit'));
      expect(audit[0]).toMatchObject({
        action: 'match-preview',
        target: `match preview of ${code}`,
        result: '400',
      });
    },
  );

  it('when another site posts the start as a form, then 403 and nothing is queued', async () => {
    const before = (await queuedJobs()).length;
    const answer = await request(t.server)
      .post('/admin/actions/match-preview')
      .set('Authorization', basicAuth(HR_ADMIN))
      .set('Origin', 'https://evil.example')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ organisationCode: 'R0A' });

    expect(answer.status).toBe(403);
    expect((await queuedJobs()).length).toBe(before);
  });

  it('when a preview id is not one (__proto__), then 404', async () => {
    const answer = await asCaller(t, SUPPORT).get('/admin/match-previews/__proto__');
    expect(answer.status).toBe(404);
    expect(await createPreviewStore(t.redis, t.prefix).summary('__proto__')).toBeUndefined();
  });
});
