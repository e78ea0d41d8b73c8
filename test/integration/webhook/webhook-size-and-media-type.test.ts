import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { buildTestApp, deliver, type TestApp } from '../../helpers/app';
import { aSignedWebhook, aWebhookBody } from '../../helpers/webhooks';

const LIMIT = 256 * 1024;

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});

afterAll(async () => {
  await t.close();
});

/** A signed body of exactly `bytes` bytes: a valid trigger padded with an extra field. */
function aSignedBodyOfSize(bytes: number) {
  const body = aWebhookBody();
  const padding = bytes - JSON.stringify({ ...body, padding: '' }).length;
  return aSignedWebhook({ body: { ...body, padding: 'x'.repeat(padding) } });
}

/** Sends the body in chunks without Content-Length, as a streaming client would. */
function sendChunked(server: Server, headers: Record<string, string>, chunks: Buffer[]): Promise<number> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', path: '/webhooks/trac', headers },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}
describe('POST /webhooks/trac: size, media type and routing', () => {
  it('when the body is exactly 256 KiB, then it is accepted', async () => {
    const signed = aSignedBodyOfSize(LIMIT);
    expect(Buffer.byteLength(signed.payload)).toBe(LIMIT);

    expect((await deliver(t, signed)).status).toBe(202);
  });

  it('when the body is 256 KiB + 1 byte, then 413 payload_too_large', async () => {
    const answer = await deliver(t, aSignedBodyOfSize(LIMIT + 1));

    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ error: 'payload_too_large' });
  });

  it('when an oversize body streams without Content-Length, then 413', async () => {
    const signed = aSignedBodyOfSize(LIMIT + 1024);
    const payload = Buffer.from(signed.payload);
    const chunks = [payload.subarray(0, LIMIT / 2), payload.subarray(LIMIT / 2)];

    expect(await sendChunked(t.server, signed.headers, chunks)).toBe(413);
  });

  it('when an oversize body is unsigned, then size answers before the signature (413)', async () => {
    const answer = await request(t.server)
      .post('/webhooks/trac')
      .set('content-type', 'application/json')
      .send('x'.repeat(LIMIT + 1));

    expect(answer.status).toBe(413);
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
    ['application/json with a Latin-1 charset', 'application/json; charset=latin1'],
    ['application/jsonp', 'application/jsonp'],
  ])('when the content type is %s, then 415 unsupported_media_type', async (_label, contentType) => {
    const signed = aSignedWebhook();

    const answer = await deliver(t, {
      ...signed,
      headers: { ...signed.headers, 'content-type': contentType },
    });

    expect(answer.status).toBe(415);
    expect(answer.body).toEqual({ error: 'unsupported_media_type' });
  });

  it('when there is no content type, then 415', async () => {
    const answer = await request(t.server).post('/webhooks/trac').send(Buffer.from('{}'));

    expect(answer.status).toBe(415);
  });

  it('when an oversize body also has the wrong content type, then media type answers first (415)', async () => {
    const answer = await request(t.server)
      .post('/webhooks/trac')
      .set('content-type', 'text/plain')
      .send('x'.repeat(LIMIT + 1));

    expect(answer.status).toBe(415);
  });

  it('when the body is compressed (Content-Encoding), then 415: the signed bytes are the bytes sent', async () => {
    const signed = aSignedWebhook();

    const answer = await deliver(t, {
      ...signed,
      headers: { ...signed.headers, 'content-encoding': 'gzip' },
    });

    expect(answer.status).toBe(415);
  });

  it('when the content type has upper case and a UTF-8 charset, then it is accepted', async () => {
    const signed = aSignedWebhook();

    const answer = await deliver(t, {
      ...signed,
      headers: { ...signed.headers, 'content-type': 'Application/JSON; charset=UTF-8' },
    });

    expect(answer.status).toBe(202);
  });

  it('when another method or path is used, then a JSON 404, never a 500', async () => {
    const answers = await Promise.all([
      request(t.server).get('/webhooks/trac'),
      request(t.server).post('/webhooks/trac/extra').set('content-type', 'application/json').send('{}'),
      request(t.server).get('/%E0%A4%A'),
    ]);

    for (const answer of answers) {
      expect(answer.status).toBeLessThan(500);
      expect(answer.type).toBe('application/json');
    }
  });
});
