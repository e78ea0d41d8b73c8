import type { AddressInfo } from 'node:net';
import { buildTestApp, type TestApp } from '../../helpers/app';
import { listeningPortOf, startTsProcess } from '../../helpers/processes';
import { aFreshPrefix, testRedisUrl } from '../../helpers/redis';
import { openRawConnection, requestHead, type RawConnection, type RawExchange } from '../../helpers/raw-http';
import { aSignedWebhook, TEST_WEBHOOK_SECRET } from '../../helpers/webhooks';

/** Far more than the 256 KiB limit: a client that streamed it would keep the receiver busy. */
const HUGE = 99_999_999;
/** An answer given from the headers comes at once; a body being read would take far longer. */
const ANSWER_WITHIN_MS = 2000;

let t: TestApp;
let port: number;
const open: RawConnection[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  port = (t.server.address() as AddressInfo).port;
});

afterEach(() => {
  for (const connection of open.splice(0)) connection.destroy();
});

afterAll(async () => {
  await t.close();
});

async function connection(): Promise<RawConnection> {
  const opened = await openRawConnection(port);
  open.push(opened);
  return opened;
}

/** Sends only a request head and waits for the server to answer and close. */
async function sendHeadOnly(head: string, to = port): Promise<RawExchange> {
  const raw = await openRawConnection(to);
  open.push(raw);
  await raw.write(head);
  return raw.waitFor(() => false, ANSWER_WITHIN_MS);
}

const webhookHead = (headers: Record<string, string | number>) =>
  requestHead('POST /webhooks/trac HTTP/1.1', headers);

async function rejectedCount(reason: string): Promise<number> {
  const metric = await t.metrics.webhooks.get();
  const value = metric.values.find((v) => v.labels.outcome === 'rejected' && v.labels.reason === reason);
  return value?.value ?? 0;
}

