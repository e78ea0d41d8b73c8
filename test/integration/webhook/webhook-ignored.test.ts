import { buildTestApp, deliver, type TestApp } from '../../helpers/app';
import { aSignedWebhook, aWebhookBody } from '../../helpers/webhooks';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});

afterAll(async () => {
  await t.close();
});

describe('POST /webhooks/trac: verified deliveries that start nothing', () => {
  it.each([
    [
      'a non-trigger status',
      aWebhookBody({ data: { status: 'Offer: Unconditional' } }),
      'status_not_trigger',
    ],
    [
      'a status that only contains the trigger',
      aWebhookBody({ data: { status: 'Outcome: Recruited (withdrawn)' } }),
      'status_not_trigger',
    ],
    [
      'a disabled organisation',
      aWebhookBody({ data: { organisationCode: 'RX9' } }),
      'organisation_not_enabled',
    ],
    [
      'an organisation not listed',
      aWebhookBody({ data: { organisationCode: 'ZZ99' } }),
      'organisation_not_enabled',
    ],
    ['an unknown event type', { type: 'applicant.created', anything: [1, 2] }, 'event_type_not_handled'],
  ])('when it carries %s, then 200 ignored with the reason and no job', async (_label, body, reason) => {
    const jobsBefore = await t.queue.count();

    const answer = await deliver(t, aSignedWebhook({ body }));

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ignored', reason });
    expect(await t.queue.count()).toBe(jobsBefore);
  });

  it('when an unknown event type has a body the status schema would reject, then it is still ignored', async () => {
    const answer = await deliver(
      t,
      aSignedWebhook({ body: { type: 'applicant.deleted', data: 'not an object' } }),
    );

    expect(answer.body).toEqual({ status: 'ignored', reason: 'event_type_not_handled' });
  });

  it('when the organisation is disabled and the status is not a trigger, then the organisation is the reason', async () => {
    const body = aWebhookBody({ data: { organisationCode: 'RX9', status: 'Offer: Conditional' } });

    const answer = await deliver(t, aSignedWebhook({ body }));

    expect(answer.body).toEqual({ status: 'ignored', reason: 'organisation_not_enabled' });
  });

  it('when an ignored message is redelivered after its organisation was enabled, then it gets the same ignored answer', async () => {
    t.organisations.set('NEW1', false);
    const body = aWebhookBody({ data: { organisationCode: 'NEW1' } });
    const signed = aSignedWebhook({ body });
    await deliver(t, signed);
    t.organisations.set('NEW1', true);

    const again = await deliver(t, signed);

    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'ignored', reason: 'organisation_not_enabled' });
    expect(await t.queue.getJob(`NEW1-${body.data.applicantId}`)).toBeUndefined();
  });

  it('when the same applicant later reaches the trigger status under a new message, then it is queued', async () => {
    const body = aWebhookBody({ data: { status: 'Offer: Unconditional' } });
    await deliver(t, aSignedWebhook({ body }));

    const answer = await deliver(
      t,
      aSignedWebhook({ body: { ...body, data: { ...body.data, status: 'Outcome: Recruited' } } }),
    );

    expect(answer.status).toBe(202);
  });

  it('when deliveries are ignored, then /metrics counts them by reason and the log names no status', async () => {
    const body = aWebhookBody({ data: { status: 'Pre-employment: Checks' } });
    const signed = aSignedWebhook({ body });

    await deliver(t, signed);

    const text = await t.metrics.registry.getSingleMetricAsString('dit_webhooks_total');
    expect(text).toMatch(/dit_webhooks_total\{outcome="ignored",reason="status_not_trigger"\} [1-9]/);
    const line = t.logs.find((l) => l.webhookId === signed.id);
    expect(line).toMatchObject({ outcome: 'ignored', reason: 'status_not_trigger' });
    expect(JSON.stringify(line)).not.toContain('Pre-employment');
  });
});
