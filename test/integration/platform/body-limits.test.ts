import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { basicAuth, buildAdminTestApp, withAdminTestApp, HR_ADMIN } from '../../helpers/admin';
import type { TestApp } from '../../helpers/app';
import { chunkedHead, streamChunkedBody, type ChunkedUpload } from '../../helpers/chunked-upload';
import { openRawConnection, requestHead, type RawConnection } from '../../helpers/raw-http';
import { oidcEnv } from '../../helpers/identity-provider';
import { aSignedWebhook } from '../../helpers/webhooks';

const KIB = 1024;
const ADMIN_LIMIT = 16 * KIB;
/** What a receiver that stops at the limit reads at most: the limit and a few of Node's 64 KiB reads. */
const READ_AT_MOST = 1024 * KIB;
/** What the client offers: a receiver that drained it would read all of it. */
const OFFERED = 10 * 1024 * KIB;

const t = withAdminTestApp();
const open: RawConnection[] = [];

afterEach(() => {
  for (const connection of open.splice(0)) connection.destroy();
});

const stream = (requestLine: string, headers: Record<string, string>) =>
  streamChunkedBody(t.server, chunkedHead(requestLine, headers), { maxBytes: OFFERED });

/** The answer and what happened to the connection, as one comparable value. */
function outcome(upload: ChunkedUpload) {
  return {
    answers: upload.responses.map((r) => [r.status, r.headers.connection, r.body]),
    closedByServer: upload.closedByServer,
    readWithinBound: upload.serverBytesRead < READ_AT_MOST,
    stoppedEarly: upload.bytesWritten < OFFERED,
  };
}

const STOPPED = { closedByServer: true, readWithinBound: true, stoppedEarly: true };
const TOO_LARGE = [413, 'close', '{"error":"payload_too_large"}'];

describe('a chunked body over its limit is never read to its end', () => {
  it.each([
    ['a signed delivery', () => aSignedWebhook().headers],
    ['a delivery without any webhook header', () => ({ 'content-type': 'application/json' })],
  ])(
    'when %s streams past 256 KiB, then 413 payload_too_large comes and the connection is closed',
    async (_label, headers) => {
      const upload = await stream('POST /webhooks/trac HTTP/1.1', headers());

      expect(outcome(upload)).toEqual({ answers: [TOO_LARGE], ...STOPPED });
    },
  );

  it('when an HR admin streams a JSON body past 16 KiB to the API, then 413 payload_too_large and the connection is closed', async () => {
    const upload = await stream('POST /admin/transfers HTTP/1.1', {
      Authorization: basicAuth(HR_ADMIN),
      'Content-Type': 'application/json',
    });

    expect(outcome(upload)).toEqual({ answers: [TOO_LARGE], ...STOPPED });
  });

  it('when an HR admin streams a body past 16 KiB to a Bull Board write, then 413 and the connection is closed', async () => {
    const upload = await stream('PUT /admin/queues/api/queues/transfers/pause HTTP/1.1', {
      Authorization: basicAuth(HR_ADMIN),
      'Content-Type': 'application/json',
    });

    expect(outcome(upload)).toEqual({ answers: [TOO_LARGE], ...STOPPED });
    expect(await t.queue.isPaused()).toBe(false);
  });

  it('when a caller without credentials streams a body to an admin path, then 401 and the connection is closed unread', async () => {
    const upload = await stream('POST /admin/transfers HTTP/1.1', { 'Content-Type': 'application/json' });

    expect(outcome(upload)).toMatchObject({
      closedByServer: true,
      readWithinBound: true,
      stoppedEarly: true,
    });
    expect(upload.responses.map((r) => [r.status, r.headers.connection])).toEqual([[401, 'close']]);
  });

  it('when a body streams to a path that reads none (health), then it is answered and the connection is closed unread', async () => {
    const upload = await stream('GET /health/live HTTP/1.1', {});

    expect(outcome(upload)).toEqual({ answers: [[200, 'close', '{"status":"ok"}']], ...STOPPED });
  });

  it('when a chunked body under the limit arrives, then it is answered as usual and the connection serves the next request', async () => {
    const signed = aSignedWebhook();
    const payload = Buffer.from(signed.payload);
    const raw = await openRawConnection((t.server.address() as AddressInfo).port);
    open.push(raw);

    await raw.write(chunkedHead('POST /webhooks/trac HTTP/1.1', signed.headers));
    await raw.write(`${payload.length.toString(16)}\r\n`);
    await raw.write(Buffer.concat([payload, Buffer.from('\r\n0\r\n\r\n')]));
    await raw.waitFor((received) => received.includes('"queued"'), 2000);
    await raw.write(requestHead('GET /health/live HTTP/1.1', {}));
    const exchange = await raw.waitFor((received) => received.includes('"ok"'), 2000);

    expect(exchange.responses.map((r) => [r.status, r.headers.connection])).toEqual([
      [202, undefined],
      [200, 'keep-alive'],
    ]);
    expect(exchange.closedByServer).toBe(false);
  });
});

