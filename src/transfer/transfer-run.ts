import type { Logger } from '../platform/logger';
import { PermanentError, RetryableError, type ReasonCode } from '../platform/errors';
import { DataProblemError, type DataProblem } from '../records/data-problem';
import { failedJobReason } from './plain-outcome';
import { reasonMessage } from './reasons';
import type { RecordTracker } from './record-tracker';
import { createRunTracker, type UpdateTransfer } from './run-storage';
import type { TransferDeps, TransferResult } from './run-transfer';
import {
  outstandingOf,
  type FinishedState,
  type RecordOutcomes,
  type TransferRecord,
  type TransferStore,
} from './transfer';

/** What a finished job returns (visible in Bull Board): ids and outcomes only. */
export interface TransferRunResult {
  transferId: string;
  reason: ReasonCode | null;
  records: RecordOutcomes;
}

/**
 * What the worker tells BullMQ once the life cycle has decided a run's end and written it to the
 * transfer record. `records`, where given: the run's outcomes, for the job's progress and log.
 */
export type RunDecision =
  /** The job completes with this result. */
  | { kind: 'completed'; result: TransferRunResult }
  /** The transfer ended with a reason: the job fails for good (no retry) with this failed reason. */
  | { kind: 'failed'; failedReason: string; records?: RecordOutcomes }
  /** A job no start path made: it fails for good; the transfer record was not touched. */
  | { kind: 'refused'; failedReason: string }
  /** Rate limited: wait `delayMs` without using an attempt; the job has been deferred `deferrals` times. */
  | { kind: 'deferred'; delayMs: number; deferrals: number }
  /** Try again: BullMQ's attempts and backoff (`error` is what the attempt threw). */
  | { kind: 'retry'; error: Error; records?: RecordOutcomes }
  /** The run lost its lock (another worker may run the job now) and stopped writing. */
  | { kind: 'stopped'; error: Error };

export interface TransferRunPorts extends TransferDeps {
  store: TransferStore;
  logger: Logger;
  /** Counts finished transfers and record outcomes (metrics shared by all workers). */
  countOutcome?: (reason: ReasonCode | null, state: FinishedState, records: RecordOutcomes) => void;
}

/** What a run's life cycle writes through and reads: the store, the clock, the organisations, the counts. */
export type RunRecordPorts = Pick<
  TransferRunPorts,
  'store' | 'logger' | 'organisations' | 'now' | 'countOutcome'
>;

/** Which attempt a run is, as BullMQ counts them. */
export interface RunAttempt {
  /** 1 for the first. */
  attempt: number;
  /** The job's attempts in all (`TRANSFER_ATTEMPTS`). */
  attempts: number;
  /** The rate-limit deferrals of the job so far. */
  deferrals: number;
  /** Whether the worker can defer the job now (it holds the job's lock). */
  canDefer: boolean;
}

/** A `429` may defer a job this many times without using an attempt; after that it counts. */
export const MAX_RATE_LIMIT_DEFERRALS = 20;

export const asError = (error: unknown): Error =>
  error instanceof Error ? error : new RetryableError(String(error));

/**
 * One run of a transfer, from its beginning to its end: the one place that decides what the
 * transfer record says at each step (its attempts, outcome, reason and sentence, record outcomes)
 * and what is counted, and tells the worker what BullMQ must do (`RunDecision`).
 */
export function openTransferRun(
  ports: RunRecordPorts,
  existing: TransferRecord,
  at: RunAttempt,
  update: UpdateTransfer,
  assertStillOwner: () => void,
  logger: Logger = ports.logger.child({ transferId: existing.transferId }),
) {
  const { transferId, organisationCode, applicantId } = existing;
  const request = { transferId, organisationCode, applicantId };
  const tracker: RecordTracker = createRunTracker(ports, transferId, update, assertStillOwner);

  /** Ends the transfer `failed` with a reason and its sentence. */
  async function fail(
    reason: ReasonCode,
    detail: string,
    problem: DataProblem | null = null,
  ): Promise<RunDecision> {
    const organisation = ports.organisations.findEnabled(organisationCode);
    const attempts = at.attempt;
    const message = reasonMessage(reason, { ...request, organisation, detail, attempts });
    const records = tracker.final();
    await update({
      state: 'failed',
      reason,
      message,
      records,
      // what HR must correct, named in plain words on the HR pages (an earlier run's is cleared)
      problem,
      finishedAt: ports.now().toISOString(),
      // a failed match carries its cause: the match preview's hints and the records they are about
      ...(tracker.failedMatch ? { match: tracker.failedMatch } : {}),
    });
    ports.countOutcome?.(reason, 'failed', records);
    logger.warn('transfer failed', { reason, attempt: attempts, records });
    const facts = { ...request, reason, message, problem, attempts };
    return { kind: 'failed', failedReason: failedJobReason(facts, organisation), records };
  }

  /** The run ended without an error: sent what it should (`reason: null`) or found it out of scope. */
  async function complete({ reason }: TransferResult): Promise<RunDecision> {
    const records = tracker.final();
    const message = reason ? reasonMessage(reason, request) : null;
    // records Trac did not hold as complete stay outstanding, with the ESR applicant they go to
    const outstanding = reason === null ? outstandingOf(records) : [];
    const esrApplicantId = tracker.matchedEsrApplicantId ?? null;
    await update({
      state: 'completed',
      reason,
      message,
      records,
      finishedAt: ports.now().toISOString(),
      ...(outstanding.length > 0 ? { outstanding, esrApplicantId } : {}),
    });
    ports.countOutcome?.(reason, 'completed', records);
    logger.info('transfer completed', { reason, records });
    return { kind: 'completed', result: { transferId, reason, records } };
  }

  /** Rate limited: the run waits what ESR asked, without using one of the transfer's attempts. */
  async function defer(retryAfterMs: number): Promise<RunDecision> {
    await update({ records: tracker.final() });
    logger.warn('rate limited; transfer delayed', { retryAfterMs });
    return { kind: 'deferred', delayMs: retryAfterMs, deferrals: at.deferrals + 1 };
  }

  /** The attempt failed and another follows (BullMQ's backoff). */
  async function retry(error: Error): Promise<RunDecision> {
    const records = tracker.final();
    await update({ records });
    logger.warn('transfer attempt failed; will retry', { attempt: at.attempt, error: error.message });
    return { kind: 'retry', error, records };
  }

  /**
   * The run threw: a permanent error fails the transfer with its reason; a rate limit defers it (a
   * bounded number of times); the last attempt fails it `RETRIES_EXHAUSTED`; else it is retried.
   */
  function settle(error: unknown): Promise<RunDecision> {
    if (error instanceof PermanentError) {
      return fail(error.reason, error.message, error instanceof DataProblemError ? error.problem : null);
    }
    const retryAfterMs = error instanceof RetryableError ? error.retryAfterMs : undefined;
    if (retryAfterMs !== undefined && at.canDefer && at.deferrals < MAX_RATE_LIMIT_DEFERRALS) {
      return defer(retryAfterMs);
    }
    if (at.attempt >= at.attempts) return fail('RETRIES_EXHAUSTED', asError(error).message);
    return retry(asError(error));
  }

  return {
    tracker,
    /** The run begins: its attempt is counted, an earlier run's reason and sentence cleared. */
    // a job run again from Bull Board (retry) has no outcome any more until it ends again
    begin: () =>
      update({
        ...(existing.state === null ? {} : { state: null }),
        attempts: at.attempt,
        reason: null,
        message: null,
      }),
    complete,
    fail,
    defer,
    retry,
    settle,
  };
}

export type TransferRun = ReturnType<typeof openTransferRun>;
