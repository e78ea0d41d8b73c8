import request from 'supertest';
import { DEMO_APPLICANTS, DEMO_EXTRAS, REFERENCES_LATER_SECONDS, startSeed } from '../../../sandbox';
import { aTracApp } from './sandbox-kit';

// well after the demo cases' status changes (2026-06-14), as at any real start
const NOW = new Date('2027-01-10T10:00:00Z');

async function aTracWithTheExtras() {
  const trac = aTracApp({ applicants: startSeed(NOW).trac.applicants });
  const bearer = `Bearer ${await trac.token()}`;
  const get = (path: string) => request(trac.app).get(path).set('Authorization', bearer);
  return { ...trac, get };
}

describe('the demo extras of npm start', () => {
  it('when the references of A-100321 are read, then they stay In Progress until a minute after the first read, then Trac holds them complete', async () => {
    const { get, clock } = await aTracWithTheExtras();
    const references = '/api/v1/applicants/A-100321/checks/references';

    const first = await get(references);
    clock.advance(REFERENCES_LATER_SECONDS * 1000 - 1);
    const justBefore = await get(references);
    clock.advance(1);
    const after = await get(references);

    expect(first.body).toMatchObject({ checkType: 'references', state: 'In Progress' });
    expect(justBefore.body).toMatchObject({ state: 'In Progress' });
    expect(after.body).toMatchObject({ checkType: 'references', state: 'Complete' });
    expect((await get('/api/v1/applicants/A-100321/checks/dbs')).body).toMatchObject({ state: 'Complete' });
  });

  it('when a sweep lists applicants whose status changed in the last hour, then only the sweep-only applicant is listed, and no demo webhook names her', async () => {
    const { get } = await aTracWithTheExtras();
    const since = new Date(NOW.getTime() - 60 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const query = new URLSearchParams({
      organisationCode: 'R0A',
      status: 'Outcome: Recruited',
      doctorInTraining: 'true',
      changedSince: since,
    });

    const answer = await get(`/api/v1/applicants?${query.toString()}`);

    expect(answer.status).toBe(200);
    const ids = (answer.body as { items: { applicantId: string }[] }).items.map((item) => item.applicantId);
    expect(ids).toEqual(['A-100320']);
    const fired = [...DEMO_APPLICANTS, ...DEMO_EXTRAS.filter((extra) => extra.webhook)];
    expect(fired.map((demo) => demo.applicantId)).not.toContain('A-100320');
    expect(fired.map((demo) => demo.applicantId)).toContain('A-100321');
  });
});
