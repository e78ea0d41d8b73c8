import request from 'supertest';
import { csrfTokenFor } from '../../../src/admin/auth/admin-users';
import { createSweepQueue, type SweepQueue } from '../../../src/store/sweep-queue';
import { createSweepLog } from '../../../src/store/sweep-log';
import { createTracListCounter } from '../../../src/store/trac-list-counts';
import type { SweepLog } from '../../../src/transfer/sweep';
import { asCaller, bodyOf, HR_ADMIN, itemsOf, SUPPORT, withAdminTestApp } from '../../helpers/admin';

const t = withAdminTestApp();
let queue: SweepQueue;
let log: SweepLog;
beforeAll(() => {
  queue = createSweepQueue(t.redis, t.prefix);
  log = createSweepLog(t.redis, t.prefix);
});
afterAll(() => queue.close());
afterEach(() => queue.obliterate({ force: true }));

const squash = (markup: string) => markup.replace(/>\s+</g, '><').replace(/\s+/g, ' ');
const audit = async () =>
  itemsOf<{ user: string; action: string; target: string; result: string }>(
    await asCaller(t, HR_ADMIN).get('/admin/audit'),
  );

/** A finished sweep attempt, `minutesAgo` minutes back, as a worker records it. */
async function aFinishedSweep(minutesAgo: number, listed: number, started: number) {
  const startedAt = new Date(Date.now() - minutesAgo * 60_000);
  const id = await log.begin(startedAt);
  const finishedAt = new Date(startedAt.getTime() + 1000).toISOString();
  await log.finish(id, {
    startedAt: startedAt.toISOString(),
    finishedAt,
    outcome: 'completed',
    listed,
    started,
  });
  return startedAt;
}

describe('POST /admin/reconciliation', () => {
  it('when an HR admin asks for a sweep, then 202 queued, a sweep job waits, and the audit log says who', async () => {
    const answer = await asCaller(t, HR_ADMIN).post('/admin/reconciliation');

    expect(answer.status).toBe(202);
    expect(bodyOf(answer)).toEqual({ status: 'queued' });
    const waiting = await queue.getWaiting();
    expect(waiting.map((job) => [job.name, job.data])).toEqual([['manual', { trigger: 'manual' }]]);
    expect(await audit()).toContainEqual({
      at: expect.any(String) as unknown,
      user: HR_ADMIN.user,
      role: 'hr-admin',
      action: 'reconciliation',
      target: `reconciliation ${waiting[0]?.id}`,
      result: '202',
    });
  });

  it.each([
    ['a support user', () => asCaller(t, SUPPORT).post('/admin/reconciliation')],
    [
      'a cross-site request',
      () => asCaller(t, HR_ADMIN).post('/admin/reconciliation').set('Origin', 'https://evil.example'),
    ],
  ])('when %s asks, then 403 and nothing is queued', async (_who, send) => {
    const answer = await send();

    expect(answer.status).toBe(403);
    expect(bodyOf(answer)).toEqual({ error: 'forbidden' });
    expect(await queue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 0, delayed: 0 });
  });

  it('when the page form is sent with its token, then 303 to the page with a notice; without it, 403', async () => {
    const form = (fields: Record<string, string>) =>
      asCaller(t, HR_ADMIN).post('/admin/actions/reconciliation').type('form').send(fields);

    expect((await form({})).status).toBe(403);
    const answer = await form({ _csrf: csrfTokenFor(HR_ADMIN) });

    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/admin?notice=sweep_queued');
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
    const page = squash((await asCaller(t, HR_ADMIN).get(answer.headers.location as string)).text);
    expect(page).toContain('A sweep is queued.');
  });
});

describe('GET /admin/reconciliation', () => {
  it('when no sweep has completed, then the interval, a null watermark and no sweeps', async () => {
    const answer = await asCaller(t, SUPPORT).get('/admin/reconciliation');

    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toEqual({ intervalSeconds: 900, watermark: null, sweeps: [] });
    expect((await request(t.server).get('/admin/reconciliation')).status).toBe(401);
  });

  it('when 25 sweeps ran, then the 20 newest are shown newest first, with the watermark, on the API and the page', async () => {
    const starts: Date[] = [];
    for (let i = 25; i >= 1; i -= 1) starts.push(await aFinishedSweep(i * 15, i, i % 3));
    await log.moveWatermark(new Date(starts.at(-1)!.getTime() - 600_000));

    const body = bodyOf<{ watermark: string; sweeps: { startedAt: string; listed: number }[] }>(
      await asCaller(t, SUPPORT).get('/admin/reconciliation'),
    );

    expect(body.sweeps).toHaveLength(20);
    expect(body.sweeps.map((s) => s.listed)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(body.sweeps[0]).toEqual({
      startedAt: starts.at(-1)!.toISOString(),
      finishedAt: new Date(starts.at(-1)!.getTime() + 1000).toISOString(),
      outcome: 'completed',
      listed: 1,
      started: 1,
    });
    expect(body.watermark).toBe(new Date(starts.at(-1)!.getTime() - 600_000).toISOString());
    const hrPage = squash((await asCaller(t, HR_ADMIN).get('/admin')).text);
    const supportPage = squash((await asCaller(t, SUPPORT).get('/admin')).text);
    expect(hrPage).toContain('<h2 id="sweeps-heading">Sweeps</h2>');
    const table = /<table class="nhsuk-table" id="sweeps">.*?<\/table>/.exec(hrPage)?.[0];
    expect(table?.match(/scope="row"/g)).toHaveLength(20);
    expect(table).toContain(`<time datetime="${starts.at(-1)!.toISOString()}">`);
    expect(hrPage).toContain('<form method="post" action="/admin/actions/reconciliation">');
    expect(supportPage).toContain('<h2 id="sweeps-heading">Sweeps</h2>');
    expect(supportPage).not.toContain('/admin/actions/reconciliation');
  });

  it('when an attempt could not list an organisation, then the API and the page name it', async () => {
    const startedAt = new Date();
    const id = await log.begin(startedAt);
    const failed = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date(startedAt.getTime() + 1000).toISOString(),
      outcome: 'failed' as const,
      listed: 4,
      started: 1,
      failedOrganisations: ['R0A'],
    };
    await log.finish(id, failed);

    const body = bodyOf<{ sweeps: unknown[] }>(await asCaller(t, HR_ADMIN).get('/admin/reconciliation'));
    const page = squash((await asCaller(t, HR_ADMIN).get('/admin')).text);

    expect(body.sweeps[0]).toEqual(failed);
    expect(page).toContain('Failed (retried)</strong> Trac could not be listed for R0A');
  });
});

describe('reconciliation metrics', () => {
  it('when workers counted sweeps, then /metrics shows sweeps by outcome and transfers started', async () => {
    await log.count('completed', 3);
    await log.count('completed', 0);
    await log.count('failed', 1);

    const text = (await request(t.server).get('/metrics')).text;

    expect(text).toContain('dit_reconciliation_sweeps_total{outcome="completed"} 2');
    expect(text).toContain('dit_reconciliation_sweeps_total{outcome="failed"} 1');
    expect(text).toContain('dit_reconciliation_transfers_started_total 4');
  });

  it('when workers skipped list items of another organisation, then /metrics counts them by reason', async () => {
    const counter = createTracListCounter(t.redis, t.prefix);
    counter.skipped('other_organisation');
    counter.skipped('other_organisation');
    await counter.flush();

    const text = (await request(t.server).get('/metrics')).text;

    expect(text).toContain('dit_trac_list_items_skipped_total{reason="other_organisation"} 2');
  });
});
