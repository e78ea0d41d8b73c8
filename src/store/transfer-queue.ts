import { Queue, type JobsOptions } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from '../platform/logger';
import { firstTraceOf, queueTelemetry } from './queue-telemetry';
import type { TransferStore } from '../transfer/transfer';
import { RedisUnavailableError } from './redis-deadline';
import { TRANSFER_QUEUE_NAME } from './transfer-job';
import { TransferJobSchema, type TransferJob } from '../transfer/transfer-job';
import { transferIdOf } from '../transfer/transfer-ids';

export type TransferQueue = Queue<TransferJob>;

/** Every transfer job carries this name; the worker has one processor for the queue. */
export const TRANSFER_JOB_NAME = 'transfer';

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Options of every transfer job (the queue's defaults), apart from `attempts` which comes from
 * `TRANSFER_ATTEMPTS`. The backoff strategy is the worker's (`settings.backoffStrategy`): it honours
 * `Retry-After`. Retention only bounds Redis memory: duplicates are decided by the transfer store,
 * which outlives it.
 */
export const TRANSFER_JOB_OPTIONS = {
  backoff: { type: 'custom' },
  /**
   * Completed jobs: the latest 1,000, for Bull Board. A completed transfer's outcome lives in the
   * transfer record (HR pages and API) for TRANSFER_RETENTION_DAYS; nothing can be done with its
   * job (a completed transfer is one-off), so BullMQ keeps only the work in flight, the recent
   * completions and the failures support staff may retry.
   */
  removeOnComplete: { count: 1000 },
  /** Failed jobs: kept 30 days (seconds) for the HR page and Bull Board. */
  removeOnFail: { age: 30 * DAY_SECONDS },
} as const satisfies JobsOptions;

/**
 * The transfer queue on an existing connection (the receiver's fail-fast one, or the admin's). The
 * connection stays the caller's: `queue.close()` leaves it open. Connection errors are already
 * logged by the connection itself; the listener here only stops an unhandled `error` event from
 * crashing the process.
 */
export function createTransferQueue(
  connection: Redis,
  prefix: string,
  attempts: number,
  logger?: Logger,
): TransferQueue {
  const queue = new Queue<TransferJob>(TRANSFER_QUEUE_NAME, {
    connection,
    prefix,
    defaultJobOptions: { ...TRANSFER_JOB_OPTIONS, attempts },
    telemetry: queueTelemetry(),
  });
  queue.on('error', (error: Error) => logger?.debug('transfer queue error', { error: error.message }));
  return queue;
}

export type QueueTransferResult = 'added' | 'already_queued';

/** Identifiers only go into a job: the data checked against the job schema, and its id. */
export function validJob(data: TransferJob): { jobData: TransferJob; jobId: string } {
  const jobData = TransferJobSchema.parse(data);
  return { jobData, jobId: transferIdOf(jobData.organisationCode, jobData.applicantId) };
}

/**
 * Makes sure one unfinished job exists for the transfer, with `jobId = transferId`, through BullMQ's
 * public API only: look the job up, then add. BullMQ ignores an add whose id exists, which makes
 * this safe to run concurrently; a finished job under that id is an earlier run's leftover (or a
 * stray job the worker refused) and is removed first so that the transfer runs again. Every start
 * path (webhook, manual start, re-queue) queues through here, except a webhook's claim that
 * creates its transfer: that one adds the job in the claim's own script (delivery-claim.ts).
 */
export async function queueTransfer(queue: TransferQueue, data: TransferJob): Promise<QueueTransferResult> {
  const { jobData, jobId } = validJob(data);
  const existing = await queue.getJob(jobId);
  if (existing && existing.finishedOn === undefined) return 'already_queued';
  // with tracing on, the new job's run links to the trace the transfer started in
  const firstTrace = existing ? firstTraceOf(existing) : undefined;
  if (existing) await queue.remove(jobId);
  await queue.add(TRANSFER_JOB_NAME, firstTrace ? { ...jobData, firstTrace } : jobData, { jobId });
  return 'added';
}

/**
 * A start's `release` port: gives a claim back when queueing its job failed and the job certainly
 * was not stored (Redis refused before the add, not a timeout after it), so the admin view shows no
 * transfer that nothing will run. Otherwise the claim stays: the next start finds it and queues it.
 */
export function releaseUnqueuedClaim(
  store: Pick<TransferStore, 'releaseClaim'>,
  logger: Logger,
): (transferId: string, cause: unknown) => void {
  return (transferId, cause) => {
    if (!(cause instanceof RedisUnavailableError) || cause.timedOut) return; // the job may exist
    store
      .releaseClaim(transferId)
      .catch(() => logger.warn('claim not released: the next start queues it', { transferId }));
  };
}
