import { Worker } from 'bullmq';
import request from 'supertest';
import { TRANSFER_JOB_NAME } from '../../../src/store/transfer-queue';
import { TRANSFER_QUEUE_NAME } from '../../../src/store/transfer-job';
import { transferIdOf } from '../../../src/transfer/transfer-ids';
import {
  aFailedJob,
  aStoredTransfer,
  asCaller,
  basicAuth,
  bodyOf,
  itemsOf,
  withAdminTestApp,
  HR_ADMIN,
  SUPPORT,
  type Credentials,
} from '../../helpers/admin';
import { aRedisClient } from '../../helpers/redis';
import { anApplicantId } from '../../helpers/webhooks';

const t = withAdminTestApp();

const BOARD_API = '/admin/queues/api/queues';

type Method = 'post' | 'put' | 'patch' | 'delete';

async function aFailedTransferWithJob(): Promise<string> {
  const id = await aStoredTransfer(t.transferStore);
  await aFailedJob(t, id);
  return id;
}

async function aDelayedJob(): Promise<string> {
  const applicantId = anApplicantId();
  const id = transferIdOf('R0A', applicantId);
  const data = {
    organisationCode: 'R0A',
    applicantId,
    receivedAt: new Date().toISOString(),
    trigger: 'webhook',
  };
  await t.queue.add(TRANSFER_JOB_NAME, data as never, { jobId: id, delay: 60 * 60 * 1000 });
  return id;
}

/** A job that really completed in BullMQ: a throw-away worker on the app's prefix completes it. */
async function aCompletedJob(): Promise<string> {
  const id = await aDelayedJob();
  const connection = aRedisClient();
  const worker = new Worker(TRANSFER_QUEUE_NAME, () => Promise.resolve(), { connection, prefix: t.prefix });
  const completed = new Promise((resolve) => worker.once('completed', resolve));
  await (await t.queue.getJob(id))?.promote();
  await completed;
  await worker.close();
  await connection.quit();
  return id;
}

/** Any method, as a supertest request: `asCaller` covers get, post and put only. */
function call(credentials: Credentials, method: Method, path: string, body: object = {}) {
  return request(t.server)[method](path).set('Authorization', basicAuth(credentials)).send(body);
}

/** Everything the queue holds, by state, and its settings a refused write might have changed. */
async function queueSnapshot() {
  return {
    counts: await t.queue.getJobCounts(),
    paused: await t.queue.isPaused(),
    concurrency: await t.queue.getGlobalConcurrency(),
    rateLimit: await t.queue.getGlobalRateLimit(),
    schedulers: await t.queue.getJobSchedulersCount(),
  };
}

const refusedCounter = async (status: string) =>
  (await t.metrics.registry.getSingleMetric('dit_admin_refused_total')?.get())?.values.find(
    (value) => value.labels.status === status,
  )?.value ?? 0;

/** Every Bull Board write but retry, promote, pause and resume; `id` is a failed job's. */
interface RefusedWrite {
  does: string;
  method: Method;
  path: (id: string) => string;
  body?: object;
}

const REFUSED: RefusedWrite[] = [
  {
    does: 'add a job (what “Duplicate” sends too)',
    method: 'post',
    path: () => `${BOARD_API}/transfers/add`,
    body: { name: TRANSFER_JOB_NAME, data: { organisationCode: 'R0A', applicantId: 'A-ADDED' } },
  },
  {
    does: 'update a job’s data',
    method: 'patch',
    path: (id) => `${BOARD_API}/transfers/${id}/update-data`,
    body: { data: {} },
  },
  {
    does: 'change a job’s delay',
    method: 'patch',
    path: (id) => `${BOARD_API}/transfers/${id}/delay`,
    body: { delay: 1 },
  },
  {
    does: 'change a job’s priority',
    method: 'patch',
    path: (id) => `${BOARD_API}/transfers/${id}/priority`,
    body: { priority: 1 },
  },
  { does: 'remove one job', method: 'put', path: (id) => `${BOARD_API}/transfers/${id}/clean` },
  { does: 'clean all failed jobs', method: 'put', path: () => `${BOARD_API}/transfers/clean/failed` },
  {
    does: 'clean, routed like a retry of a job called “clean”',
    method: 'put',
    path: () => `${BOARD_API}/transfers/clean/retry`,
  },
  { does: 'empty the queue', method: 'put', path: () => `${BOARD_API}/transfers/empty` },
  {
    does: 'empty the queue, spelt in capitals with a trailing slash',
    method: 'put',
    path: () => `${BOARD_API}/transfers/EMPTY/`,
  },
  {
    does: 'obliterate the queue',
    method: 'put',
    path: () => `${BOARD_API}/transfers/obliterate`,
    body: { force: true },
  },
  {
    does: 'set the global concurrency',
    method: 'put',
    path: () => `${BOARD_API}/transfers/concurrency`,
    body: { concurrency: 1 },
  },
  {
    does: 'set a rate limit',
    method: 'put',
    path: () => `${BOARD_API}/transfers/rate-limit`,
    body: { max: 1, duration: 60000 },
  },
  { does: 'release the rate limit', method: 'put', path: () => `${BOARD_API}/transfers/rate-limit/release` },
  {
    does: 'edit a job scheduler',
    method: 'patch',
    path: () => `${BOARD_API}/transfers/job-schedulers/nightly`,
    body: { every: 1000 },
  },
  {
    does: 'run a job scheduler',
    method: 'put',
    path: () => `${BOARD_API}/transfers/job-schedulers/nightly/run`,
  },
  {
    does: 'remove a job scheduler',
    method: 'put',
    path: () => `${BOARD_API}/transfers/job-schedulers/nightly/remove`,
  },
  {
    does: 'remove unprocessed children',
    method: 'put',
    path: (id) => `${BOARD_API}/transfers/${id}/remove-unprocessed-children`,
  },
  { does: 'delete a job (no such route)', method: 'delete', path: (id) => `${BOARD_API}/transfers/${id}` },
  { does: 'retry with the wrong method', method: 'post', path: (id) => `${BOARD_API}/transfers/${id}/retry` },
  { does: 'write to an unknown route', method: 'put', path: () => '/admin/queues/api/anything' },
];

