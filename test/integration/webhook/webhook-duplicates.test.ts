import { Worker } from 'bullmq';
import { TRANSFER_QUEUE_NAME } from '../../../src/store/transfer-job';
import { buildTestApp, deliver, type TestApp } from '../../helpers/app';
import { aRedisClient } from '../../helpers/redis';
import { aSignedWebhook, aWebhookBody } from '../../helpers/webhooks';

let t: TestApp;
const TOKEN = 'test-worker-token';

beforeAll(async () => {
  t = await buildTestApp();
});

afterAll(async () => {
  await t.close();
});

/** A trigger delivered and queued for a fresh applicant; its transferId. */
async function aQueuedTransfer(): Promise<{ transferId: string; body: ReturnType<typeof aWebhookBody> }> {
  const body = aWebhookBody();
  const answer = await deliver(t, aSignedWebhook({ body }));
  expect(answer.status).toBe(202);
  return { transferId: `R0A-${body.data.applicantId}`, body };
}

/** Takes the transfer's job into `active`, as a worker would, without processing it (older ones too). */
async function withJobTakenByAWorker<T>(transferId: string, work: (token: string) => Promise<T>): Promise<T> {
  const connection = aRedisClient();
  const worker = new Worker(TRANSFER_QUEUE_NAME, null, { connection, prefix: t.prefix, autorun: false });
  try {
    for (
      let job = await worker.getNextJob(TOKEN);
      job?.id !== transferId;
      job = await worker.getNextJob(TOKEN)
    ) {
      expect(job).toBeDefined();
    }
    return await work(TOKEN);
  } finally {
    await worker.close();
    connection.disconnect();
  }
}

/** Finishes the transfer's job as a worker would, leaving it in BullMQ's completed set. */
async function completeItsJob(transferId: string): Promise<void> {
  await withJobTakenByAWorker(transferId, async (token) => {
    const job = await t.queue.getJob(transferId);
    await job?.moveToCompleted(null, token, false);
  });
}

/** The job's state and webhook-id after a trigger queued it again. */
async function requeuedJob(transferId: string) {
  const job = await t.queue.getJob(transferId);
  return { state: await job?.getState(), webhookId: job?.data.webhookId };
}

describe('POST /webhooks/trac: duplicates are decided by the transfer store', () => {
  it.each([
    ['completed with reason null', 'completed', null],
    ['failed', 'failed', 'NO_ESR_MATCH'],
  ] as const)(
    'when the transfer %s and BullMQ has removed the job by retention, then a new trigger is still duplicate',
    async (_label, state, reason) => {
      const { transferId, body } = await aQueuedTransfer();
      await t.transferStore.update(transferId, { state, reason, finishedAt: new Date().toISOString() });
      await t.queue.remove(transferId); // what retention does

      const answer = await deliver(t, aSignedWebhook({ body }));

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ status: 'duplicate', transferId });
      expect(await t.queue.getJob(transferId)).toBeUndefined();
    },
  );

  it('when the transfer completed out of scope (STATUS_CHANGED), then a new trigger queues it again', async () => {
    const { transferId, body } = await aQueuedTransfer();
    await completeItsJob(transferId);
    await t.transferStore.update(transferId, { state: 'completed', reason: 'STATUS_CHANGED' });
    const retrigger = aSignedWebhook({ body });

    const answer = await deliver(t, retrigger);

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'queued', transferId });
    expect(await requeuedJob(transferId)).toEqual({ state: 'waiting', webhookId: retrigger.id });
    expect(await t.transferStore.get(transferId)).toMatchObject({ state: null, reason: null });
  });

  it('when the store has no record of a transfer but BullMQ still keeps its finished job, then a trigger queues it again', async () => {
    const { transferId, body } = await aQueuedTransfer();
    await completeItsJob(transferId);
    await t.redis.del(`${t.prefix}:transfer:${transferId}`); // e.g. restored from an older backup
    const retrigger = aSignedWebhook({ body });

    const answer = await deliver(t, retrigger);

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'queued', transferId });
    expect(await requeuedJob(transferId)).toEqual({ state: 'waiting', webhookId: retrigger.id });
  });

  it('when a job is active, then a trigger for another applicant is still queued and its own is duplicate', async () => {
    const { transferId, body } = await aQueuedTransfer();

    await withJobTakenByAWorker(transferId, async () => {
      expect(await (await t.queue.getJob(transferId))?.getState()).toBe('active');
      const other = await deliver(t, aSignedWebhook());
      const same = await deliver(t, aSignedWebhook({ body }));

      expect(other.status).toBe(202);
      expect(same.body).toEqual({ status: 'duplicate', transferId });
    });
  });

  it('when a claim was left without a job for more than 10 s (Redis died in between), then the next delivery queues it', async () => {
    const body = aWebhookBody();
    const transferId = `R0A-${body.data.applicantId}`;
    await t.transferStore.claim(transferId, 'R0A', body.data.applicantId, 'webhook');
    await t.redis.hset(
      `${t.prefix}:transfer:${transferId}`,
      'updatedAt',
      new Date(Date.now() - 20_000).toISOString(),
    );

    const answer = await deliver(t, aSignedWebhook({ body }));

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'queued', transferId });
    expect(await t.queue.getJob(transferId)).toBeDefined();
  });

  it('when a fresh claim has no job yet (another delivery is queueing it), then the answer is duplicate and the job is stored', async () => {
    const body = aWebhookBody();
    const transferId = `R0A-${body.data.applicantId}`;
    await t.transferStore.claim(transferId, 'R0A', body.data.applicantId, 'webhook');

    const answer = await deliver(t, aSignedWebhook({ body }));

    expect(answer.body).toEqual({ status: 'duplicate', transferId });
    expect(await t.queue.getJob(transferId)).toBeDefined();
  });
});
