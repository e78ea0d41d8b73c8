import { Worker, type Job, type WorkerOptions } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from '../src/platform/logger';
import { queueTelemetry } from '../src/store/queue-telemetry';
import { createBackoffStrategy, type BackoffOptions } from '../src/store/transfer-backoff';
import { TRANSFER_QUEUE_NAME } from '../src/store/transfer-job';
import type { TransferJob } from '../src/transfer/transfer-job';

export interface TransferWorkerOptions {
  connection: Redis;
  prefix: string;
  /** Transfers in flight in this process. */
  concurrency: number;
  processor: (
    job: Job<TransferJob>,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ) => Promise<unknown>;
  logger: Logger;
  backoff?: BackoffOptions;
  /**
   * A job's lock lasts `lockDurationMs` and is renewed at half of it while the job runs. A worker
   * that dies (SIGKILL, lost host) stops renewing; another worker's stalled check, every
   * `stalledIntervalMs`, moves the job back to waiting. Re-running is safe: the ledger and the
   * idempotency keys make a re-run send only what ESR does not hold. A stall is the worker's
   * failure, not the transfer's, so the bound is generous; `maxStalledCount` only stops a job that
   * keeps killing its worker from looping for ever (then its life cycle records it failed). A worker that
   * fails to renew a lock aborts that run (its processor's signal), so a run that another worker
   * has taken over stops writing the transfer store.
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  maxStalledCount?: number;
}

export const DEFAULT_LOCK_DURATION_MS = 30_000;
export const DEFAULT_STALLED_INTERVAL_MS = 15_000;
export const DEFAULT_MAX_STALLED_COUNT = 10;

export function createTransferWorker(options: TransferWorkerOptions): Worker<TransferJob> {
  const workerOptions: WorkerOptions = {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS,
    stalledInterval: options.stalledIntervalMs ?? DEFAULT_STALLED_INTERVAL_MS,
    maxStalledCount: options.maxStalledCount ?? DEFAULT_MAX_STALLED_COUNT,
    settings: { backoffStrategy: createBackoffStrategy(options.backoff) },
    // a job runs inside the trace it was queued in (tracing on only)
    telemetry: queueTelemetry(),
  };
  const worker = new Worker<TransferJob>(TRANSFER_QUEUE_NAME, options.processor, workerOptions);
  worker.on('error', (error) => options.logger.error('worker error', { error: error.message }));
  worker.on('failed', (job, error) =>
    options.logger.info('job failed', {
      jobId: job?.id,
      error: error.message,
      attemptsMade: job?.attemptsMade,
    }),
  );
  worker.on('stalled', (jobId) => options.logger.warn('job stalled; it will run again', { jobId }));
  worker.on('lockRenewalFailed', (jobIds) => {
    for (const jobId of jobIds) worker.cancelJob(jobId, 'lock lost: another worker may run this job');
  });
  return worker;
}
