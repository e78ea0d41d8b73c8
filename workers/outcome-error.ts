import { UnrecoverableError } from 'bullmq';
import type { Organisation } from '../config/organisations';
import { plainOutcome, type OutcomeFacts } from '../src/transfer/plain-outcome';
import { REASONS } from '../src/transfer/reasons';

/**
 * What the worker throws when a transfer ends with a reason code: an expected outcome, not a fault.
 * Bull Board shows its message as the job's failed reason, so it says the reason and its sentence
 * in HR's words (`No matching applicant in ESR (NO_ESR_MATCH). No TIS-created applicant …`), and it
 * carries no stack: BullMQ keeps a failure's `stack` as the job's stack trace, which for an outcome
 * would show only the worker's own files. Unexpected errors are thrown as they are, traces kept.
 */
export function outcomeError(
  facts: OutcomeFacts & { reason: NonNullable<OutcomeFacts['reason']> },
  organisation?: Organisation,
): UnrecoverableError {
  const plain = plainOutcome(facts, organisation);
  const { title } = REASONS[facts.reason];
  const error = new UnrecoverableError(
    `${title} (${facts.reason}). ${plain?.sentence ?? ''} ${plain?.fix ?? ''}`.trim(),
  );
  error.stack = '';
  return error;
}