describe('receiver HTTP server: answers given from the request head', () => {
  it('when Content-Length is 99999999 with Expect: 100-continue, then 413 payload_too_large at once, without 100 Continue, and the connection is closed', async () => {
    const signed = aSignedWebhook();
    const before = await rejectedCount('payload_too_large');

    const exchange = await sendHeadOnly(
      webhookHead({ ...signed.headers, 'Content-Length': HUGE, Expect: '100-continue' }),
    );

    expect(exchange.received).not.toContain('100 Continue');
    expect(exchange.responses).toHaveLength(1);
    const [answer] = exchange.responses;
    expect(answer?.status).toBe(413);
    expect(answer?.headers['content-type']).toMatch(/^application\/json/);
    expect(answer?.headers.connection).toBe('close');
    expect(JSON.parse(answer?.body ?? '')).toEqual({ error: 'payload_too_large' });
    expect(exchange.closedByServer).toBe(true);
    expect(await rejectedCount('payload_too_large')).toBe(before + 1);
  });

  it('when Content-Length is over the limit without Expect, then 413 comes before any body byte is sent, and the connection is closed', async () => {
    const signed = aSignedWebhook();

    const exchange = await sendHeadOnly(webhookHead({ ...signed.headers, 'Content-Length': HUGE }));

    expect(exchange.responses.map((r) => [r.status, r.headers.connection, r.body])).toEqual([
      [413, 'close', '{"error":"payload_too_large"}'],
    ]);
    expect(exchange.closedByServer).toBe(true);
  });

  it('when the content type is not JSON with Expect: 100-continue, then media type answers first (415), without 100 Continue', async () => {
    const exchange = await sendHeadOnly(
      webhookHead({ 'Content-Type': 'text/plain', 'Content-Length': HUGE, Expect: '100-continue' }),
    );

    expect(exchange.received).not.toContain('100 Continue');
    expect(exchange.responses.map((r) => [r.status, r.headers.connection, r.body])).toEqual([
      [415, 'close', '{"error":"unsupported_media_type"}'],
    ]);
    expect(exchange.closedByServer).toBe(true);
  });

  it('when a valid delivery is sent with Expect: 100-continue, then 100 Continue comes and the body is answered 202', async () => {
    const signed = aSignedWebhook();
    const raw = await connection();
    const length = Buffer.byteLength(signed.payload);

    await raw.write(webhookHead({ ...signed.headers, 'Content-Length': length, Expect: '100-continue' }));
    const interim = await raw.waitFor((received) => received.includes('\r\n\r\n'), ANSWER_WITHIN_MS);
    await raw.write(signed.payload);
    const exchange = await raw.waitFor((received) => received.includes('"queued"'), ANSWER_WITHIN_MS);

    expect(interim.received).toMatch(/^HTTP\/1\.1 100 Continue\r\n/);
    expect(exchange.responses.map((r) => r.status)).toEqual([202]);
    expect(exchange.responses[0]?.headers.connection).not.toBe('close');
  });

  it('when the request head is larger than the server accepts, then 431 with a JSON body, and the connection is closed', async () => {
    const exchange = await sendHeadOnly(
      requestHead('GET /health/live HTTP/1.1', { 'X-Padding': 'x'.repeat(32 * 1024) }),
    );

    expect(exchange.responses).toHaveLength(1);
    const [answer] = exchange.responses;
    expect(answer?.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer?.headers['content-type']).toMatch(/^application\/json/);
    expect(answer?.headers.connection).toBe('close');
    expect(JSON.parse(answer?.body ?? '')).toEqual({ error: 'request_header_fields_too_large' });
    expect(exchange.closedByServer).toBe(true);
  });

  it.each([
    ['a request line that is not HTTP', 'GARBAGE\r\n\r\n'],
    [
      'a header line without a colon',
      'GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n',
    ],
    [
      'both Content-Length and Transfer-Encoding',
      webhookHead({ 'Content-Length': 4, 'Transfer-Encoding': 'chunked' }),
    ],
  ])(
    'when the request has %s, then 400 bad_request with a JSON body, and the connection is closed',
    async (_label, head) => {
      const exchange = await sendHeadOnly(head);

      expect(exchange.responses).toHaveLength(1);
      const [answer] = exchange.responses;
      expect(answer?.statusLine).toBe('HTTP/1.1 400 Bad Request');
      expect(answer?.headers['content-type']).toMatch(/^application\/json/);
      expect(answer?.headers.connection).toBe('close');
      expect(JSON.parse(answer?.body ?? '')).toEqual({ error: 'bad_request' });
      expect(exchange.closedByServer).toBe(true);
    },
  );

  it('when Expect names something other than 100-continue, then 417 with a JSON body, and the connection is closed', async () => {
    const exchange = await sendHeadOnly(requestHead('GET /health/live HTTP/1.1', { Expect: 'teapot' }));

    expect(exchange.responses.map((r) => [r.status, r.headers.connection, r.body])).toEqual([
      [417, 'close', '{"error":"expectation_failed"}'],
    ]);
    expect(exchange.responses[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(exchange.closedByServer).toBe(true);
  });

  it('when the HTTP parser refuses a request, then the log names the status and code, never the bytes sent', async () => {
    await sendHeadOnly('GARBAGE-with-a-secret-value\r\n\r\n');

    const line = t.logs.filter((l) => l.message === 'request refused by the HTTP parser').at(-1);
    expect(line).toMatchObject({ status: 400, code: expect.stringMatching(/^HPE_/) as unknown });
    expect(JSON.stringify(t.logs)).not.toContain('secret-value');
  });

  it('when a client error is answered, then the receiver keeps serving other connections', async () => {
    await sendHeadOnly('GARBAGE\r\n\r\n');

    const exchange = await sendHeadOnly(requestHead('GET /health/live HTTP/1.1', { Connection: 'close' }));

    expect(exchange.responses.map((r) => [r.status, r.body])).toEqual([[200, '{"status":"ok"}']]);
  });
});

describe('npm run receiver: the production server has the same wiring', () => {
  it('when the real receiver process gets oversized headers or a 100-continue over the limit, then it answers JSON without 100 Continue', async () => {
    // PORT=0: the process takes a free port itself (no race with other tests for a port found before)
    const receiver = startTsProcess('src/server.ts', {
      NODE_ENV: 'test',
      PORT: '0',
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: aFreshPrefix('rxserver'),
      WEBHOOK_SECRETS: TEST_WEBHOOK_SECRET,
      ADMIN_USERS: 'hr-admin:password-1',
      SUPPORT_USERS: 'support:password-2',
    });
    try {
      const receiverPort = await listeningPortOf(receiver);

      const headers = await sendHeadOnly(
        requestHead('GET /health/live HTTP/1.1', { 'X-Padding': 'x'.repeat(32 * 1024) }),
        receiverPort,
      );
      const expect100 = await sendHeadOnly(
        webhookHead({ ...aSignedWebhook().headers, 'Content-Length': HUGE, Expect: '100-continue' }),
        receiverPort,
      );

      expect(headers.responses.map((r) => [r.status, r.body])).toEqual([
        [431, '{"error":"request_header_fields_too_large"}'],
      ]);
      expect(expect100.received).not.toContain('100 Continue');
      expect(expect100.responses.map((r) => [r.status, r.body])).toEqual([
        [413, '{"error":"payload_too_large"}'],
      ]);
    } finally {
      await receiver.kill();
    }
  });
});
