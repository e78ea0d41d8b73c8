/**
 * One error hierarchy for the receiver, the worker and the process. The class says what to do:
 * retry later, give up with a reason code, or answer the webhook sender.
 */
export class AppError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** May succeed later (outage, timeout, rate limit): let BullMQ retry with backoff. */
export class RetryableError extends AppError {
  constructor(
    message: string,
    /** Wait at least this long before the next attempt (e.g. from `Retry-After`), milliseconds. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const REASON_CODES = [
  'TRAC_APPLICANT_NOT_FOUND',
  'ORGANISATION_MISMATCH',
  'STATUS_CHANGED',
  'NOT_DOCTOR_IN_TRAINING',
  'INVALID_TRAC_DATA',
  'NO_ESR_MATCH',
  'AMBIGUOUS_ESR_MATCH',
  'ESR_REJECTED',
  'TRAC_REJECTED',
  'RETRIES_EXHAUSTED',
  'ORGANISATION_NOT_ENABLED',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Cannot succeed until someone fixes data: fail the transfer at once with a reason code. */
export class PermanentError extends AppError {
  constructor(
    readonly reason: ReasonCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type WebhookVerificationFailure =
  'invalid_signature' | 'timestamp_out_of_tolerance' | 'missing_headers';

/** A delivery that does not prove it came from Trac: answer 401, store nothing. */
export class WebhookVerificationError extends AppError {
  constructor(readonly failure: WebhookVerificationFailure) {
    super(`webhook verification failed: ${failure}`);
  }
}
