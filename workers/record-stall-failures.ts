import { QueueEvents, type Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from '../src/platform/logger';
import { TRANSFER_QUEUE_NAME } from '../src/store/transfer-job';
import { STRAY_JOB_REASON } from './process-transfer-job';
import { reasonMessage } from '../src/transfer/reasons';
import type { TransferStore } from '../src/transfer/transfer';

/**
 * BullMQ fails a job that stalled more often than `maxStalledCount` (its worker kept dying or losing
 * its lock) inside Redis, without running our processor, so nothing would tell the transfer store:
 * the transfer would look in flight for ever. This listens to the queue's `failed` events and
 * records any failure the processor did not record itself. Every worker hears the event; the write
 * is the same whoever makes it.
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
    // a job no start path made: its id may even be a real transfer's, whose record is not its to write
    if (failedReason.startsWith(STRAY_JOB_REASON)) return;
    void (async () => {
      const transfer = await store.get(jobId);
      if (!transfer || transfer.state === 'completed' || transfer.state === 'failed') return;
      await store.update(jobId, {
        state: 'failed',
        reason: 'RETRIES_EXHAUSTED',
        message: reasonMessage('RETRIES_EXHAUSTED', {
          organisationCode: transfer.organisationCode,
          applicantId: transfer.applicantId,
          attempts: transfer.attempts,
          detail: 'the worker running it stopped several times before it finished, a crash or a lost lock',
        }),
        records: Object.fromEntries(
          Object.entries(transfer.records).map(([type, outcome]) => [
            type,
            outcome === 'PENDING' ? 'NOT_SENT' : outcome,
          ]),
        ) as typeof transfer.records,
        finishedAt: new Date().toISOString(),
      });
      logger.warn('transfer failed outside the processor (stall limit)', { transferId: jobId });
    })().catch((error: unknown) =>
      logger.error('could not record a stalled transfer', { transferId: jobId, error: String(error) }),
    );
  });
  worker.once('closed', () => void events.close().finally(() => eventsConnection.disconnect()));
}