describe('an admin body over 16 KiB is refused from its declared length', () => {
  async function sendHead(headers: Record<string, string | number>) {
    const raw = await openRawConnection((t.server.address() as AddressInfo).port);
    open.push(raw);
    await raw.write(requestHead('POST /admin/transfers HTTP/1.1', headers));
    return raw.waitFor(() => false, 2000);
  }

  it.each([
    ['an HR admin', { Authorization: basicAuth(HR_ADMIN) }],
    ['a caller without credentials', {}],
  ])(
    'when %s declares 16 KiB + 1 with Expect: 100-continue, then 413 at once, without 100 Continue, and the connection is closed',
    async (_label, credentials) => {
      const exchange = await sendHead({
        ...credentials,
        'Content-Type': 'application/json',
        'Content-Length': ADMIN_LIMIT + 1,
        Expect: '100-continue',
      });

      expect(exchange.received).not.toContain('100 Continue');
      expect(exchange.responses.map((r) => [r.status, r.headers.connection, r.body])).toEqual([TOO_LARGE]);
      expect(exchange.closedByServer).toBe(true);
    },
  );

  it('when an HR admin sends exactly 16 KiB of JSON, then it is read and judged (not 413)', async () => {
    const body = { organisationCode: 'R0A', applicantId: 'A-100234', padding: '' };
    const padding = 'x'.repeat(ADMIN_LIMIT - JSON.stringify(body).length);
    const text = JSON.stringify({ ...body, padding });
    expect(Buffer.byteLength(text)).toBe(ADMIN_LIMIT);

    const answer = await request(t.server)
      .post('/admin/transfers')
      .set('Authorization', basicAuth(HR_ADMIN))
      .set('Content-Type', 'application/json')
      .send(text);

    expect(answer.status).not.toBe(413);
    expect(answer.status).toBeLessThan(500);
  });
});

describe('the sign-out form, the one body read outside /admin and the webhook', () => {
  // sign-in configured; the provider is never asked, so it need not exist
  let withSignIn: TestApp;
  beforeAll(async () => {
    withSignIn = await buildAdminTestApp({
      env: oidcEnv('http://127.0.0.1:9/no-provider', 'http://127.0.0.1'),
    });
  });
  afterAll(async () => {
    await withSignIn.close();
  });

  it('when a body streams past 4 KiB to POST /auth/sign-out, then 413 and the connection is closed', async () => {
    const upload = await streamChunkedBody(
      withSignIn.server,
      chunkedHead('POST /auth/sign-out HTTP/1.1', { 'Content-Type': 'application/x-www-form-urlencoded' }),
      { maxBytes: OFFERED },
    );

    expect(outcome(upload)).toEqual({ answers: [TOO_LARGE], ...STOPPED });
  });
});
