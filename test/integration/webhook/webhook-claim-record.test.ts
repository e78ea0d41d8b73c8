import { startRedisDeadline } from '../../../src/store/redis-deadline';
import { createWebhookIdRecords } from '../../../src/store/webhook-id-records';
import { hashWebhookBody } from '../../../src/webhook/webhook-id-record';
import { buildTestApp, deliver, type TestApp } from '../../helpers/app';
import { aSignedWebhook, aWebhookBody } from '../../helpers/webhooks';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});

afterAll(async () => {
  await t.close();
});

/**
 * What a delivery's first round trip leaves when its request dies right after it (Redis hung, the
 * receiver stopped): the transfer claimed and the message recorded with the claim, but no job.
 */
async function aClaimWithoutItsJob() {
  const body = aWebhookBody();
  const signed = aSignedWebhook({ body });
  const { organisationCode, applicantId } = body.data;
  const transferId = `${organisationCode}-${applicantId}`;
  const message = { webhookId: signed.id, bodyHash: hashWebhookBody(Buffer.from(signed.payload)) };
  const first = await createWebhookIdRecords(t.redis, t.prefix).recallOrClaim(
    message,
    { transferId, organisationCode, applicantId },
    startRedisDeadline(),
  );
  expect(first).toEqual({ kind: 'claimed', claim: 'created', recorded: true, added: false });
  expect(await t.queue.getJob(transferId)).toBeUndefined();
  return { signed, transferId };
}

describe('POST /webhooks/trac: a message is recorded with its claim, in the same round trip', () => {
  it('when the request that claimed died before its job was stored, then the same message redelivered stores the job', async () => {
    const { signed, transferId } = await aClaimWithoutItsJob();

    const answer = await deliver(t, signed);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'duplicate', transferId });
    expect(await (await t.queue.getJob(transferId))?.getState()).toBe('waiting');
  });

  it('when such a claim was given back (its add refused), then the same message redelivered claims and queues again', async () => {
    const { signed, transferId } = await aClaimWithoutItsJob();
    await t.transferStore.releaseClaim(transferId);

    const answer = await deliver(t, signed);

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'queued', transferId });
    expect(await t.transferStore.get(transferId)).toMatchObject({ state: null });
    expect(await t.queue.getJob(transferId)).toBeDefined();
  });

  it('when the transfer has run since, then the message redelivered is answered from its record and nothing is queued', async () => {
    const { signed, transferId } = await aClaimWithoutItsJob();
    await t.transferStore.update(transferId, { state: 'failed', reason: 'NO_ESR_MATCH' });

    const answer = await deliver(t, signed);

    expect(answer.body).toEqual({ status: 'duplicate', transferId });
    expect(await t.queue.getJob(transferId)).toBeUndefined();
  });

  it('when a message finds its transfer finished, then its record is written by the same script (duplicate)', async () => {
    const body = aWebhookBody();
    const transferId = `R0A-${body.data.applicantId}`;
    await deliver(t, aSignedWebhook({ body }));
    await t.transferStore.update(transferId, { state: 'completed', reason: null });
    const later = aSignedWebhook({ body });

    const answer = await deliver(t, later);

    const key = `${t.prefix}:webhook:${later.id}:${hashWebhookBody(Buffer.from(later.payload))}`;
    expect(answer.body).toEqual({ status: 'duplicate', transferId });
    expect(JSON.parse((await t.redis.get(key)) ?? 'null')).toEqual({ status: 'duplicate', transferId });
  });
});
