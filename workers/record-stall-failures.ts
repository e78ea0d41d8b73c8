import { QueueEvents, type Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from '../src/platform/logger';
import { TRANSFER_QUEUE_NAME } from '../src/store/transfer-job';
import { recordJobFailedOutsideRun } from '../src/transfer/run-transfer-job';
import type { TransferStore } from '../src/transfer/transfer';

/**
 * BullMQ fails a job that stalled more often than `maxStalledCount` (its worker kept dying or losing
 * its lock) inside Redis, without running our processor, so nothing would tell the transfer store:
 * the transfer would look in flight for ever. This listens to the queue's `failed` events and hands
 * each to the life cycle, which records any failure the run did not record itself.
 */
export function recordStallFailures(
  worker: Worker,
  connection: Redis,
  prefix: string,
  store: TransferStore,
  logger: Logger,
): void {
  // BullMQ treats a connection it is given as the caller's: it never closes this one itself
  const eventsConnection = connection.duplicate();
  const events = new QueueEvents(TRANSFER_QUEUE_NAME, { connection: eventsConnection, prefix });
  events.on('error', (error: Error) => logger.warn('queue events error', { error: error.message }));
  events.on('failed', ({ jobId, failedReason }) => {
    recordJobFailedOutsideRun(store, logger, jobId, failedReason).catch((error: unknown) =>
      logger.error('could not record a stalled transfer', { transferId: jobId, error: String(error) }),
    );
  });
  worker.once('closed', () => void events.close().finally(() => eventsConnection.disconnect()));
}
