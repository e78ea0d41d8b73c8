import {
  aFailedJob,
  aStoredTransfer,
  asCaller,
  withAdminTestApp,
  HR_ADMIN,
  SUPPORT,
  bodyOf,
  itemsOf,
} from '../../helpers/admin';

const t = withAdminTestApp();

const BOARD_API = '/admin/queues/api/queues';

async function aFailedTransferWithJob(): Promise<string> {
  const id = await aStoredTransfer(t.transferStore);
  await aFailedJob(t, id);
  return id;
}

describe('Bull Board at /admin/queues', () => {
  it('when a support user views it, then the board and its API answer 200, read-only', async () => {
    const page = await asCaller(t, SUPPORT).get('/admin/queues');
    const api = await asCaller(t, SUPPORT).get(`${BOARD_API}?activeQueue=transfers&status=failed`);

    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(api.status).toBe(200);
    expect(bodyOf(api).queues).toEqual([
      expect.objectContaining({ name: 'transfers', readOnlyMode: true }),
      expect.objectContaining({ name: 'match-previews', readOnlyMode: true }),
    ]);
  });

  it('when an HR admin views it, then the board is the full one', async () => {
    const api = await asCaller(t, HR_ADMIN).get(BOARD_API);

    expect(bodyOf(api).queues).toEqual([
      expect.objectContaining({ name: 'transfers', readOnlyMode: false }),
      expect.objectContaining({ name: 'match-previews', readOnlyMode: true }),
    ]);
  });

  it.each([
    ['retry all failed', 'put', () => `${BOARD_API}/transfers/retry/failed`],
    ['clean failed', 'put', () => `${BOARD_API}/transfers/clean/failed`],
    ['retry one job', 'put', (id: string) => `${BOARD_API}/transfers/${id}/retry`],
    ['remove one job', 'put', (id: string) => `${BOARD_API}/transfers/${id}/clean`],
    ['empty the queue', 'put', () => `${BOARD_API}/transfers/empty`],
    ['pause the queue', 'put', () => `${BOARD_API}/transfers/pause`],
    ['add a job', 'post', () => `${BOARD_API}/transfers/add`],
  ] as const)(
    'when a support user tries to %s, then it is refused 403 and the job is untouched',
    async (_name, method, path) => {
      const id = await aFailedTransferWithJob();

      const answer = await asCaller(t, SUPPORT)[method](path(id)).send({ name: 'transfer', data: {} });

      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ error: 'forbidden' });
      expect(await (await t.queue.getJob(id))?.getState()).toBe('failed');
      expect(await t.queue.isPaused()).toBe(false);
    },
  );

  it('when an HR admin retries a failed job in Bull Board, then it is retried and the audit log names it', async () => {
    const id = await aFailedTransferWithJob();

    const answer = await asCaller(t, HR_ADMIN).put(`${BOARD_API}/transfers/${id}/retry`);

    expect(answer.status).toBeLessThan(300);
    expect(await (await t.queue.getJob(id))?.getState()).toBe('waiting');
    const audit = itemsOf(await asCaller(t, SUPPORT).get('/admin/audit'));
    expect(audit).toContainEqual(
      expect.objectContaining({
        user: 'hr1',
        action: 'bull-board',
        target: `PUT /api/queues/transfers/${id}/retry`,
        result: String(answer.status),
      }),
    );
  });

  it('when another site makes an HR admin browser write to Bull Board, then it is refused 403', async () => {
    const id = await aFailedTransferWithJob();

    const answer = await asCaller(t, HR_ADMIN)
      .put(`${BOARD_API}/transfers/${id}/retry`)
      .set('Origin', 'https://evil.example');

    expect(answer.status).toBe(403);
    expect(await (await t.queue.getJob(id))?.getState()).toBe('failed');
  });

  it('when a job is shown in Bull Board, then its data, logs and failure hold ids and reason codes only', async () => {
    const id = await aFailedTransferWithJob();

    const job = await asCaller(t, SUPPORT).get(`${BOARD_API}/transfers/${id}`);

    expect(job.status).toBe(200);
    expect(bodyOf(job).job).toMatchObject({
      id,
      data: { organisationCode: 'R0A', applicantId: id.slice(4), trigger: 'webhook' },
      failedReason: 'NO_ESR_MATCH',
    });
  });
});
