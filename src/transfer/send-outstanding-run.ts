import { PermanentError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import { outstandingFailureMessage, outstandingMessage } from './outstanding-messages';
import { createRunTracker, type UpdateTransfer } from './run-storage';
import { runSendOutstanding } from './run-send-outstanding';
import { asError, type RunAttempt, type RunDecision, type TransferRunPorts } from './transfer-run';
import { outstandingOf, type RecordOutcomes, type TransferRecord } from './transfer';

interface SendOutstandingRun {
  /** The transfer as stored: completed with `reason: null`, with an HR admin's request noted. */
  existing: TransferRecord;
  at: Pick<RunAttempt, 'attempt' | 'attempts'>;
  logger: Logger;
  update: UpdateTransfer;
  assertStillOwner: () => void;
}

/**
 * Where a send-outstanding run starts from: the transfer's outcomes, with an outstanding record
 * that an interrupted run left in flight read as not complete (the ledger says whether it was sent).
 */
function outcomesBefore(existing: TransferRecord): RecordOutcomes {
  const records = { ...existing.records };
  for (const type of existing.outstanding) {
    if (records[type] === 'PENDING' || records[type] === 'NOT_SENT') records[type] = 'NOT_COMPLETE';
  }
  return records;
}

/**
 * The life cycle of a `send-outstanding` run: the transfer stays completed with `reason: null`
 * whatever happens (it is final); the run's outcome goes into its records, its `outstanding` list
 * and its sentence, and the request noted on it is cleared when the run ends. Retryable errors are
 * BullMQ's to retry; a permanent one, or the last attempt, ends the run with a sentence for HR.
 */
export async function runSendOutstandingJob(
  ports: TransferRunPorts,
  { existing, at, logger, update, assertStillOwner }: SendOutstandingRun,
): Promise<RunDecision> {
  const { transferId, organisationCode, applicantId, esrApplicantId } = existing;
  const asked = existing.outstanding;
  if (asked.length === 0 || !esrApplicantId) {
    await update({ outstandingRequestedAt: null });
    logger.info('nothing outstanding; nothing sent');
    return { kind: 'completed', result: { transferId, reason: null, records: existing.records } };
  }
  const tracker = createRunTracker(ports, transferId, update, assertStillOwner, outcomesBefore(existing));
  const organisation = ports.organisations.findEnabled(organisationCode);
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
    const result = await runSendOutstanding(request, ports, tracker);
    assertStillOwner();
    const outstanding = outstandingOf(tracker.final());
    const message = outstandingMessage(result, { asked, outstanding, esrApplicantId, organisation });
    return { kind: 'completed', result: await finish(message) };
  } catch (error) {
    if (error instanceof PermanentError || at.attempt >= at.attempts) {
      const reason = error instanceof PermanentError ? error.reason : 'RETRIES_EXHAUSTED';
      await finish(outstandingFailureMessage(reason, asError(error).message, asked));
      return { kind: 'failed', failedReason: reason };
    }
    // between attempts: what was sent so far shows, and nothing stays PENDING
    const records = tracker.final();
    await update({ records, outstanding: outstandingOf(records) });
    return { kind: 'retry', error: asError(error) };
  }
}
