import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { WebhookVerificationError } from '../../../src/platform/errors';
import { createSignatureVerifier } from '../../../src/webhook/verify-signature';
import { aSignedWebhook, aWebhookSecret } from '../../helpers/webhooks';

const NOW = 1_781_000_000;
const SECRET = aWebhookSecret();
const verifier = createSignatureVerifier({
  secrets: [SECRET],
  toleranceSeconds: 300,
  now: () => new Date(NOW * 1000),
});
const verify = verifier.verify;

function failureOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.failure;
    throw error;
  }
}

describe('createSignatureVerifier', () => {
  it('when the delivery is signed with the secret, then it returns the id, the timestamp and the signed text', () => {
    const signed = aSignedWebhook({ secret: SECRET, timestamp: NOW, body: '{"a":"é"}' });

    const verified = verify(signed.headers, Buffer.from(signed.payload));

    expect(verified).toEqual({ webhookId: signed.id, timestamp: NOW, payload: '{"a":"é"}' });
  });

  it('when the signature header lists several entries, then any matching v1 entry verifies', () => {
    const signed = aSignedWebhook({ secret: SECRET, timestamp: NOW });
    const headers = {
      ...signed.headers,
      'webhook-signature': `v1a,xyz v1,AAAA ${signed.headers['webhook-signature']}`,
    };

    expect(verify(headers, Buffer.from(signed.payload)).webhookId).toBe(signed.id);
  });

  it('when the body starts with a byte-order mark, then the mark is part of what was signed', () => {
    const payload = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]);
    const signed = aSignedWebhook({ secret: SECRET, timestamp: NOW, body: payload.toString('utf8') });

    expect(verify(signed.headers, payload).payload.startsWith('\uFEFF')).toBe(true);
    expect(failureOf(() => verify(signed.headers, Buffer.from('{}')))).toBe('invalid_signature');
  });

  it('when the webhook-id is longer than 255 characters, then invalid_signature', () => {
    const signed = aSignedWebhook({ secret: SECRET, timestamp: NOW, id: `msg_${'x'.repeat(252)}` });

    expect(failureOf(() => verify(signed.headers, Buffer.from(signed.payload)))).toBe('invalid_signature');
  });

  it('when a header is repeated (an array), then missing_headers', () => {
    const signed = aSignedWebhook({ secret: SECRET, timestamp: NOW });
    const headers = { ...signed.headers, 'webhook-id': [signed.id, signed.id] };

    expect(failureOf(() => verify(headers, Buffer.from(signed.payload)))).toBe('missing_headers');
  });

  it('when there is no secret, then the verifier cannot be built', () => {
    expect(() =>
      createSignatureVerifier({ secrets: [], toleranceSeconds: 300, now: () => new Date() }),
    ).toThrow();
  });

  it('when any UTF-8 body and id are signed by the standardwebhooks library, then the verifier agrees on the raw bytes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (body, suffix) => {
          const id = `msg_${suffix.replace(/[\s]/g, '_')}`;
          const bytes = Buffer.from(body, 'utf8');
          if (bytes.toString('utf8') !== body) return; // lone surrogates are not text a client can send
          const signature = new Webhook(SECRET).sign(id, new Date(NOW * 1000), body);
          const headers = {
            'webhook-id': id,
            'webhook-timestamp': String(NOW),
            'webhook-signature': signature,
          };

          expect(verify(headers, bytes)).toEqual({ webhookId: id, timestamp: NOW, payload: body });
          expect(failureOf(() => verify(headers, Buffer.concat([bytes, Buffer.from(' ')])))).toBe(
            'invalid_signature',
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when the body is not UTF-8, then invalid_signature even if the raw bytes were signed', () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key).update(`msg_1.${NOW}.`).update(bytes).digest('base64');
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(NOW),
      'webhook-signature': `v1,${mac}`,
    };

    expect(failureOf(() => verify(headers, bytes))).toBe('invalid_signature');
  });

  it.each([
    ['all three headers present, in time, one v1 entry of 44 characters', 'nothing', {}],
    [
      'no v1 entry of 44 characters',
      'invalid_signature',
      { 'webhook-signature': `v1,${'A'.repeat(43)} v2,${'A'.repeat(44)}` },
    ],
    ['a timestamp 301 s old', 'timestamp_out_of_tolerance', { 'webhook-timestamp': String(NOW - 301) }],
    ['a timestamp in exponent notation', 'invalid_signature', { 'webhook-timestamp': '1.781e9' }],
    ['no webhook-id', 'missing_headers', { 'webhook-id': undefined }],
  ])('when checking headers alone with %s, then the failure is %s', (_label, failure, change) => {
    const headers: Record<string, string | undefined> = {
      ...aSignedWebhook({ secret: SECRET, timestamp: NOW }).headers,
      ...change,
    };

    expect(failureOf(() => verifier.checkHeaders(headers)) ?? 'nothing').toBe(failure);
  });

  it('when a secret is not canonical base64 (the library would read another key), then the verifier cannot be built', () => {
    expect(() =>
      createSignatureVerifier({
        secrets: ['whsec_AAAA=AAAAAAAAAAAAAAAA'],
        toleranceSeconds: 300,
        now: () => new Date(),
      }),
    ).toThrow();
  });
});