describe('Bull Board writes that are never allowed', () => {
  it('when an HR admin adds a job for a completed applicant in Bull Board, then it is refused 403 and the queue has no new job', async () => {
    const applicantId = anApplicantId();
    const id = await aStoredTransfer(t.transferStore, { applicantId, state: 'completed', reason: null });
    const before = await queueSnapshot();

    const answer = await call(HR_ADMIN, 'post', `${BOARD_API}/transfers/add`, {
      name: TRANSFER_JOB_NAME,
      data: {
        organisationCode: 'R0A',
        applicantId,
        receivedAt: new Date().toISOString(),
        trigger: 'webhook',
      },
      options: {},
    });

    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ error: 'forbidden' });
    expect(await queueSnapshot()).toEqual(before);
    const jobs = await t.queue.getJobs();
    expect(jobs.filter((job) => job.data.applicantId === applicantId)).toEqual([]);
    expect(await t.transferStore.get(id)).toMatchObject({ state: 'completed' });
  });

  describe.each([
    ['an HR admin', HR_ADMIN],
    ['a support user', SUPPORT],
  ] as const)('as %s', (_caller, credentials) => {
    it.each(REFUSED)(
      'when they try to $does, then it is refused 403 before Bull Board sees it, and counted',
      async ({ method, path, body }) => {
        const id = await aFailedTransferWithJob();
        const before = await queueSnapshot();
        const refusedBefore = await refusedCounter('403');

        const answer = await call(credentials, method, path(id), body);

        expect(answer.status).toBe(403);
        expect(answer.body).toEqual({ error: 'forbidden' });
        expect(await (await t.queue.getJob(id))?.getState()).toBe('failed');
        expect(await queueSnapshot()).toEqual(before);
        expect(await refusedCounter('403')).toBe(refusedBefore + 1);
      },
    );
  });
});

