import { DEMO_APPLICANTS } from '../../../sandbox';
import type { TestApp } from '../../helpers/app';
import { asCaller, HR_ADMIN, withWorkerAndAdminApp } from '../../helpers/admin';
import { aScriptedRandom, esrRecordsFor, setSandboxFaults, withSandboxes } from '../../helpers/sandbox';

const hr = (t: TestApp) => asCaller(t, HR_ADMIN);

describe('re-queue of a transfer that failed after sending some records', () => {
  // ESR faults are drawn from this script (ESR's only random draws while errorRate is set): the
  // search and the dbs POST pass, the professional-registration POST gets a 500
  const sandboxes = withSandboxes({ random: aScriptedRandom([0.9, 0.9, 0.1, 0.1]) });
  const { t, harness } = withWorkerAndAdminApp(sandboxes, { attempts: 1 });

  it('when it is re-queued, then it is processed again and sends only what the ledger lacks', async () => {
    const demo = DEMO_APPLICANTS.find((d) => d.applicantId === 'A-100234')!;
    await setSandboxFaults(sandboxes.esrUrl, { errorRate: 0.5 });
    const id = await harness.enqueue('R0A', demo.applicantId);
    const failed = await harness.waitUntilFinished(id);
    await setSandboxFaults(sandboxes.esrUrl, {});
    expect(failed).toMatchObject({ state: 'failed', reason: 'RETRIES_EXHAUSTED', records: { dbs: 'SENT' } });
    expect(Object.keys(await harness.store.ledger(id))).toEqual(['dbs']);

    const answer = await hr(t).post(`/admin/transfers/${id}/retry`);
    const completed = await harness.waitUntilFinished(id);

    expect(answer.status).toBe(202);
    expect(completed).toMatchObject({ state: 'completed', reason: null, attempts: 1 });
    expect(Object.values(completed.records)).toEqual(Array(6).fill('SENT'));
    const posts = sandboxes.esr.requests().filter((post) => post.path.includes(demo.esrApplicantId!));
    const postsOf = (type: string) => posts.filter((post) => post.path.endsWith(`/${type}`)).length;
    expect(postsOf('dbs')).toBe(1);
    expect(postsOf('professional-registration')).toBe(2); // the faulted one, then the re-queued one
    expect(postsOf('references')).toBe(1);
    const stored = await esrRecordsFor(sandboxes.esrUrl, demo.esrApplicantId!);
    expect(stored).toHaveLength(6);
    expect(stored.every((record) => record.timesKeyStored === 1)).toBe(true);
  });
});

describe('re-queue once ESR has been corrected', () => {
  const sandboxes = withSandboxes();
  const { t, harness } = withWorkerAndAdminApp(sandboxes);

  it('when the no-match applicant is fixed in ESR and its reason group re-queued, then it completes and the page shows no personal data', async () => {
    const id = await harness.enqueue('R0A', 'A-100300');
    expect(await harness.waitUntilFinished(id)).toMatchObject({ state: 'failed', reason: 'NO_ESR_MATCH' });
    const before = await hr(t).get('/admin');
    // ESR holds him with day and month of birth swapped; Trac says 1992-05-03
    const fixed = await fetch(`${sandboxes.esrUrl}/sandbox/applicants/4417800`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dateOfBirth: '1992-05-03' }),
    });
    expect(fixed.status).toBe(200);

    const answer = await hr(t)
      .post('/admin/transfers/retry')
      .send({ reason: 'NO_ESR_MATCH', organisation: 'R0A' });
    const completed = await harness.waitUntilFinished(id);

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ requeued: 1 });
    expect(completed).toMatchObject({ state: 'completed', reason: null, message: null });
    expect((await esrRecordsFor(sandboxes.esrUrl, '4417800')).length).toBeGreaterThan(0);
    const after = await hr(t).get('/admin');
    for (const page of [before.text, after.text]) {
      expect(page).not.toMatch(/Tomasz|Nowak|1992-05-03|1992-03-05/i);
    }
    expect(before.text).toContain('check those three fields in ESR');
  });
});
