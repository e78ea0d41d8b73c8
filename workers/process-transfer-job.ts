import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Organisation } from '../config/organisations';
import { PermanentError, RetryableError, type ReasonCode } from '../src/platform/errors';
import { DataProblemError, type DataProblem } from '../src/records/data-problem';
import type { Logger } from '../src/platform/logger';
import { TransferJobSchema, type TransferJob } from '../src/transfer/transfer-job';
import { transferIdOf } from '../src/transfer/transfer-ids';
import { reasonMessage } from '../src/transfer/reasons';
import type { RecordTracker } from '../src/transfer/record-tracker';
import { runTransfer, type TransferDeps } from '../src/transfer/run-transfer';
import {
  outstandingOf,
  type RecordOutcomes,
  type Transfer,
  type TransferStore,
} from '../src/transfer/transfer';
import { processSendOutstanding } from './process-send-outstanding';
import { outcomeError } from './outcome-error';
import { createRunTracker, ownershipCheck, type UpdateTransfer } from './run-tracker';

/** What a finished job returns (visible in Bull Board): ids and outcomes only. */
export interface TransferJobResult {
  transferId: string;
  reason: ReasonCode | null;
  records: RecordOutcomes;
}

export interface ProcessorDeps extends TransferDeps {
  store: TransferStore;
  logger: Logger;
  /** Counts finished transfers and record outcomes (metrics shared by all workers). */
  countOutcome?: (reason: ReasonCode | null, state: 'completed' | 'failed', records: RecordOutcomes) => void;
}

/**
 * The failed reason of every job the worker refuses to run because no start path made it (Bull
 * Board's "add" or "duplicate", or a job added straight through BullMQ). Such a failure writes
 * nothing to the transfer store.
 */
export const STRAY_JOB_REASON = 'not a transfer job';

/**
 * The worker trusts no job it did not make: the data must match the job schema and the job's id
 * must be the transfer id derived from that data. Anything else fails here, before any request
 * leaves and before the store is touched (a job under another id would otherwise run with an
 * empty ledger and fresh idempotency keys, sending every record again).
 */
function trustedTransferOf(job: Job<JobData>) {
  const parsed = TransferJobSchema.safeParse(job.data);
  if (!parsed.success) {
    throw new UnrecoverableError(`${STRAY_JOB_REASON}: its data does not match the transfer job schema`);
  }
  const transferId = transferIdOf(parsed.data.organisationCode, parsed.data.applicantId);
  if (job.id !== transferId) {
    throw new UnrecoverableError(`${STRAY_JOB_REASON}: its id is not the transfer id of its data`);
  }
  return { transferId, request: { transferId, ...parsed.data } };
}

/** A `429` may defer a job this many times without using an attempt; after that it counts. */
const MAX_RATE_LIMIT_DEFERRALS = 20;

type JobData = TransferJob & { rateLimitDeferrals?: number };

/** Writes to the transfer, each carrying what its claim held (TransferStore.update's identity). */
export function updateOf(store: TransferStore, existing: Transfer): UpdateTransfer {
  const { transferId, organisationCode, applicantId, trigger, createdAt } = existing;
  return (change) => store.update(transferId, change, { organisationCode, applicantId, trigger, createdAt });
}

/**
 * The worker's side of a transfer: parse the job, run the use case, record the outcome in the
 * transfer store, and translate errors for BullMQ (permanent → UnrecoverableError, rate limit →
 * delayed without using an attempt, last attempt → RETRIES_EXHAUSTED).
 */
