import request from 'supertest';
import {
  aStoredTransfer,
  asCaller,
  bodyOf,
  itemsOf,
  withAdminTestApp,
  HR_ADMIN,
  SUPPORT,
} from '../../helpers/admin';

const t = withAdminTestApp();

/** More than the stream's old cap (MAXLEN ~ 10 000) could hold besides the HR admin's entry. */
const REFUSED_WRITES = 10_200;
const BATCH = 300;

async function refusedCount(status: string): Promise<number> {
  const metric = await t.metrics.registry.getSingleMetric('dit_admin_refused_total')?.get();
  return metric?.values.find((value) => value.labels.status === status)?.value ?? 0;
}

describe('the audit log keeps successful admin writes', () => {
  it('when a support user makes 10,200 refused writes after an HR admin re-queued a transfer, then the re-queue is still in GET /admin/audit and the refusals are counted', async () => {
    const id = await aStoredTransfer(t.transferStore);
    const retried = await asCaller(t, HR_ADMIN).post(`/admin/transfers/${id}/retry`);
    expect(retried.status).toBe(202);

    for (let sent = 0; sent < REFUSED_WRITES; sent += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, REFUSED_WRITES - sent) }, () =>
        asCaller(t, SUPPORT).put('/admin/queues/api/queues/transfers/pause'),
      );
      const statuses = new Set((await Promise.all(batch)).map((answer) => answer.status));
      expect(statuses).toEqual(new Set([403]));
    }

    const audit = await asCaller(t, SUPPORT).get('/admin/audit');
    expect(audit.status).toBe(200);
    expect(itemsOf(audit)).toEqual([
      {
        at: expect.any(String) as unknown,
        user: 'hr1',
        role: 'hr-admin',
        action: 'retry',
        target: id,
        result: '202',
      },
    ]);
    expect(bodyOf(audit)).toMatchObject({ page: 1, total: 1 });
    expect(await refusedCount('403')).toBe(REFUSED_WRITES);
    const metrics = await request(t.server).get('/metrics');
    expect(metrics.text).toContain(`dit_admin_refused_total{status="403"} ${REFUSED_WRITES}`);
    expect(await t.queue.isPaused()).toBe(false);
  }, 120_000);

  it('when a refused write is made, then it is kept apart from the audit log in a capped stream of its own', async () => {
    await asCaller(t, SUPPORT).post('/admin/transfers/retry').send({});

    const [[, fields] = ['', []]] = await t.redis.xrevrange(
      `${t.prefix}:audit-refused`,
      '+',
      '-',
      'COUNT',
      1,
    );
    expect(fields).toEqual(
      expect.arrayContaining(['user', 'support1', 'action', 'retry-bulk', 'result', '403']),
    );
  });

  it('when an HR admin writes and a wrong password or no credentials are refused, then the audit log lists only the write and the refusals are counted by status', async () => {
    const refused = await refusedCount('401');
    const before = bodyOf<{ total: number }>(await asCaller(t, HR_ADMIN).get('/admin/audit')).total;

    await asCaller(t, { user: 'hr1', password: 'wrong' }).post('/admin/transfers/retry').send({});
    await asCaller(t, undefined).post('/admin/transfers/retry').send({});
    const written = await asCaller(t, HR_ADMIN).post('/admin/transfers/retry').send({});

    expect(written.status).toBe(202);
    const audit = await asCaller(t, HR_ADMIN).get('/admin/audit');
    expect(bodyOf<{ total: number }>(audit).total).toBe(before + 1);
    expect(itemsOf(audit)[0]).toMatchObject({ user: 'hr1', action: 'retry-bulk', result: '202' });
    expect(await refusedCount('401')).toBe(refused + 2);
  });
});
