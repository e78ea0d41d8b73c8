import { createHash } from 'node:crypto';
import { buildTestApp, deliver, type TestApp } from '../../helpers/app';
import { aSignedWebhook, aWebhookBody, aWebhookId } from '../../helpers/webhooks';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});

afterAll(async () => {
  await t.close();
});

async function jobIdsOf(...transferIds: string[]): Promise<string[]> {
  const jobs = await t.queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized']);
  return jobs.map((job) => job.id ?? '').filter((id) => transferIds.includes(id));
}

const sha256Of = (payload: string | Buffer) => createHash('sha256').update(payload).digest('hex');

describe('POST /webhooks/trac: a webhook-id is remembered with a hash of its body', () => {
  it('when a webhook-id is reused for a body naming another applicant, then both transfers are queued and the second is answered with its own transferId', async () => {
    const id = aWebhookId();
    const first = aWebhookBody();
    const second = aWebhookBody();
    const firstTransfer = `R0A-${first.data.applicantId}`;
    const secondTransfer = `R0A-${second.data.applicantId}`;
    await deliver(t, aSignedWebhook({ id, body: first }));

    const answer = await deliver(t, aSignedWebhook({ id, body: second }));

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'queued', transferId: secondTransfer });
    expect((await jobIdsOf(firstTransfer, secondTransfer)).sort()).toEqual(
      [firstTransfer, secondTransfer].sort(),
    );
    expect(await t.transferStore.get(secondTransfer)).toMatchObject({ state: null });
    const lines = t.logs.filter((l) => l.message === 'webhook answered' && l.webhookId === id);
    expect(lines.map((l) => [l.outcome, l.transferId])).toEqual([
      ['queued', firstTransfer],
      ['queued', secondTransfer],
    ]);
  });

  it('when a webhook-id is redelivered with the same bytes, then it is answered duplicate of its own transfer', async () => {
    const body = aWebhookBody();
    const signed = aSignedWebhook({ body });
    await deliver(t, signed);

    const again = await deliver(t, aSignedWebhook({ id: signed.id, body: signed.payload }));

    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate', transferId: `R0A-${body.data.applicantId}` });
  });

  it('when an ignored message id is reused for a trigger of another applicant, then the trigger is queued, and the ignored message redelivered is still ignored', async () => {
    t.organisations.set('NEW2', false);
    const id = aWebhookId();
    const ignoredSigned = aSignedWebhook({ id, body: aWebhookBody({ data: { organisationCode: 'NEW2' } }) });
    await deliver(t, ignoredSigned);
    const trigger = aWebhookBody();

    const reused = await deliver(t, aSignedWebhook({ id, body: trigger }));
    t.organisations.set('NEW2', true);
    const redelivered = await deliver(t, aSignedWebhook({ id, body: ignoredSigned.payload }));

    expect(reused.status).toBe(202);
    expect(reused.body).toEqual({ status: 'queued', transferId: `R0A-${trigger.data.applicantId}` });
    expect(redelivered.body).toEqual({ status: 'ignored', reason: 'organisation_not_enabled' });
  });

  it('when a webhook-id is remembered, then its Redis key holds the id and the body hash only, never the body', async () => {
    const body = aWebhookBody();
    const signed = aSignedWebhook({ body });

    await deliver(t, signed);

    const keys = await t.redis.keys(`${t.prefix}:webhook:*`);
    const own = keys.filter((key) => key.includes(signed.id));
    expect(own).toEqual([`${t.prefix}:webhook:${signed.id}:${sha256Of(signed.payload)}`]);
    const stored = await t.redis.get(own[0] ?? '');
    expect(JSON.parse(stored ?? 'null')).toEqual({
      status: 'queued',
      transferId: `R0A-${body.data.applicantId}`,
    });
    expect(await t.redis.ttl(own[0] ?? '')).toBeGreaterThan(3 * 24 * 3600);
  });
});
