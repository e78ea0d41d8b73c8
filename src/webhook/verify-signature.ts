import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { WebhookVerificationError } from '../platform/errors';

/** What the three Standard Webhooks headers say, once they are known to be well formed and in time. */
export interface SignedHeaders {
  webhookId: string;
  /** `webhook-timestamp`, Unix seconds. */
  timestamp: number;
  /** The `v1,` entries that could be an HMAC-SHA256 (base64 of 32 bytes), as given. */
  candidates: string[];
}

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

export interface SignatureVerifier {
  /**
   * Everything that can be judged before the body is read: the headers are present and well formed,
   * the timestamp is within tolerance, and some `v1,` entry has the length of a signature.
   * Throws WebhookVerificationError.
   */
  checkHeaders(headers: IncomingHttpHeaders): SignedHeaders;
  /** The headers, then the signature over the raw bytes. Throws WebhookVerificationError. */
  verify(headers: IncomingHttpHeaders, rawBody: Buffer): VerifiedDelivery;
}

/** Job data and Redis keys carry the id: bound it (Trac's ids are short, e.g. `msg_2xYvQ4kT8mNp`). */
const MAX_WEBHOOK_ID_LENGTH = 255;
/** Canonical Unix seconds only: the signed content holds the number, so `0170…` could not be reproduced. */
const UNIX_SECONDS = /^(0|[1-9][0-9]{0,11})$/;
/** Base64 of an HMAC-SHA256 (32 bytes) is 44 characters; any other entry cannot match. */
const SIGNATURE_LENGTH = 44;
const SECRET_PREFIX = 'whsec_';
/** `ignoreBOM` keeps a leading BOM in the text: it was signed, so it must stay. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Signed JSON must be text; bytes that are not UTF-8 are refused as today, after the signature. */
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
 * The HMAC key of a `whsec_…` secret, checked against the `standardwebhooks` library: both must sign
 * a probe alike, so that a secret the library would read otherwise (not canonical base64) stops
 * start-up rather than fail every delivery.
 */
function keyOf(secret: string): Buffer {
  const key = Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
  const probe = { id: 'msg_probe', at: new Date(1_700_000_000_000), body: '{"probe":"é"}' };
  const ours = createHmac('sha256', key).update(`${probe.id}.1700000000.${probe.body}`).digest('base64');
  if (new Webhook(secret).sign(probe.id, probe.at, probe.body) !== `v1,${ours}`) {
    throw new Error('a webhook secret is not canonical base64 after whsec_');
  }
  return key;
}

/**
 * Standard Webhooks v1 verification on the raw bytes, before anything parses them. The timestamp is
 * checked here because the library's `verify` has a fixed 5-minute tolerance. The HMAC is Node's
 * (native) over `{id}.{timestamp}.` and the body's bytes: the library's `sign` decodes a Buffer to
 * text, re-encodes it and hashes in JavaScript, about 3.5 ms of CPU for a 256 KiB body against 0.2 ms
 * here, which let unauthenticated posts starve valid deliveries. The library still vouches for the
 * key (`keyOf`) and signs every delivery in the tests, so the two cannot drift apart unnoticed.
 */
export function createSignatureVerifier(options: SignatureVerifierOptions): SignatureVerifier {
  const keys = options.secrets.map(keyOf);
  if (keys.length === 0) throw new Error('at least one webhook secret is required');

  function checkHeaders(headers: IncomingHttpHeaders): SignedHeaders {
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
    const candidates = signatureHeader
      .split(' ')
      .filter((entry) => entry.startsWith('v1,') && entry.length === 'v1,'.length + SIGNATURE_LENGTH)
      .map((entry) => entry.slice('v1,'.length));
    if (candidates.length === 0) throw new WebhookVerificationError('invalid_signature');
    return { webhookId, timestamp, candidates };
  }

  function verify(headers: IncomingHttpHeaders, rawBody: Buffer): VerifiedDelivery {
    const { webhookId, timestamp, candidates } = checkHeaders(headers);
    // the library encodes the id as UTF-8 text: so does update() with a string
    const signedPrefix = `${webhookId}.${timestamp}.`;
    const verified = keys.some((key) => {
      const expected = createHmac('sha256', key).update(signedPrefix).update(rawBody).digest('base64');
      const expectedBytes = Buffer.from(expected, 'utf8');
      return candidates.some((candidate) => sameSignature(expectedBytes, candidate));
    });
    if (!verified) throw new WebhookVerificationError('invalid_signature');
    return { webhookId, timestamp, payload: decodeSignedText(rawBody) };
  }

  return { checkHeaders, verify };
}
