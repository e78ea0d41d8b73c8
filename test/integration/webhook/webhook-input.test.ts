import { buildTestApp, deliver, type TestApp } from '../../helpers/app';
import { aSignedWebhook, aWebhookBody } from '../../helpers/webhooks';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});

afterAll(async () => {
  await t.close();
});

describe('POST /webhooks/trac: malformed bodies', () => {
  it('when the signed body is not JSON, then 400 invalid_body naming the body', async () => {
    const answer = await deliver(t, aSignedWebhook({ body: '{"type": "applicant.status_changed",' }));

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: 'invalid_body',
      issues: [{ path: '', message: 'must be valid JSON' }],
    });
  });

  it('when fields have the wrong types or shapes, then 400 with an issue naming each path', async () => {
    const body = aWebhookBody();
    const wrong = {
      ...body,
      timestamp: 'yesterday',
      data: { ...body.data, applicantId: 100234, organisationCode: 'r0a' },
    };

    const answer = await deliver(t, aSignedWebhook({ body: wrong }));

    expect(answer.status).toBe(400);
    const paths = (answer.body as { issues: { path: string }[] }).issues.map((issue) => issue.path).sort();
    expect(paths).toEqual(['data.applicantId', 'data.organisationCode', 'timestamp']);
  });

  it.each([
    {
      label: 'data is missing',
      body: { type: 'applicant.status_changed', timestamp: '2026-06-14T10:22:05Z' },
      path: 'data',
    },
    { label: 'type is not a string', body: { type: 7 }, path: 'type' },
    { label: 'the body is an array', body: [], path: '' },
    { label: 'the status is empty', body: aWebhookBody({ data: { status: '' } }), path: 'data.status' },
    {
      label: 'the status is over 100 characters',
      body: aWebhookBody({ data: { status: 'x'.repeat(101) } }),
      path: 'data.status',
    },
    {
      label: 'the applicant id has a space',
      body: aWebhookBody({ data: { applicantId: 'A 1' } }),
      path: 'data.applicantId',
    },
    {
      label: 'the vacancy reference is over 64 characters',
      body: aWebhookBody({ data: { vacancyReference: 'v'.repeat(65) } }),
      path: 'data.vacancyReference',
    },
    {
      label: 'changedAt is a date only',
      body: aWebhookBody({ data: { changedAt: '2026-06-14' } }),
      path: 'data.changedAt',
    },
  ])('when $label, then 400 with an issue at "$path"', async ({ body, path }) => {
    const answer = await deliver(t, aSignedWebhook({ body }));

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_body', issues: [expect.objectContaining({ path })] });
  });

  it('when unknown extra fields are present and optional ones are null or absent, then it is accepted', async () => {
    const body = aWebhookBody({
      extra: { nested: true },
      data: { vacancyReference: null, previousStatus: undefined, more: 1 },
    });

    const answer = await deliver(t, aSignedWebhook({ body }));

    expect(answer.status).toBe(202);
  });

  it('when the JSON is invalid and the signature too, then the signature answers first (401)', async () => {
    const signed = aSignedWebhook({ body: 'not json' });

    const answer = await deliver(t, {
      ...signed,
      headers: { ...signed.headers, 'webhook-signature': 'v1,AAAA' },
    });

    expect(answer.status).toBe(401);
  });

  it('when the body is not UTF-8, then it cannot be verified byte for byte: 401 invalid_signature', async () => {
    const answer = await deliver(t, aSignedWebhook({ body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }));

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: 'invalid_signature' });
  });
});
