import { DataProblemSchema, type DataProblem } from '../records/data-problem';
import { MATCH_REASONS, PROBLEM_REASONS, type TransferChange } from '../transfer/transfer';
import { decodeMatch, decodeOutstanding, encodeMatch, encodeOutstanding } from './transfer-encoding';

/**
 * The transfer hash's fields of issue 20: a failed match's cause (`match`), a completed transfer's
 * outstanding records (`outstanding`), the ESR applicant they go to (`esrApplicantId`) and an HR
 * admin's request to send them (`outstandingRequestedAt`). Codes and ids only. Written only where
 * they apply, so a transfer that sent everything costs no byte more.
 */

/**
 * A failed match's cause and a completed transfer's outstanding records, as they apply to its
 * state now: a re-queued transfer carries no earlier run's match, a failed one nothing outstanding.
 */
export function outcomeFields(hash: Record<string, string>) {
  const failedToMatch = hash.state === 'failed' && MATCH_REASONS.some((reason) => reason === hash.reason);
  const completed = hash.state === 'completed' && !hash.reason;
  const failedWithProblem =
    hash.state === 'failed' && PROBLEM_REASONS.some((reason) => reason === hash.reason);
  return {
    match: failedToMatch ? decodeMatch(hash.match) : null,
    outstanding: completed ? decodeOutstanding(hash.outstanding) : [],
    esrApplicantId: (completed && hash.esrApplicantId) || null,
    outstandingRequestedAt: (completed && hash.outstandingRequestedAt) || null,
    problem: failedWithProblem ? decodeProblem(hash.problem) : null,
  };
}

/** The stored problem (JSON, written only on failures that have one); null when none or unreadable. */
function decodeProblem(stored: string | undefined): DataProblem | null {
  if (!stored) return null;
  try {
    const parsed = DataProblemSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The field, value pairs of a change's match summary, outstanding records and request note. */
export function outcomeChange(change: TransferChange): string[] {
  const fields: string[] = [];
  if (change.match !== undefined) fields.push('match', encodeMatch(change.match));
  if (change.outstanding !== undefined) fields.push('outstanding', encodeOutstanding(change.outstanding));
  if (change.esrApplicantId !== undefined) fields.push('esrApplicantId', change.esrApplicantId ?? '');
  if (change.outstandingRequestedAt !== undefined) {
    fields.push('outstandingRequestedAt', change.outstandingRequestedAt ?? '');
  }
  if (change.problem !== undefined)
    fields.push('problem', change.problem ? JSON.stringify(change.problem) : '');
  return fields;
}
