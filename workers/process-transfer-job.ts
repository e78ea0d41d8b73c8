import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { runTransferJob } from '../src/transfer/run-transfer-job';
import type { TransferJob } from '../src/transfer/transfer-job';
import type { RunDecision, TransferRunPorts, TransferRunResult } from '../src/transfer/transfer-run';
import type { RecordOutcomes } from '../src/transfer/transfer';
import { outcomeError } from './outcome-error';

/** What a finished job returns (visible in Bull Board): ids and outcomes only. */
export type TransferJobResult = TransferRunResult;

export type ProcessorDeps = TransferRunPorts;

/** A transfer job's data with the worker's own count of rate-limit deferrals. */
type JobData = TransferJob & { rateLimitDeferrals?: number };

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

/** What the life cycle decided, told to BullMQ: a result, or the error that moves the job on. */
async function toBullMq(decision: RunDecision, job: Job<JobData>, token: string | undefined) {
  switch (decision.kind) {
    case 'completed':
      return decision.result;
    case 'refused':
      throw new UnrecoverableError(decision.failedReason);
    case 'failed':
      if (decision.records) await publishRecords(job, decision.records);
      throw outcomeError(decision.failedReason);
    case 'deferred':
      // waits without using one of the job's attempts
      await job.updateData({ ...job.data, rateLimitDeferrals: decision.deferrals });
      await job.moveToDelayed(Date.now() + decision.delayMs, token);
      throw new DelayedError();
    case 'retry':
      if (decision.records) await publishRecords(job, decision.records);
      throw decision.error;
    case 'stopped':
      throw decision.error;
  }
}

/**
 * This worker's runs in flight, by job id. BullMQ hands a job to this same worker again when its
 * stalled check found the job's lock gone (a Redis failover, a blocked event loop) while the first
 * run still waits on Trac or ESR; its lock manager then renews the newer run's lock alone and never
 * aborts the first. The newer run takes the job over here: the first run's signal is aborted, so
 * it writes nothing more (`assertStillOwner`, `holdsJob`).
 */
export function createRunsInFlight() {
  const runs = new Map<string, AbortController>();
  return {
    begin(jobId: string, signal: AbortSignal | undefined) {
      runs.get(jobId)?.abort(new Error('a newer run of this job took it over'));
      const own = new AbortController();
      runs.set(jobId, own);
      return {
        signal: signal ? AbortSignal.any([signal, own.signal]) : own.signal,
        end: () => {
          if (runs.get(jobId) === own) runs.delete(jobId);
        },
      };
    },
  };
}

export type RunsInFlight = ReturnType<typeof createRunsInFlight>;

/**
 * The BullMQ edge of a transfer: hands the job to its life cycle (src/transfer/run-transfer-job.ts),
 * which decides and records everything, and translates the decision for BullMQ (a reason →
 * UnrecoverableError, a rate limit → moveToDelayed + DelayedError, a retry → the error thrown).
 * Whether the run still holds its job is BullMQ's lock: renewed (`extendLock`, for the worker's
 * `lockDurationMs`) as the lock manager would, it answers 0 once another run holds the job.
 */
export function createTransferProcessor(
  deps: ProcessorDeps,
  lockDurationMs: number,
  runs: RunsInFlight = createRunsInFlight(),
) {
  return async function processTransfer(
    job: Job<JobData>,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<TransferJobResult> {
    const deferrals = job.data.rateLimitDeferrals;
    const run = runs.begin(job.id ?? '', signal);
    try {
      const decision = await runTransferJob(deps, {
        jobId: job.id,
        data: job.data,
        attempt: job.attemptsMade + 1,
        attempts: job.opts.attempts ?? 1,
        deferrals: typeof deferrals === 'number' ? deferrals : 0,
        canDefer: token !== undefined,
        signal: run.signal,
        holdsJob: token ? async () => (await job.extendLock(token, lockDurationMs)) === 1 : undefined,
      });
      return await toBullMq(decision, job, token);
    } finally {
      run.end();
    }
  };
}
