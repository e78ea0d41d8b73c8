import type { AddressInfo } from 'node:net';
import { buildTestApp, type TestApp } from '../../helpers/app';
import { openRawConnection, requestHead, type RawConnection } from '../../helpers/raw-http';
import { aSignedWebhook } from '../../helpers/webhooks';

/** The largest body accepted: announced, never sent, so only an answer from the headers can come. */
const ANNOUNCED_BYTES = 256 * 1024;
const ANSWER_WITHIN_MS = 2000;
const TOLERANCE_SECONDS = 300;

let t: TestApp;
let port: number;
const open: RawConnection[] = [];

beforeAll(async () => {
  t = await buildTestApp({ env: { WEBHOOK_TOLERANCE_SECONDS: String(TOLERANCE_SECONDS) } });
  port = (t.server.address() as AddressInfo).port;
});

afterEach(() => {
  for (const connection of open.splice(0)) connection.destroy();
});

afterAll(async () => {
  await t.close();
});

/** Sends the request head of a 256 KiB delivery, no body, and reads the first answer. */
async function answerToHeadOnly(headers: Record<string, string>) {
  const raw = await openRawConnection(port);
  open.push(raw);
  await raw.write(
    requestHead('POST /webhooks/trac HTTP/1.1', { ...headers, 'Content-Length': ANNOUNCED_BYTES }),
  );
  const exchange = await raw.waitFor((received) => received.includes('"error"'), ANSWER_WITHIN_MS);
  return exchange.responses.map((r) => [r.status, JSON.parse(r.body) as unknown]);
}

const signedHeaders = () => aSignedWebhook().headers;
const now = () => Math.floor(Date.now() / 1000);

describe('POST /webhooks/trac: headers that cannot verify are answered before the body is read', () => {
  it.each([
    ['webhook-id is missing', 'missing_headers', { 'webhook-id': undefined }],
    ['webhook-timestamp is missing', 'missing_headers', { 'webhook-timestamp': undefined }],
    ['webhook-signature is missing', 'missing_headers', { 'webhook-signature': undefined }],
    ['webhook-timestamp is not a canonical integer', 'invalid_signature', { 'webhook-timestamp': '1.7e9' }],
    ['webhook-id is over 255 characters', 'invalid_signature', { 'webhook-id': `msg_${'x'.repeat(252)}` }],
    [
      'webhook-timestamp is outside the tolerance',
      'timestamp_out_of_tolerance',
      { 'webhook-timestamp': String(now() - TOLERANCE_SECONDS - 60) },
    ],
    ['the signature is not v1', 'invalid_signature', { 'webhook-signature': 'v2,abc' }],
    [
      'no v1 signature has the length of an HMAC-SHA256',
      'invalid_signature',
      { 'webhook-signature': `v1,${'A'.repeat(43)} v1,${'A'.repeat(45)}` },
    ],
  ])('when %s, then 401 %s without reading the body', async (_label, error, change) => {
    const headers: Record<string, string> = { ...signedHeaders() };
    for (const [name, value] of Object.entries(change)) {
      if (value === undefined) delete headers[name];
      else headers[name] = value;
    }

    expect(await answerToHeadOnly(headers)).toEqual([[401, { error }]]);
  });

  it('when headers are refused before the body, then the log and /metrics say why, as for any rejection', async () => {
    const headers: Record<string, string> = { ...signedHeaders(), 'webhook-timestamp': String(now() - 3600) };

    await answerToHeadOnly(headers);

    const line = t.logs.filter((l) => l.message === 'webhook not accepted').at(-1);
    expect(line).toMatchObject({ outcome: 'rejected', reason: 'timestamp_out_of_tolerance' });
    const text = await t.metrics.registry.getSingleMetricAsString('dit_webhooks_total');
    expect(text).toMatch(
      /dit_webhooks_total\{outcome="rejected",reason="timestamp_out_of_tolerance"\} [1-9]/,
    );
  });

  it('when the headers are well formed, then the body is read and a wrong signature is still 401 invalid_signature', async () => {
    const headers = { ...signedHeaders(), 'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}` };
    const raw = await openRawConnection(port);
    open.push(raw);
    await raw.write(
      requestHead('POST /webhooks/trac HTTP/1.1', { ...headers, 'Content-Length': ANNOUNCED_BYTES }),
    );

    const beforeBody = await raw.waitFor((received) => received.length > 0, 300);
    await raw.write(Buffer.alloc(ANNOUNCED_BYTES, 0x20));
    const afterBody = await raw.waitFor((received) => received.includes('"error"'), ANSWER_WITHIN_MS);

    expect(beforeBody.received).toBe('');
    expect(afterBody.responses.map((r) => [r.status, r.body])).toEqual([
      [401, '{"error":"invalid_signature"}'],
    ]);
  });
});
