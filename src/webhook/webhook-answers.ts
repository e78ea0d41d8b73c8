import type { WebhookOutcome } from '../platform/metrics';
import type { WebhookVerificationFailure } from '../platform/errors';
import type { BodyIssue } from './webhook-body';

export type IgnoredReason = 'status_not_trigger' | 'event_type_not_handled' | 'organisation_not_enabled';
export type RejectedError =
  WebhookVerificationFailure | 'invalid_body' | 'unsupported_media_type' | 'payload_too_large';

/** One answer to Trac: HTTP status, JSON body, and how it is counted in the metrics. */
export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
  outcome: WebhookOutcome;
  /** Metric label for ignored and rejected answers. */
  reason?: string;
}

export const queued = (transferId: string): WebhookAnswer => ({
  status: 202,
  body: { status: 'queued', transferId },
  outcome: 'queued',
});

export const duplicate = (transferId: string): WebhookAnswer => ({
  status: 200,
  body: { status: 'duplicate', transferId },
  outcome: 'duplicate',
});

export const ignored = (reason: IgnoredReason): WebhookAnswer => ({
  status: 200,
  body: { status: 'ignored', reason },
  outcome: 'ignored',
  reason,
});

const REJECTED_STATUS: Record<RejectedError, number> = {
  missing_headers: 401,
  invalid_signature: 401,
  timestamp_out_of_tolerance: 401,
  invalid_body: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
};

export const rejected = (error: RejectedError, issues?: BodyIssue[]): WebhookAnswer => ({
  status: REJECTED_STATUS[error],
  body: issues ? { error, issues } : { error },
  outcome: 'rejected',
  reason: error,
});

/** Nothing could be stored: Trac retries, and the same delivery succeeds once Redis is back. */
export const unavailable = (): WebhookAnswer => ({
  status: 503,
  body: { error: 'unavailable' },
  outcome: 'unavailable',
});
