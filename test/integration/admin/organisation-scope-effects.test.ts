import { createSweepLog } from '../../../src/store/sweep-log';
import { asCaller, bodyOf, itemsOf } from '../../helpers/admin';
import { ALL, HR_7A1, HR_R0A, SUPPORT_R0A, withTwoOrganisations } from './organisation-scope-seeds';

const seeded = withTwoOrganisations();
const { t, r0a, s7a1 } = seeded;

/** The overview's "Transfers by state" table: state → the count shown. */
function countsOn(page: string): Record<string, number> {
  const counts = [...page.matchAll(/href="\/admin\/transfers\?state=(\w+)"\s*>(\d+)/g)];
  return Object.fromEntries(counts.map(([, state = '', count = '0']) => [state, Number(count)]));
}

interface AuditItem {
  user: string;
  action: string;
  target: string;
  actingFor?: string;
}

describe('what a person acting for R0A only sees of the pages', () => {
  it('when they open the overview, then its counts are of R0A only (someone acting for all sees both)', async () => {
    const mine = await asCaller(t, SUPPORT_R0A).get('/admin');
    const everyone = await asCaller(t, ALL).get('/admin');

    expect(mine.status).toBe(200);
    expect(countsOn(mine.text)).toEqual({ active: 0, waiting: 0, delayed: 0, completed: 1, failed: 1 });
    expect(countsOn(everyone.text)).toEqual({ active: 0, waiting: 2, delayed: 0, completed: 2, failed: 2 });
  });

  it('when they list failed transfers, then the list and its total hold R0A only', async () => {
    const mine = await asCaller(t, SUPPORT_R0A).get('/admin/transfers?state=failed');
    const page = await asCaller(t, SUPPORT_R0A)
      .get('/admin/transfers?state=failed')
      .set('Accept', 'text/html');

    expect(bodyOf(mine)).toMatchObject({ total: 1, page: 1 });
    expect(itemsOf<{ transferId: string }>(mine).map((item) => item.transferId)).toEqual([r0a.transfers[0]]);
    expect(page.text).toContain(r0a.transfers[0]);
    expect(page.text).not.toContain(s7a1.transfers[0]);
  });

  it('when they search for 7A1 applicants and open a 7A1 transfer by its address, then they find nothing and get the not-found page', async () => {
    const search = await asCaller(t, SUPPORT_R0A).get(`/admin/search?q=${s7a1.applicants[0]}`);
    const searchAll = await asCaller(t, ALL).get(`/admin/search?q=${s7a1.applicants[0]}`);
    const page = await asCaller(t, SUPPORT_R0A)
      .get(`/admin/transfers/${s7a1.transfers[0]}`)
      .set('Accept', 'text/html');

    expect(search.text).not.toContain(`/admin/transfers/${s7a1.transfers[0]}`);
    expect(searchAll.text).toContain(`/admin/transfers/${s7a1.transfers[0]}`);
    expect(page.status).toBe(404);
    expect(page.type).toBe('text/html');
  });

  it('when they look at the sweeps, then they see times and totals without the organisations a sweep could not list', async () => {
    const log = createSweepLog(t.redis, t.prefix);
    const startedAt = new Date();
    const attempt = await log.begin(startedAt);
    await log.finish(attempt, {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      outcome: 'failed',
      listed: 3,
      started: 1,
      failedOrganisations: ['7A1'],
    });

    const mine = await asCaller(t, HR_R0A).get('/admin/reconciliation');
    const everyone = await asCaller(t, ALL).get('/admin/reconciliation');

    expect(bodyOf<{ sweeps: unknown[] }>(mine).sweeps[0]).toEqual({
      startedAt: startedAt.toISOString(),
      finishedAt: expect.any(String) as unknown,
      outcome: 'failed',
      listed: 3,
      started: 1,
    });
    expect(bodyOf<{ sweeps: unknown[] }>(everyone).sweeps[0]).toMatchObject({ failedOrganisations: ['7A1'] });
    expect((await asCaller(t, HR_R0A).get('/admin').set('Accept', 'text/html')).text).not.toContain('7A1');
  });

  it('when they open Bull Board or ask for a sweep now, then they are refused and not offered it; someone acting for all is not', async () => {
    expect((await asCaller(t, HR_R0A).get('/admin')).text).not.toContain('href="/admin/queues"');
    expect((await asCaller(t, ALL).get('/admin')).text).toContain('href="/admin/queues"');
    expect((await asCaller(t, HR_R0A).get('/admin/queues')).status).toBe(403);
    expect((await asCaller(t, HR_R0A).post('/admin/reconciliation')).body).toEqual({
      error: 'organisation_not_permitted',
    });
    expect((await asCaller(t, ALL).get('/admin/queues')).status).toBe(200);
    expect((await asCaller(t, ALL).post('/admin/reconciliation')).status).toBe(202);
  });
});

describe('what a person acting for R0A only changes', () => {
  it('when they re-queue every failed transfer, then only R0A’s is re-queued and the audit log shows it to R0A, not to 7A1', async () => {
    const answer = await asCaller(t, HR_R0A).post('/admin/transfers/retry').send({});

    expect(bodyOf(answer)).toEqual({ requeued: 1 });
    expect((await t.transferStore.get(r0a.transfers[0]!))?.state).toBeNull();
    expect(await t.queue.getJobState(r0a.transfers[0]!)).toBe('waiting');
    expect((await t.transferStore.get(s7a1.transfers[0]!))?.state).toBe('failed');
    const mine = itemsOf<AuditItem>(await asCaller(t, HR_R0A).get('/admin/audit'));
    const theirs = itemsOf<AuditItem>(await asCaller(t, HR_7A1).get('/admin/audit'));
    expect(mine[0]).toMatchObject({ user: 'hr-r0a', action: 'retry-bulk', actingFor: 'R0A' });
    expect(mine[0]?.target).toContain(r0a.transfers[0]);
    expect(theirs.map((entry) => entry.user)).not.toContain('hr-r0a');
    expect(JSON.stringify(mine)).not.toMatch(/7A1-|hr-7a1/);
  });

  it('when they ask for the digest now, then the run queued sends for R0A only', async () => {
    const before = new Set((await seeded.digestQueue.getJobs()).map((job) => job.id));

    expect((await asCaller(t, HR_R0A).post('/admin/digest')).status).toBe(202);

    const jobs = await seeded.digestQueue.getJobs();
    const added = jobs.filter((job) => !before.has(job.id));
    expect(added.map((job) => job.data)).toEqual([{ trigger: 'manual', organisations: ['R0A'] }]);
    expect(jobs.filter((job) => !job.data.organisations)).toEqual([]);
  });
});
