import { RetryableError } from '../platform/errors';

export interface BackoffOptions {
  /** First retry waits about this long; each later one twice as long (ms, default 2000). */
  baseMs?: number;
  /** No wait is longer than this (ms, default 10 minutes). */
  maxMs?: number;
  random?: () => number;
}

/**
 * Exponential backoff with jitter (between half and all of the exponential step, so a burst of
 * failures does not retry in lockstep), never shorter than a `Retry-After` the error carries.
 */
export function createBackoffStrategy(options: BackoffOptions = {}) {
  const baseMs = options.baseMs ?? 2000;
  const maxMs = options.maxMs ?? 600_000;
  const random = options.random ?? Math.random;
  return (attemptsMade: number, _type?: string, error?: Error): number => {
    const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
    const jittered = Math.round(step / 2 + (random() * step) / 2);
    const retryAfter = error instanceof RetryableError ? (error.retryAfterMs ?? 0) : 0;
    return Math.max(jittered, retryAfter);
  };
}
