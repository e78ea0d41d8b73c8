import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A `whsec_…` secret of 32 random bytes, as Trac would issue. */
export function aWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The secret the test app verifies with unless a test configures others. */
export const TEST_WEBHOOK_SECRET = aWebhookSecret();

export interface WebhookData {
  organisationCode: string;
  applicantId: string;
  vacancyReference?: string | null;
  status: string;
  previousStatus?: string | null;
  changedAt: string;
  [extra: string]: unknown;
}

export interface WebhookBody {
  type: string;
  timestamp: string;
  data: WebhookData;
  [extra: string]: unknown;
}

export type WebhookBodyOverrides = Partial<Omit<WebhookBody, 'data'>> & { data?: Partial<WebhookData> };

let applicantCounter = 0;

/** A fresh applicant id per call, so that tests never collide on a transfer. */
export function anApplicantId(): string {
  applicantCounter += 1;
  return `A-${process.pid}-${applicantCounter}-${randomBytes(3).toString('hex')}`;
}

/** An `applicant.status_changed` body (trac.md) for a trigger status in enabled organisation R0A. */
export function aWebhookBody(overrides: WebhookBodyOverrides = {}): WebhookBody {
  const { data, ...top } = overrides;
  return {
    type: 'applicant.status_changed',
    timestamp: '2026-06-14T10:22:05Z',
    ...top,
    data: {
      organisationCode: 'R0A',
      applicantId: anApplicantId(),
      vacancyReference: 'DIT-2026-08-CT1',
      status: 'Outcome: Recruited',
      previousStatus: 'Offer: Unconditional',
      changedAt: '2026-06-14T10:22:01Z',
      ...data,
    },
  };
}

/** A unique `webhook-id` like Trac's. */
export function aWebhookId(): string {
  return `msg_${randomBytes(9).toString('base64url')}`;
}

export interface SignedWebhookOptions {
  /** One secret, or several for a rotation (one signature each, space-separated). */
  secret?: string | readonly string[];
  /** An object is serialised with JSON.stringify; a string or Buffer is sent byte for byte. */
  body?: object | string | Buffer;
  id?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
}

export interface SignedWebhook {
  headers: Record<'content-type' | 'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>;
  payload: string | Buffer;
  id: string;
}

/** Signs a delivery as Trac does (Standard Webhooks v1 over `{id}.{timestamp}.{body}`). */
export function aSignedWebhook(options: SignedWebhookOptions = {}): SignedWebhook {
  const secrets =
    typeof options.secret === 'string' ? [options.secret] : (options.secret ?? [TEST_WEBHOOK_SECRET]);
  const body = options.body ?? aWebhookBody();
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const id = options.id ?? aWebhookId();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = secrets
    .map((secret) => new Webhook(secret).sign(id, new Date(timestamp * 1000), payload))
    .join(' ');
  return {
    id,
    payload,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    },
  };
}
