import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { WebhookVerificationError } from '../platform/errors';

/** What a verified delivery proves about itself. */
export interface VerifiedDelivery {
  webhookId: string;
  /** `webhook-timestamp`, Unix seconds. */
  timestamp: number;
  /** The body as UTF-8 text: exactly the bytes that were signed. */
  payload: string;
}

export interface SignatureVerifierOptions {
  /** `whsec_…` secrets; any one verifies (rotation). */
  secrets: readonly string[];
  /** Accepted skew of `webhook-timestamp` in seconds, both directions. */
  toleranceSeconds: number;
  /** The clock; injectable for tests. */
  now: () => Date;
}

export type SignatureVerifier = (headers: IncomingHttpHeaders, rawBody: Buffer) => VerifiedDelivery;

/** Job data and Redis keys carry the id: bound it (Trac's ids are short, e.g. `msg_2xYvQ4kT8mNp`). */
const MAX_WEBHOOK_ID_LENGTH = 255;
/** Canonical Unix seconds only: the library signs the number, so `0170…` could not be reproduced. */
const UNIX_SECONDS = /^(0|[1-9][0-9]{0,11})$/;
/** `ignoreBOM` keeps a leading BOM in the text: it was signed, so it must stay. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The library signs text; bytes that are not UTF-8 cannot be verified byte for byte. */
function decodeSignedText(rawBody: Buffer): string {
  try {
    return STRICT_UTF8.decode(rawBody);
  } catch {
    throw new WebhookVerificationError('invalid_signature');
  }
}

function sameSignature(expected: Buffer, candidate: string): boolean {
  const given = Buffer.from(candidate, 'utf8');
  // lengths are not secret; timingSafeEqual throws on a length mismatch
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Standard Webhooks v1 verification on the raw bytes, before anything parses them. The timestamp is
 * checked here because the library's `verify` has a fixed 5-minute tolerance; the library computes
 * each secret's signature (`sign`), compared in constant time with every `v1,` entry of the header.
 */
export function createSignatureVerifier(options: SignatureVerifierOptions): SignatureVerifier {
  const signers = options.secrets.map((secret) => new Webhook(secret));
  if (signers.length === 0) throw new Error('at least one webhook secret is required');

  return (headers, rawBody) => {
    const webhookId = headerOf(headers, 'webhook-id');
    const timestampHeader = headerOf(headers, 'webhook-timestamp');
    const signatureHeader = headerOf(headers, 'webhook-signature');
    if (!webhookId || !timestampHeader || !signatureHeader)
      throw new WebhookVerificationError('missing_headers');
    if (webhookId.length > MAX_WEBHOOK_ID_LENGTH || !UNIX_SECONDS.test(timestampHeader)) {
      throw new WebhookVerificationError('invalid_signature');
    }

    const timestamp = Number(timestampHeader);
    const nowSeconds = Math.floor(options.now().getTime() / 1000);
    if (Math.abs(nowSeconds - timestamp) > options.toleranceSeconds) {
      throw new WebhookVerificationError('timestamp_out_of_tolerance');
    }

    const payload = decodeSignedText(rawBody);
    const candidates = signatureHeader
      .split(' ')
      .filter((entry) => entry.startsWith('v1,'))
      .map((entry) => entry.slice('v1,'.length));
    const signedAt = new Date(timestamp * 1000);
    const verified = signers.some((signer) => {
      const expected = Buffer.from(signer.sign(webhookId, signedAt, payload).slice('v1,'.length), 'utf8');
      return candidates.some((candidate) => sameSignature(expected, candidate));
    });
    if (!verified) throw new WebhookVerificationError('invalid_signature');
    return { webhookId, timestamp, payload };
  };
}
