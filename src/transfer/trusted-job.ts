import { transferIdOf } from './transfer-ids';
import { TransferJobSchema, type TransferJob } from './transfer-job';

/**
 * How the failed reason of every job the worker refuses to run begins: no start path made it (Bull
 * Board's "add" or "duplicate", or a job added straight through BullMQ). Such a failure writes
 * nothing to the transfer store.
 */
export const STRAY_JOB_REASON = 'not a transfer job';

/** The failed reason of a job refused because no start path made it. */
export const strayJobReason = (why: string): string => `${STRAY_JOB_REASON}: ${why}`;

/** Whether a job's failed reason says it was refused as a stray job (its transfer is not its to write). */
export const isStrayJobFailure = (failedReason: string): boolean => failedReason.startsWith(STRAY_JOB_REASON);

/**
 * The worker trusts no job it did not make: the data must match the job schema and the job's id
 * must be the transfer id derived from that data. Anything else is refused before any request
 * leaves and before the store is touched (a job under another id would otherwise run with an
 * empty ledger and fresh idempotency keys, sending every record again).
 */
export function trustedJobOf(
  jobId: string | undefined,
  data: unknown,
): { transferId: string; job: TransferJob } | { refused: string } {
  const parsed = TransferJobSchema.safeParse(data);
  if (!parsed.success) return { refused: strayJobReason('its data does not match the transfer job schema') };
  const transferId = transferIdOf(parsed.data.organisationCode, parsed.data.applicantId);
  if (jobId !== transferId) return { refused: strayJobReason('its id is not the transfer id of its data') };
  return { transferId, job: parsed.data };
}
