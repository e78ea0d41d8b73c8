import { QueueEvents } from 'bullmq';
import { TRANSFER_QUEUE_NAME } from '../../src/store/transfer-job';
import { TRANSFER_JOB_NAME } from '../../src/store/transfer-queue';
import { asCaller, bodyOf, eventually, HR_ADMIN, itemsOf, withWorkerAndAdminApp } from '../helpers/admin';
import { deliver } from '../helpers/app';
import { aRedisClient } from '../helpers/redis';
import { esrRecordsFor, esrRequestBodies, withSandboxes } from '../helpers/sandbox';
import { aSignedWebhook, aWebhookBody } from '../helpers/webhooks';

const sandboxes = withSandboxes();
const { t, harness } = withWorkerAndAdminApp(sandboxes);

/** A HICOM-created ESR applicant in 7A1 with the same names and birth date as Trac's A-100234 (R0A). */
async function esrHoldsAoifeAlsoIn7A1(): Promise<void> {
  const answer = await fetch(`${sandboxes.esrUrl}/sandbox/applicants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      esrApplicantId: '7A1-AOIFE',
      organisationCode: '7A1',
      firstName: 'AOIFE',
      lastName: "O'BRIEN",
      dateOfBirth: '1994-03-17',
      recordOrigin: 'HICOM',
      personType: 'APPLICANT',
      applicationStatus: 'ACTIVE',
      hasProfessionalRegistration: false,
    }),
  });
  expect(answer.ok).toBe(true);
}

/** Resolves with the failed reason once BullMQ has failed the job. */
async function failedReasonOf(jobId: string): Promise<string> {
  let reason = '';
  await eventually(async () => {
    if ((await t.queue.getJobState(jobId)) !== 'failed') return false;
    reason = (await t.queue.getJob(jobId))?.failedReason ?? '';
    return true;
  });
  return reason;
}

async function aCompletedTransfer(organisationCode: string, applicantId: string) {
  const transferId = await harness.enqueue(organisationCode, applicantId);
  const transfer = await harness.waitUntilFinished(transferId);
  expect(transfer).toMatchObject({ state: 'completed', reason: null });
  return transfer;
}

describe('a job that no start path made (Bull Board add or duplicate, or straight through BullMQ)', () => {
  it('when a job for a completed applicant is added under an id that is not the transfer id, then it fails before any request and ESR stores nothing again', async () => {
    const before = await aCompletedTransfer('R0A', 'A-100306');
    const postsBefore = (await esrRequestBodies(sandboxes.esrUrl)).length;

    // what Bull Board's "Add job" and "Duplicate" do: the same data, an id BullMQ makes up
    const job = await t.queue.add(TRANSFER_JOB_NAME, {
      organisationCode: 'R0A',
      applicantId: 'A-100306',
      receivedAt: new Date().toISOString(),
      trigger: 'webhook',
    });

    expect(await failedReasonOf(job.id!)).toMatch(/not a transfer job/);
    expect((await esrRequestBodies(sandboxes.esrUrl)).length).toBe(postsBefore);
    expect(await t.transferStore.get('R0A-A-100306')).toEqual(before);
    expect(await t.redis.exists(`${t.prefix}:transfer:${job.id!}`)).toBe(0);
  });

  it("when a job's id names another transfer than its data, then it fails and neither transfer changes", async () => {
    const job = await t.queue.add(
      TRANSFER_JOB_NAME,
      {
        organisationCode: 'R0A',
        applicantId: 'A-100306',
        receivedAt: new Date().toISOString(),
        trigger: 'webhook',
      },
      { jobId: 'R0A-A-999001' },
    );

    expect(await failedReasonOf(job.id!)).toMatch(/not a transfer job/);
    expect(await t.transferStore.get('R0A-A-999001')).toBeUndefined();
  });

  it('when a job carries the transfer id but no start path created the transfer, then it fails before any request', async () => {
    const postsBefore = (await esrRequestBodies(sandboxes.esrUrl)).length;
    const job = await t.queue.add(
      TRANSFER_JOB_NAME,
      {
        organisationCode: 'R0A',
        applicantId: 'A-100304',
        receivedAt: new Date().toISOString(),
        trigger: 'webhook',
      },
      { jobId: 'R0A-A-100304' },
    );

    expect(await failedReasonOf(job.id!)).toMatch(/no transfer record/);
    expect((await esrRequestBodies(sandboxes.esrUrl)).length).toBe(postsBefore);
    expect(await t.transferStore.get('R0A-A-100304')).toBeUndefined();
  });

  it('when a job carries data outside the job schema, then it fails and writes nothing to the store', async () => {
    const events = new QueueEvents(TRANSFER_QUEUE_NAME, { connection: aRedisClient(), prefix: t.prefix });
    try {
      const job = await t.queue.add(TRANSFER_JOB_NAME, { anything: 'at all' } as never);
      expect(await failedReasonOf(job.id!)).toMatch(/job schema/);
      expect(await t.redis.exists(`${t.prefix}:transfer:${job.id!}`)).toBe(0);
    } finally {
      await events.close();
    }
  });
});

describe('the organisation Trac holds the applicant under', () => {
  beforeAll(esrHoldsAoifeAlsoIn7A1);

  it('when a transfer names another organisation than Trac holds the applicant under, then it fails ORGANISATION_MISMATCH and nothing reaches ESR', async () => {
    const postsBefore = (await esrRequestBodies(sandboxes.esrUrl)).length;
    const transferId = await harness.enqueue('7A1', 'A-100234');

    const transfer = await harness.waitUntilFinished(transferId);

    expect(transfer).toMatchObject({ state: 'failed', reason: 'ORGANISATION_MISMATCH', attempts: 1 });
    expect(transfer.records).toEqual(expect.objectContaining({ dbs: 'NOT_SENT' }));
    expect(transfer.message).toContain('R0A');
    expect(transfer.message).toContain('7A1');
    expect((await esrRequestBodies(sandboxes.esrUrl)).length).toBe(postsBefore);
    expect(await esrRecordsFor(sandboxes.esrUrl, '7A1-AOIFE')).toEqual([]);
  });

  it('when a signed webhook names the wrong organisation, then the transfer it queues fails ORGANISATION_MISMATCH and nothing reaches ESR', async () => {
    // A-100306 is Trac's under R0A; the webhook says 7A1
    const body = aWebhookBody({ data: { organisationCode: '7A1', applicantId: 'A-100306' } });
    const postsBefore = (await esrRequestBodies(sandboxes.esrUrl)).length;

    const answer = await deliver(t, aSignedWebhook({ body }));
    expect(answer.status).toBe(202);
    await eventually(async () => (await t.transferStore.get('7A1-A-100306'))?.state === 'failed');

    expect(await t.transferStore.get('7A1-A-100306')).toMatchObject({ reason: 'ORGANISATION_MISMATCH' });
    expect((await esrRequestBodies(sandboxes.esrUrl)).length).toBe(postsBefore);
  });

  it('when an HR admin starts a transfer for the wrong organisation, then it answers 400 organisation_mismatch, queues nothing and audits the attempt', async () => {
    const answer = await asCaller(t, HR_ADMIN)
      .post('/admin/transfers')
      .send({ organisationCode: '7A1', applicantId: 'A-100304' });

    expect(answer.status).toBe(400);
    expect(bodyOf(answer)).toEqual({ error: 'organisation_mismatch' });
    expect(await t.queue.getJob('7A1-A-100304')).toBeUndefined();
    expect(await t.transferStore.get('7A1-A-100304')).toBeUndefined();
    const audit = itemsOf<{ action: string; target: string; result: string }>(
      await asCaller(t, HR_ADMIN).get('/admin/audit'),
    );
    expect(audit[0]).toMatchObject({ action: 'start', target: '7A1-A-100304', result: '400' });
  });
});