export function createTransferProcessor(deps: ProcessorDeps) {
  return async function processTransfer(
    job: Job<JobData>,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<TransferJobResult> {
    const { transferId, request } = trustedTransferOf(job);
    const logger = deps.logger.child({ transferId, jobId: job.id });

    const existing = await deps.store.get(transferId);
    if (!existing) {
      // only a start path (webhook, manual start, re-queue) creates the transfer before its job
      throw new UnrecoverableError(`${STRAY_JOB_REASON}: no transfer record, so no start path queued it`);
    }
    // a failover may lose the claim while this run goes on: each write carries what the claim held,
    // so that the record is written whole again rather than half (and never blocks a sweep)
    const update = updateOf(deps.store, existing);
    const assertStillOwner = ownershipCheck(signal);
    if (job.data.trigger === 'send-outstanding') {
      // an HR admin's send of a completed transfer's outstanding records: its own run, only while
      // the request noted on the transfer is there (none: a job no HR admin asked for)
      if (!existing.outstandingRequestedAt) {
        throw new UnrecoverableError(
          `${STRAY_JOB_REASON}: no HR admin asked to send its outstanding records`,
        );
      }
      return processSendOutstanding({ job, existing, deps, logger, update, assertStillOwner });
    }
    if (existing.state === 'completed' && existing.reason === null) {
      // one-off: a completed transfer is never sent again, whatever arrives later
      logger.info('transfer already completed; nothing sent');
      return { transferId, reason: null, records: existing.records };
    }
    const attempt = job.attemptsMade + 1;
    await update({ state: 'active', attempts: attempt, reason: null, message: null });
    const tracker = createRunTracker(deps, transferId, update, assertStillOwner);

    try {
      const result = await runTransfer(request, deps, tracker);
      assertStillOwner();
      const records = tracker.final();
      const message = result.reason ? reasonMessage(result.reason, request) : null;
      // records Trac did not hold as complete stay outstanding, with the ESR applicant they go to
      const outstanding = result.reason === null ? outstandingOf(records) : [];
      const esrApplicantId = tracker.matchedEsrApplicantId ?? null;
      await update({
        state: 'completed',
        reason: result.reason,
        message,
        records,
        finishedAt: deps.now().toISOString(),
        ...(outstanding.length > 0 ? { outstanding, esrApplicantId } : {}),
      });
      // Bull Board shows the records in the job's return value
      deps.countOutcome?.(result.reason, 'completed', records);
      logger.info('transfer completed', { reason: result.reason, records });
      return { transferId, reason: result.reason, records };
    } catch (error) {
      if (signal?.aborted) {
        logger.warn('run stopped: its lock was lost');
        throw error instanceof Error ? error : new RetryableError(String(error));
      }
      return await handleFailure(error, { job, token, attempt, request, tracker, logger, deps, update });
    }
  };
}

/**
 * The outcomes of a run that did not complete, for Bull Board: the job's progress and one log line
 * per attempt (a completed job shows them in its return value; the transfer store shows HR the
 * progress while it runs).
 */
async function publishRecords(job: Job<JobData>, records: RecordOutcomes): Promise<void> {
  const line = Object.entries(records)
    .map(([type, outcome]) => `${type}: ${outcome}`)
    .join(', ');
  await Promise.all([job.updateProgress({ records }), job.log(`attempt ${job.attemptsMade + 1}: ${line}`)]);
}

interface FailureContext {
  job: Job<JobData>;
  token: string | undefined;
  attempt: number;
  request: { transferId: string; organisationCode: string; applicantId: string };
  tracker: RecordTracker;
  logger: Logger;
  deps: ProcessorDeps;
  update: UpdateTransfer;
}

async function handleFailure(error: unknown, context: FailureContext): Promise<never> {
  const { job, token, attempt, request, tracker, logger, deps, update } = context;
  const records = tracker.final();
  const organisation: Organisation | undefined = deps.organisations.findEnabled(request.organisationCode);

  if (error instanceof PermanentError) {
    const message = reasonMessage(error.reason, { ...request, organisation, detail: error.message });
    const problem = error instanceof DataProblemError ? error.problem : null;
    await fail(error.reason, message, problem);
    throw outcomeError(
      { ...request, reason: error.reason, message, problem, attempts: attempt },
      organisation,
    );
  }

  const detail = error instanceof Error ? error.message : String(error);
  const deferrals = job.data.rateLimitDeferrals ?? 0;
  if (
    error instanceof RetryableError &&
    error.retryAfterMs !== undefined &&
    token &&
    deferrals < MAX_RATE_LIMIT_DEFERRALS
  ) {
    // rate limited: wait what ESR asked without using one of the transfer's attempts
    await job.updateData({ ...job.data, rateLimitDeferrals: deferrals + 1 });
    await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
    await update({ state: 'delayed', records });
    logger.warn('rate limited; transfer delayed', { retryAfterMs: error.retryAfterMs });
    throw new DelayedError();
  }

  if (attempt >= (job.opts.attempts ?? 1)) {
    const message = reasonMessage('RETRIES_EXHAUSTED', {
      ...request,
      organisation,
      detail,
      attempts: attempt,
    });
    await fail('RETRIES_EXHAUSTED', message);
    const facts = {
      ...request,
      reason: 'RETRIES_EXHAUSTED' as const,
      message,
      problem: null,
      attempts: attempt,
    };
    throw outcomeError(facts, organisation);
  }
  await update({ state: 'delayed', records });
  await publishRecords(job, records);
  logger.warn('transfer attempt failed; will retry', { attempt, error: detail });
  throw error instanceof Error ? error : new RetryableError(detail);

  async function fail(
    reason: ReasonCode,
    message: string,
    problem: DataProblem | null = null,
  ): Promise<void> {
    await update({
      state: 'failed',
      reason,
      message,
      records,
      // what HR must correct, named in plain words on the HR pages (an earlier run's is cleared)
      problem,
      finishedAt: deps.now().toISOString(),
      // a failed match carries its cause: the match preview's hints and the records they are about
      ...(tracker.failedMatch ? { match: tracker.failedMatch } : {}),
    });
    await publishRecords(job, records);
    deps.countOutcome?.(reason, 'failed', records);
    logger.warn('transfer failed', { reason, attempt, records });
  }
}
