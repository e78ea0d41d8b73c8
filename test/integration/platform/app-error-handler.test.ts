import { asCaller, HR_ADMIN, withAdminTestApp } from '../../helpers/admin';
import { deliver } from '../../helpers/app';
import { aSignedWebhook, aWebhookBody } from '../../helpers/webhooks';

const t = withAdminTestApp();

/** The log lines written while `work` ran. */
async function linesDuring(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const before = t.logs.length;
  await work();
  return t.logs.slice(before);
}

afterEach(() => jest.restoreAllMocks());

describe("the app's one error handler", () => {
  it('when an admin route fails unexpectedly, then it answers 503 unavailable and logs one line, an error with its stack', async () => {
    jest.spyOn(t.transferStore, 'read').mockRejectedValueOnce(new Error('store exploded'));
    let answer: { status: number; body: unknown } | undefined;

    const lines = await linesDuring(async () => {
      answer = await asCaller(t, HR_ADMIN).get('/admin/transfers/R0A-A-500500');
    });

    expect(answer?.status).toBe(503);
    expect(answer?.body).toEqual({ error: 'unavailable' });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'request failed',
        method: 'GET',
        path: '/admin/transfers/R0A-A-500500',
        error: {
          type: 'Error',
          message: 'store exploded',
          stack: expect.stringContaining('store exploded') as unknown,
        },
      }),
    ]);
  });

  it('when an admin request body is not JSON, then it keeps its 400 and nothing is logged as an error', async () => {
    let answer: { status: number; body: unknown } | undefined;

    const lines = await linesDuring(async () => {
      answer = await asCaller(t, HR_ADMIN)
        .post('/admin/transfers')
        .set('Content-Type', 'application/json')
        .send('{"applicantId": "A-1", ');
    });

    expect(answer?.status).toBe(400);
    expect(answer?.body).toEqual({ error: 'bad_request' });
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('when a webhook delivery fails unexpectedly, then it is answered 503 unavailable, counted, and logged in one line with the stack and without the body', async () => {
    jest.spyOn(t.organisations, 'findEnabled').mockImplementationOnce(() => {
      throw new Error('directory exploded');
    });
    const body = aWebhookBody();
    let answer: { status: number; body: unknown } | undefined;

    const lines = await linesDuring(async () => {
      answer = await deliver(t, aSignedWebhook({ body }));
    });

    expect(answer?.status).toBe(503);
    expect(answer?.body).toEqual({ error: 'unavailable' });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'webhook failed unexpectedly',
        component: 'webhook',
        outcome: 'unavailable',
        error: {
          type: 'Error',
          message: 'directory exploded',
          stack: expect.stringContaining('directory exploded') as unknown,
        },
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(body.data.applicantId);
    const text = await t.metrics.registry.getSingleMetricAsString('dit_webhooks_total');
    expect(text).toMatch(/dit_webhooks_total\{outcome="unavailable"\} [1-9]/);
  });
});
