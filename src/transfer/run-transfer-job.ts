import { reasonMessage } from './reasons';
import { ownershipCheck, updateOf } from './run-storage';
import { runTransfer } from './run-transfer';
import { runSendOutstandingJob } from './send-outstanding-run';
import { isStrayJobFailure, strayJobReason, trustedJobOf } from './trusted-job';
import {
  asError,
  openTransferRun,
  type RunAttempt,
  type RunDecision,
  type TransferRunPorts,
} from './transfer-run';
import { isFinished, settledRecords, type TransferStore } from './transfer';
import type { Logger } from '../platform/logger';

/** A job as the worker was handed it, before it is trusted. */
export interface HandedJob extends RunAttempt {
  jobId: string | undefined;
  data: unknown;
  /** Aborted when the worker loses the job's lock. */
  signal: AbortSignal | undefined;
  /**
   * Whether this run still holds its job, asked before a run that threw writes how it ended (a
   * retry, a deferral, a failure): false once another run has taken the job over (its lock lapsed,
   * the job was found stalled and run again). Absent: held.
   */
  holdsJob?: () => Promise<boolean>;
}

const refused = (why: string): RunDecision => ({ kind: 'refused', failedReason: strayJobReason(why) });

/** False when the run lost its job, or when that cannot be confirmed (Redis unreachable): then it writes nothing. */
async function stillHolds(handed: HandedJob): Promise<boolean> {
  if (handed.signal?.aborted) return false;
  try {
    return (await handed.holdsJob?.()) ?? true;
  } catch {
    return false;
  }
}

/**
 * A transfer job's run, start to end, as the worker hands it over: the job is trusted only when a
 * start path made it (its data, its id and its transfer record); an HR admin's send of outstanding
 * records runs as such; a completed transfer is never sent again; otherwise the transfer runs
 * (connector.md's behaviour rules, `runTransfer`) and its life cycle (`openTransferRun`) records
 * how it ended. Returns what BullMQ must do with the job.
 */
export async function runTransferJob(ports: TransferRunPorts, handed: HandedJob): Promise<RunDecision> {
  const trusted = trustedJobOf(handed.jobId, handed.data);
  if ('refused' in trusted) return { kind: 'refused', failedReason: trusted.refused };
  const { transferId, job } = trusted;
  const logger = ports.logger.child({ transferId, jobId: handed.jobId });

  const existing = await ports.store.get(transferId);
  // only a start path (webhook, manual start, re-queue, sweep) creates the transfer before its job
  if (!existing) return refused('no transfer record, so no start path queued it');
  const update = updateOf(ports.store, existing);
  const assertStillOwner = ownershipCheck(handed.signal);
  if (job.trigger === 'send-outstanding') {
    // an HR admin's send of a completed transfer's outstanding records: its own run, only while
    // the request noted on the transfer is there (none: a job no HR admin asked for)
    if (!existing.outstandingRequestedAt) return refused('no HR admin asked to send its outstanding records');
    return runSendOutstandingJob(ports, { existing, at: handed, logger, update, assertStillOwner });
  }
  if (existing.state === 'completed' && existing.reason === null) {
    // one-off: a completed transfer is never sent again, whatever arrives later
    logger.info('transfer already completed; nothing sent');
    return { kind: 'completed', result: { transferId, reason: null, records: existing.records } };
  }

  const run = openTransferRun(ports, existing, handed, update, assertStillOwner, logger);
  await run.begin();
  // a run that lost its job writes no end: the run that took the job over writes its own (a stale
  // retry's NOT_SENT records over a completed transfer was seen in a Redis failover)
  const stopped = (error: unknown): RunDecision => {
    logger.warn('run stopped: its lock was lost; the run that took the job over records the end');
    return { kind: 'stopped', error: asError(error) };
  };
  let result: Awaited<ReturnType<typeof runTransfer>>;
  try {
    result = await runTransfer({ transferId, ...job }, ports, run.tracker);
    assertStillOwner();
  } catch (error) {
    return (await stillHolds(handed)) ? run.settle(error) : stopped(error);
  }
  // a completed run needs no question to BullMQ (one more round trip a transfer): a taken-over run
  // on this worker is aborted (assertStillOwner above), and one on another worker completes from
  // the same ledger as the run that took over
  return run.complete(result);
}

/**
 * BullMQ fails a job that stalled more often than its limit (its worker kept dying or losing its
 * lock) inside Redis, without running the processor: this records such a failure on the transfer
 * (`RETRIES_EXHAUSTED`, records in flight back to `NOT_SENT`) unless the run recorded its own end.
 * A stray job's failure is left alone: the transfer under its id is not its to write. Every worker
 * may hear of the failure; the write is the same whoever makes it.
 */
export async function recordJobFailedOutsideRun(
  store: TransferStore,
  logger: Logger,
  transferId: string,
  failedReason: string,
): Promise<void> {
  if (isStrayJobFailure(failedReason)) return;
  const transfer = await store.get(transferId);
  if (!transfer || isFinished(transfer.state)) return;
  const { organisationCode, applicantId, attempts } = transfer;
  await store.update(transferId, {
    state: 'failed',
    reason: 'RETRIES_EXHAUSTED',
    message: reasonMessage('RETRIES_EXHAUSTED', {
      organisationCode,
      applicantId,
      attempts,
      detail: 'the worker running it stopped several times before it finished, a crash or a lost lock',
    }),
    records: settledRecords(transfer.records),
    finishedAt: new Date().toISOString(),
  });
  logger.warn('transfer failed outside the processor (stall limit)', { transferId });
}
