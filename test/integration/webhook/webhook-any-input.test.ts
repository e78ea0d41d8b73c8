import fc from 'fast-check';
import { buildTestApp, deliver, type TestApp } from '../../helpers/app';
import { aSignedWebhook, aWebhookBody, aWebhookId } from '../../helpers/webhooks';

/** Every answer the contract allows while Redis is up: anything else (a 5xx above all) is a fault. */
const CONTRACT_STATUSES = [200, 202, 400, 401, 413, 415];

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});

afterAll(async () => {
  await t.close();
});

/** Printable ASCII: what an HTTP client can put in a header at all. */
const headerText = fc
  .string({ unit: 'binary-ascii', maxLength: 80 })
  .map((s) => s.replace(/[^\x20-\x7e]/g, '').trim());

const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined));

/** A trigger body with any field replaced by anything, or removed. */
const aMutatedBody = fc
  .record({
    field: fc.constantFrom(
      'type',
      'timestamp',
      'data',
      'organisationCode',
      'applicantId',
      'status',
      'changedAt',
    ),
    value: anyValue,
  })
  .map(({ field, value }) => {
    const body: Record<string, unknown> = aWebhookBody();
    const data = body.data as Record<string, unknown>;
    if (field in body) body[field] = value;
    else data[field] = value;
    return JSON.stringify(body) ?? '';
  });

const aPayload = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  aMutatedBody,
  fc.constant(JSON.stringify(aWebhookBody())),
);

const aTimestampSkew = fc.oneof(fc.integer({ min: -400, max: 400 }), fc.constant(0));

/** Correctly signed (any skew), signed then tampered, or headers made of anything. */
const someHeaders = (payload: string | Buffer) =>
  fc.oneof(
    aTimestampSkew.map(
      (skew) => aSignedWebhook({ body: payload, timestamp: Math.floor(Date.now() / 1000) + skew }).headers,
    ),
    fc
      .record({
        'webhook-id': fc.oneof(headerText, fc.constant(aWebhookId())),
        'webhook-timestamp': fc.oneof(headerText, fc.integer().map(String)),
        'webhook-signature': fc.oneof(
          headerText,
          headerText.map((s) => `v1,${s}`),
        ),
      })
      .map((headers) => ({ 'content-type': 'application/json', ...headers })),
  );

const aContentType = fc.option(fc.oneof(fc.constant('application/json'), headerText), { nil: undefined });

describe('POST /webhooks/trac: any input', () => {
  it('when any body and headers arrive, then the answer is one of the contract answers, never 5xx', async () => {
    const deliveries = aPayload.chain((payload) =>
      fc.record({ payload: fc.constant(payload), headers: someHeaders(payload), contentType: aContentType }),
    );

    await fc.assert(
      fc.asyncProperty(deliveries, async ({ payload, headers, contentType }) => {
        const sent: Record<string, string> = { ...headers };
        if (contentType !== undefined) sent['content-type'] = contentType;

        const answer = await deliver(t, { headers: sent, payload });

        expect(CONTRACT_STATUSES).toContain(answer.status);
        expect(answer.type).toBe('application/json');
      }),
      { numRuns: 300 },
    );
  });
});
