import { buildTestApp, deliver as deliverTo, type TestApp } from '../../helpers/app';
import { aSignedWebhook, aWebhookBody, aWebhookId } from '../../helpers/webhooks';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});

afterAll(async () => {
  await t.close();
});

const deliver = (signed: ReturnType<typeof aSignedWebhook>) => deliverTo(t, signed);

async function jobsOf(transferId: string) {
  const jobs = await t.queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized']);
  return jobs.filter((job) => job.id === transferId);
}

describe('POST /webhooks/trac: queueing once', () => {
  it('when a verified trigger delivery arrives, then it answers 202 and queues exactly one job holding ids only', async () => {
    const body = aWebhookBody();
    const signed = aSignedWebhook({ body });
    const transferId = `R0A-${body.data.applicantId}`;

    const answer = await deliver(signed);

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'queued', transferId });
    const jobs = await jobsOf(transferId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.name).toBe('transfer');
    expect(jobs[0]?.data).toEqual({
      organisationCode: 'R0A',
      applicantId: body.data.applicantId,
      webhookId: signed.id,
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      trigger: 'webhook',
    });
    expect(jobs[0]?.opts).toMatchObject({
      attempts: t.config.transferAttempts,
      backoff: { type: 'custom' },
      removeOnComplete: { count: 1000 },
      removeOnFail: { age: 30 * 86_400 },
    });
    expect(await t.transferStore.get(transferId)).toMatchObject({ state: null, attempts: 0 });
  });

  it('when the status differs only in case, white space and punctuation, then it is a trigger', async () => {
    const answer = await deliver(
      aSignedWebhook({ body: aWebhookBody({ data: { status: '  OUTCOME-recruited!' } }) }),
    );

    expect(answer.status).toBe(202);
  });

  it('when one webhook-id is delivered 5 times at once, then one job is queued and every answer is 2xx', async () => {
    const body = aWebhookBody();
    const signed = aSignedWebhook({ body });
    const transferId = `R0A-${body.data.applicantId}`;

    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(signed)));

    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 202]);
    for (const answer of answers) expect(answer.body).toMatchObject({ transferId });
    expect(await jobsOf(transferId)).toHaveLength(1);
  });

  it('when 50 identical deliveries arrive at once, then exactly one job exists', async () => {
    const body = aWebhookBody();
    const signed = aSignedWebhook({ body });

    const answers = await Promise.all(Array.from({ length: 50 }, () => deliver(signed)));

    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
    expect(answers.every((a) => a.status === 200 || a.status === 202)).toBe(true);
    expect(await jobsOf(`R0A-${body.data.applicantId}`)).toHaveLength(1);
  });

  it('when the same webhook-id is delivered again later, then it answers 200 duplicate with the transferId', async () => {
    const body = aWebhookBody();
    const signed = aSignedWebhook({ body });
    await deliver(signed);

    const again = await deliver(aSignedWebhook({ body, id: signed.id }));

    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate', transferId: `R0A-${body.data.applicantId}` });
    expect(await jobsOf(`R0A-${body.data.applicantId}`)).toHaveLength(1);
  });

  it('when the same applicant triggers again under new webhook ids, then each answer is duplicate', async () => {
    const body = aWebhookBody();
    await deliver(aSignedWebhook({ body }));

    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await deliver(aSignedWebhook({ body, id: aWebhookId() })));

    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ status: 'duplicate', transferId: `R0A-${body.data.applicantId}` });
    }
    expect(await jobsOf(`R0A-${body.data.applicantId}`)).toHaveLength(1);
  });

  it('when the same applicant id arrives for another organisation, then that is another transfer', async () => {
    const body = aWebhookBody();
    await deliver(aSignedWebhook({ body }));

    const other = await deliver(
      aSignedWebhook({ body: aWebhookBody({ data: { ...body.data, organisationCode: '7A1' } }) }),
    );

    expect(other.status).toBe(202);
    expect(other.body).toEqual({ status: 'queued', transferId: `7A1-${body.data.applicantId}` });
  });

  it('when a queued delivery is answered, then the log line carries ids and outcome but no status text', async () => {
    const body = aWebhookBody();
    const signed = aSignedWebhook({ body });

    await deliver(signed);

    const line = t.logs.find((l) => l.webhookId === signed.id && l.message === 'webhook answered');
    expect(line).toMatchObject({ outcome: 'queued', transferId: `R0A-${body.data.applicantId}` });
    expect(JSON.stringify(line)).not.toContain('Recruited');
  });
});
