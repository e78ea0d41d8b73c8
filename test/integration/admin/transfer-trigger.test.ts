import { asCaller, bodyOf, eventually, HR_ADMIN, withWorkerAndAdminApp } from '../../helpers/admin';
import { deliver } from '../../helpers/app';
import { withSandboxes } from '../../helpers/sandbox';
import { aSignedWebhook, aWebhookBody } from '../../helpers/webhooks';

const sandboxes = withSandboxes();
const { t } = withWorkerAndAdminApp(sandboxes);
const hr = () => asCaller(t, HR_ADMIN);

async function finished(transferId: string): Promise<Record<string, unknown>> {
  await eventually(async () =>
    ['completed', 'failed'].includes(String(bodyOf(await hr().get(`/admin/transfers/${transferId}`)).state)),
  );
  return bodyOf(await hr().get(`/admin/transfers/${transferId}`));
}

describe('the trigger of a transfer: how it was first started', () => {
  it('when a webhook started it and HR re-queues it, then it says webhook before and after', async () => {
    const body = aWebhookBody({ data: { organisationCode: 'R0A', applicantId: 'A-100300' } });
    expect((await deliver(t, aSignedWebhook({ body }))).status).toBe(202);
    expect(await finished('R0A-A-100300')).toMatchObject({ reason: 'NO_ESR_MATCH', trigger: 'webhook' });

    expect((await hr().post('/admin/transfers/R0A-A-100300/retry')).status).toBe(202);

    expect(await finished('R0A-A-100300')).toMatchObject({ trigger: 'webhook' });
    const listed = bodyOf<{ items: { transferId: string; trigger: string }[] }>(
      await hr().get('/admin/transfers?organisation=R0A'),
    ).items.find((item) => item.transferId === 'R0A-A-100300');
    expect(listed?.trigger).toBe('webhook');
  });

  it('when an HR admin started it by hand, then it says manual', async () => {
    expect(
      (await hr().post('/admin/transfers').send({ organisationCode: '7A1', applicantId: 'A-100235' })).status,
    ).toBe(202);

    expect(await finished('7A1-A-100235')).toMatchObject({ state: 'completed', trigger: 'manual' });
  });
});
