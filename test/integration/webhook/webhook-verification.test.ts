import { buildTestApp, deliver, type TestApp } from '../../helpers/app';
import { aSignedWebhook, aWebhookBody, aWebhookSecret, TEST_WEBHOOK_SECRET } from '../../helpers/webhooks';

const TOLERANCE_SECONDS = 120;
/** The app's clock: fixed, so that timestamps at the edge of the tolerance are exact. */
const NOW_SECONDS = 1_781_000_000;
const OLD_SECRET = aWebhookSecret();

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({
    env: {
      WEBHOOK_SECRETS: `${TEST_WEBHOOK_SECRET},${OLD_SECRET}`,
      WEBHOOK_TOLERANCE_SECONDS: String(TOLERANCE_SECONDS),
    },
    now: () => new Date(NOW_SECONDS * 1000),
  });
});

afterAll(async () => {
  await t.close();
});

const aSigned = (options: Parameters<typeof aSignedWebhook>[0] = {}) =>
  aSignedWebhook({ timestamp: NOW_SECONDS, ...options });

async function expectRejected(
  signed: { headers: Record<string, string>; payload: string | Buffer },
  error: string,
) {
  const jobsBefore = await t.queue.count();
  const answer = await deliver(t, signed);
  expect(answer.status).toBe(401);
  expect(answer.body).toEqual({ error });
  expect(await t.queue.count()).toBe(jobsBefore);
}

describe('POST /webhooks/trac: signature and timestamp', () => {
  it('when the body is altered by one byte after signing, then 401 invalid_signature and nothing is queued', async () => {
    const signed = aSigned();
    const payload = Buffer.from(signed.payload);
    const at = payload.length - 2;
    payload.writeUInt8(payload.readUInt8(at) ^ 0x01, at);

    await expectRejected({ ...signed, payload }, 'invalid_signature');
  });

  it('when the JSON is re-serialised (same meaning, other bytes), then 401 invalid_signature', async () => {
    const body = aWebhookBody();
    const signed = aSigned({ body });

    await expectRejected({ ...signed, payload: JSON.stringify(body, null, 2) }, 'invalid_signature');
  });

  it('when it is signed with a secret the receiver does not hold, then 401 invalid_signature', async () => {
    await expectRejected(aSigned({ secret: aWebhookSecret() }), 'invalid_signature');
  });

  it('when the signature has another length, then 401 invalid_signature', async () => {
    const signed = aSigned();
    const shorter = signed.headers['webhook-signature'].slice(0, -4);

    await expectRejected(
      { ...signed, headers: { ...signed.headers, 'webhook-signature': shorter } },
      'invalid_signature',
    );
  });

  it('when the signature is not v1, then 401 invalid_signature', async () => {
    const signed = aSigned();
    const v2 = signed.headers['webhook-signature'].replace(/^v1,/, 'v2,');

    await expectRejected(
      { ...signed, headers: { ...signed.headers, 'webhook-signature': v2 } },
      'invalid_signature',
    );
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const)(
    'when the %s header is missing, then 401 missing_headers',
    async (header) => {
      const signed = aSigned();
      const headers: Record<string, string> = { ...signed.headers };
      delete headers[header];

      await expectRejected({ ...signed, headers }, 'missing_headers');
    },
  );

  it.each(['17810O0000', '1781000000.5', '-1781000000', '01781000000', '1.781e9'])(
    'when webhook-timestamp is "%s" (not a canonical integer), then 401 invalid_signature',
    async (timestamp) => {
      const signed = aSigned();
      const headers = { ...signed.headers, 'webhook-timestamp': timestamp };

      await expectRejected({ ...signed, headers }, 'invalid_signature');
    },
  );

  it('when a header is present but empty, then 401 missing_headers', async () => {
    const signed = aSigned();

    await expectRejected({ ...signed, headers: { ...signed.headers, 'webhook-id': '' } }, 'missing_headers');
  });

  it.each([
    ['behind', -(TOLERANCE_SECONDS + 1)],
    ['ahead', TOLERANCE_SECONDS + 1],
  ])(
    'when the timestamp is tolerance + 1 s %s, then 401 timestamp_out_of_tolerance',
    async (_label, skew) => {
      await expectRejected(aSigned({ timestamp: NOW_SECONDS + skew }), 'timestamp_out_of_tolerance');
    },
  );

  it.each([
    ['behind', -TOLERANCE_SECONDS],
    ['ahead', TOLERANCE_SECONDS],
  ])('when the timestamp is exactly the tolerance %s, then it is accepted', async (_label, skew) => {
    const answer = await deliver(t, aSigned({ timestamp: NOW_SECONDS + skew }));

    expect(answer.status).toBe(202);
  });

  it('when only the old secret of a rotation signs, then it is accepted', async () => {
    const answer = await deliver(t, aSigned({ secret: OLD_SECRET }));

    expect(answer.status).toBe(202);
  });

  it('when the header carries an unknown secret first and a valid signature after it, then it is accepted', async () => {
    const answer = await deliver(t, aSigned({ secret: [aWebhookSecret(), TEST_WEBHOOK_SECRET] }));

    expect(answer.status).toBe(202);
  });

  it('when a signature is rejected, then the log says why without the body', async () => {
    const body = aWebhookBody();
    await deliver(t, aSigned({ body, secret: aWebhookSecret() }));

    const line = t.logs.filter((l) => l.message === 'webhook not accepted').at(-1);
    expect(line).toMatchObject({ outcome: 'rejected', reason: 'invalid_signature' });
    expect(JSON.stringify(line)).not.toContain(body.data.applicantId);
  });

  it('when deliveries are rejected, then /metrics counts them by reason', async () => {
    await deliver(t, aSigned({ secret: aWebhookSecret() }));

    const text = await t.metrics.registry.getSingleMetricAsString('dit_webhooks_total');
    expect(text).toMatch(/dit_webhooks_total\{outcome="rejected",reason="invalid_signature"\} [1-9]/);
  });
});
