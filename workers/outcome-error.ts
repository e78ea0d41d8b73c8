import { UnrecoverableError } from 'bullmq';

/**
 * What the worker throws when a transfer ends with a reason code: an expected outcome, not a fault.
 * Bull Board shows its message as the job's failed reason (the life cycle's words for HR), and it
 * carries no stack: BullMQ keeps a failure's `stack` as the job's stack trace, which for an outcome
 * would show only the worker's own files. Unexpected errors are thrown as they are, traces kept.
 */
export function outcomeError(failedReason: string): UnrecoverableError {
  const error = new UnrecoverableError(failedReason);
  error.stack = '';
  return error;
}