describe('Bull Board writes that HR admins may make', () => {
  // the next test's failed job is made by a throw-away worker, which must find no job left waiting
  afterEach(async () => {
    await t.queue.resume();
    await t.queue.drain(true);
  });

  it('when an HR admin retries one failed job, then it waits again and the audit log names it', async () => {
    const id = await aFailedTransferWithJob();

    const answer = await call(HR_ADMIN, 'put', `${BOARD_API}/transfers/${id}/retry`);

    expect(answer.status).toBe(204);
    expect(await (await t.queue.getJob(id))?.getState()).toBe('waiting');
    expect(itemsOf(await asCaller(t, SUPPORT).get('/admin/audit'))).toContainEqual(
      expect.objectContaining({
        user: 'hr1',
        action: 'bull-board',
        target: `PUT /api/queues/transfers/${id}/retry`,
      }),
    );
  });

  it('when an HR admin retries all failed jobs, then they wait again', async () => {
    const id = await aFailedTransferWithJob();

    const answer = await call(HR_ADMIN, 'put', `${BOARD_API}/transfers/retry/failed`);

    expect(answer.status).toBe(200);
    expect(await (await t.queue.getJob(id))?.getState()).toBe('waiting');
  });

  it('when an HR admin promotes one delayed job, then it waits', async () => {
    const id = await aDelayedJob();

    const answer = await call(HR_ADMIN, 'put', `${BOARD_API}/transfers/${id}/promote`);

    expect(answer.status).toBe(204);
    expect(await (await t.queue.getJob(id))?.getState()).toBe('waiting');
  });

  it.each([
    ['a failed job', aFailedTransferWithJob],
    ['a completed job', aCompletedJob],
  ])(
    'when an HR admin promotes %s (not delayed), then 409 job_not_delayed and the job is left as it was',
    async (_name, aJob) => {
      const id = await aJob();
      const state = await t.queue.getJobState(id);

      const answer = await call(HR_ADMIN, 'put', `${BOARD_API}/transfers/${id}/promote`);

      expect(answer.status).toBe(409);
      expect(answer.body).toEqual({ error: 'job_not_delayed' });
      expect(await t.queue.getJobState(id)).toBe(state);
    },
  );

  it('when an HR admin promotes a job that does not exist, then 404, never 500', async () => {
    const answer = await call(HR_ADMIN, 'put', `${BOARD_API}/transfers/R0A-A-NO-SUCH-JOB/promote`);

    expect(answer.status).toBe(404);
  });

  it('when an HR admin promotes all delayed jobs while none is delayed, then nothing changes, never 500', async () => {
    const id = await aFailedTransferWithJob();

    const answer = await call(HR_ADMIN, 'put', `${BOARD_API}/transfers/promote`);

    expect(answer.status).toBeLessThan(300);
    expect(await t.queue.getJobState(id)).toBe('failed');
  });

  it('when an HR admin promotes all delayed jobs, then they wait', async () => {
    const id = await aDelayedJob();

    const answer = await call(HR_ADMIN, 'put', `${BOARD_API}/transfers/promote`);

    expect(answer.status).toBe(200);
    expect(await (await t.queue.getJob(id))?.getState()).toBe('waiting');
  });

  it.each([
    ['the queue', `${BOARD_API}/transfers`],
    ['every queue', BOARD_API],
  ])('when an HR admin pauses and resumes %s, then the queue pauses and resumes', async (_name, base) => {
    const paused = await call(HR_ADMIN, 'put', `${base}/pause`);
    const pausedState = await t.queue.isPaused();
    const resumed = await call(HR_ADMIN, 'put', `${base}/resume`);

    expect([paused.status, resumed.status]).toEqual([200, 200]);
    expect(pausedState).toBe(true);
    expect(await t.queue.isPaused()).toBe(false);
  });

  it.each([
    ['one completed job', (id: string) => `${BOARD_API}/transfers/${id}/retry`],
    ['all completed jobs', () => `${BOARD_API}/transfers/retry/completed`],
  ])(
    'when an HR admin retries %s, then it is refused 403: a completed transfer is never sent again',
    async (_name, path) => {
      const id = await aCompletedJob();

      const answer = await call(HR_ADMIN, 'put', path(id));

      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ error: 'forbidden' });
      expect(await (await t.queue.getJob(id))?.getState()).toBe('completed');
    },
  );

  it.each([
    ['retry one job', (id: string) => `${BOARD_API}/transfers/${id}/retry`],
    ['retry all failed jobs', () => `${BOARD_API}/transfers/retry/failed`],
    ['promote one job', (id: string) => `${BOARD_API}/transfers/${id}/promote`],
    ['promote all delayed jobs', () => `${BOARD_API}/transfers/promote`],
    ['pause the queue', () => `${BOARD_API}/transfers/pause`],
    ['resume the queue', () => `${BOARD_API}/transfers/resume`],
    ['pause every queue', () => `${BOARD_API}/pause`],
    ['resume every queue', () => `${BOARD_API}/resume`],
  ])('when a support user tries to %s, then it is refused 403 and nothing changes', async (_name, path) => {
    const id = await aFailedTransferWithJob();
    const before = await queueSnapshot();

    const answer = await call(SUPPORT, 'put', path(id));

    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ error: 'forbidden' });
    expect(await (await t.queue.getJob(id))?.getState()).toBe('failed');
    expect(await queueSnapshot()).toEqual(before);
  });

  it('when the board lists the queue for an HR admin, then it is the writable board (its retry, promote, pause and resume buttons work)', async () => {
    const api = await asCaller(t, HR_ADMIN).get(BOARD_API);

    expect(bodyOf(api).queues).toEqual([
      expect.objectContaining({ name: 'transfers', readOnlyMode: false }),
      expect.objectContaining({ name: 'match-previews', readOnlyMode: true }),
    ]);
  });

  it.each([
    ['pause', () => `${BOARD_API}/match-previews/pause`],
    ['retry all failed', () => `${BOARD_API}/match-previews/retry/failed`],
  ])(
    'when an HR admin tries to %s the match previews queue, then it is refused 403 (read-only there)',
    async (_name, path) => {
      const answer = await call(HR_ADMIN, 'put', path());

      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ error: 'forbidden' });
    },
  );
});
