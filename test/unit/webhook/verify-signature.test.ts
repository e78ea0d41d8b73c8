import { WebhookVerificationError } from '../../../src/platform/errors';
import { createSignatureVerifier } from '../../../src/webhook/verify-signature';
import { aSignedWebhook, aWebhookSecret } from '../../helpers/webhooks';

const NOW = 1_781_000_000;
const SECRET = aWebhookSecret();
const verify = createSignatureVerifier({
  secrets: [SECRET],
  toleranceSeconds: 300,
  now: () => new Date(NOW * 1000),
});

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
});
