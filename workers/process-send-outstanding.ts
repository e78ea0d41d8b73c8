import { UnrecoverableError, type Job } from 'bullmq';
import { PermanentError, type ReasonCode } from '../src/platform/errors';
import type { Logger } from '../src/platform/logger';
import type { TransferJob } from '../src/transfer/transfer-job';
import { outstandingFailureMessage, outstandingMessage } from '../src/transfer/outstanding-messages';
import { runSendOutstanding } from '../src/transfer/run-send-outstanding';
import type { TransferDeps } from '../src/transfer/run-transfer';
import {
  outstandingOf,
  type RecordOutcomes,
  type Transfer,
  type TransferStore,
} from '../src/transfer/transfer';
import { createRunTracker, type UpdateTransfer } from './run-tracker';

interface SendOutstandingContext {
  job: Job<TransferJob>;
  /** The transfer as stored: completed with `reason: null`, with an HR admin's request noted. */
  existing: Transfer;
  deps: TransferDeps & { store: TransferStore; logger: Logger };
  logger: Logger;
  update: UpdateTransfer;
  assertStillOwner: () => void;
}

/**
 * Where a send-outstanding run starts from: the transfer's outcomes, with an outstanding record
 * that an interrupted run left in flight read as not complete (the ledger says whether it was sent).
 */
function outcomesBefore(existing: Transfer): RecordOutcomes {
  const records = { ...existing.records };
  for (const type of existing.outstanding) {
    if (records[type] === 'PENDING' || records[type] === 'NOT_SENT') records[type] = 'NOT_COMPLETE';
  }
  return records;
}

/**
 * The worker's side of `send-outstanding`: the transfer stays completed with `reason: null`
 * whatever happens (it is final); the run's outcome goes into its records, its `outstanding` list
 * and its sentence, and the request noted on it is cleared when the run ends. Retryable errors are
 * BullMQ's to retry; a permanent one, or the last attempt, ends the run with a sentence for HR.
 */
export async function processSendOutstanding(context: SendOutstandingContext): Promise<{
  transferId: string;
  reason: ReasonCode | null;
  records: RecordOutcomes;
}> {
  const { job, existing, deps, logger, update, assertStillOwner } = context;
  const { transferId, organisationCode, applicantId, esrApplicantId } = existing;
  const asked = existing.outstanding;
  if (asked.length === 0 || !esrApplicantId) {
    await update({ outstandingRequestedAt: null });
    logger.info('nothing outstanding; nothing sent');
    return { transferId, reason: null, records: existing.records };
  }
  const tracker = createRunTracker(deps, transferId, update, assertStillOwner, outcomesBefore(existing));
  const organisation = deps.organisations.findEnabled(organisationCode);
  const finish = async (message: string | null) => {
    const records = tracker.final();
    const outstanding = outstandingOf(records);
    await update({
      records,
      message,
      outstanding,
      esrApplicantId: outstanding.length > 0 ? esrApplicantId : null,
      outstandingRequestedAt: null,
    });
    logger.info('send-outstanding run ended', { records, outstanding });
    return { transferId, reason: null, records };
  };

  try {
    const request = { transferId, organisationCode, applicantId, outstanding: asked, esrApplicantId };
    const result = await runSendOutstanding(request, deps, tracker);
    assertStillOwner();
    const outstanding = outstandingOf(tracker.final());
    return await finish(outstandingMessage(result, { asked, outstanding, esrApplicantId, organisation }));
  } catch (error) {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (error instanceof PermanentError || lastAttempt) {
      const reason = error instanceof PermanentError ? error.reason : 'RETRIES_EXHAUSTED';
      const detail = error instanceof Error ? error.message : String(error);
      await finish(outstandingFailureMessage(reason, detail, asked));
      throw new UnrecoverableError(reason);
    }
    // between attempts: what was sent so far shows, and nothing stays PENDING
    const records = tracker.final();
    await update({ records, outstanding: outstandingOf(records) });
    throw error;
  }
}
