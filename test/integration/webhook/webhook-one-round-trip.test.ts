import { createTransferQueue, TRANSFER_JOB_NAME } from '../../../src/store/transfer-queue';
import { transferIdOf } from '../../../src/transfer/transfer-ids';
import { aFailedJob } from '../../helpers/admin';
import { buildTestApp, deliver, type TestApp } from '../../helpers/app';
import { commandsDuring, type SeenCommand } from '../../helpers/transfer-queries';
import { aSignedWebhook, aWebhookBody } from '../../helpers/webhooks';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});

afterAll(async () => {
  await t.close();
});

/** What Redis runs on this file's keys while `work` does. */
const commandsDuringWork = (work: () => Promise<unknown>) => commandsDuring(t.redis, t.prefix, work);

const sentByTheReceiver = (seen: SeenCommand[]) => seen.filter(({ source }) => source !== 'lua');

/** A job's hash as BullMQ stores it, without the time it was added. */
async function storedJob(prefix: string, jobId: string): Promise<Record<string, string>> {
  const { timestamp, ...fields } = await t.redis.hgetall(`${prefix}:transfers:${jobId}`);
  expect(Number(timestamp)).toBeGreaterThan(0);
  return fields;
}

describe('POST /webhooks/trac: a new transfer is claimed and queued in one round trip', () => {
  it('when a trigger for a new transfer arrives, then one command stores its claim, its message record and its job, and it is answered 202', async () => {
    await deliver(t, aSignedWebhook()); // the script is sent once (EVAL), then run by its SHA
    const body = aWebhookBody();
    const transferId = transferIdOf(body.data.organisationCode, body.data.applicantId);

    let status = 0;
    const seen = await commandsDuringWork(async () => {
      status = (await deliver(t, aSignedWebhook({ body }))).status;
    });

    expect(status).toBe(202);
    const sent = sentByTheReceiver(seen).map(({ command }) => command.split(' ')[0]?.toLowerCase());
    expect(sent).toEqual(['evalsha']);
    const inScript = seen.filter(({ source }) => source === 'lua').map(({ command }) => command);
    expect(inScript.some((command) => command.startsWith(`HSET ${t.prefix}:transfer:`))).toBe(true);
    expect(inScript.some((command) => command.startsWith(`SET ${t.prefix}:webhook:`))).toBe(true);
    expect(inScript.some((command) => command.startsWith(`LPUSH ${t.prefix}:transfers:wait`))).toBe(true);
    expect(await (await t.queue.getJob(transferId))?.getState()).toBe('waiting');
  });

  it('when the job is stored by the claim, then it is the job Queue.add stores: same name, data, options and events', async () => {
    const body = aWebhookBody();
    const transferId = transferIdOf(body.data.organisationCode, body.data.applicantId);
    const before = await t.redis.xlen(`${t.prefix}:transfers:events`);
    await deliver(t, aSignedWebhook({ body }));
    const fromClaim = await t.queue.getJob(transferId);
    expect(fromClaim).toBeDefined();
    const otherPrefix = `${t.prefix}-add`;
    const other = createTransferQueue(t.redis, otherPrefix, t.config.transferAttempts);
    try {
      await other.add(TRANSFER_JOB_NAME, fromClaim!.data, { jobId: transferId });

      expect(await storedJob(t.prefix, transferId)).toEqual(await storedJob(otherPrefix, transferId));
      const events = await t.redis.xrange(`${t.prefix}:transfers:events`, '-', '+');
      const mine = events.slice(before).map(([, fields]) => fields.slice(0, 4).join(' '));
      expect(mine).toEqual([`event added jobId ${transferId}`, `event waiting jobId ${transferId}`]);
    } finally {
      await other.obliterate({ force: true });
      await other.close();
    }
  });

  it('when a job is left under the transfer id without a transfer, then the claim does not add over it and the delivery is answered once the job is there', async () => {
    const body = aWebhookBody();
    const { organisationCode, applicantId } = body.data;
    const transferId = transferIdOf(organisationCode, applicantId);
    const leftover = {
      organisationCode,
      applicantId,
      trigger: 'manual' as const,
      receivedAt: '2026-01-01T00:00:00.000Z',
    };
    await t.queue.add(TRANSFER_JOB_NAME, leftover, { jobId: transferId });

    const answer = await deliver(t, aSignedWebhook({ body }));

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'queued', transferId });
    expect((await t.queue.getJob(transferId))?.data).toEqual(leftover);
    expect(await t.queue.getJobState(transferId)).toBe('waiting');
    expect(await t.transferStore.get(transferId)).toMatchObject({ state: null });
  });

  it('when a finished job is left under the transfer id (a stray job the worker refused), then the delivery replaces it with its own before answering', async () => {
    const body = aWebhookBody();
    const transferId = transferIdOf(body.data.organisationCode, body.data.applicantId);
    await aFailedJob(t, transferId);
    const signed = aSignedWebhook({ body });

    const answer = await deliver(t, signed);

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'queued', transferId });
    const job = await t.queue.getJob(transferId);
    expect(job?.data).toMatchObject({ trigger: 'webhook', webhookId: signed.id });
    expect(await job?.getState()).toBe('waiting');
  });

  it('when the same message comes again, then it is answered from its record in one round trip and no job is added', async () => {
    const body = aWebhookBody();
    const transferId = transferIdOf(body.data.organisationCode, body.data.applicantId);
    const signed = aSignedWebhook({ body });
    await deliver(t, signed);
    await t.transferStore.update(transferId, { state: 'completed', reason: null });

    let answer: { status: number; body: unknown } | undefined;
    const seen = await commandsDuringWork(async () => {
      answer = await deliver(t, signed);
    });

    expect(answer).toMatchObject({ status: 200, body: { status: 'duplicate', transferId } });
    expect(sentByTheReceiver(seen).map(({ command }) => command.split(' ')[0]?.toLowerCase())).toEqual([
      'evalsha',
    ]);
    expect(seen.some(({ command }) => command.startsWith(`LPUSH ${t.prefix}:transfers:wait`))).toBe(false);
  });
});
