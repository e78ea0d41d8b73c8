import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../src/platform/logger';
import { compactFinishedTransfers } from '../src/store/transfer-compaction';

/** The compaction's own small queue, beside the transfers' under the same `QUEUE_PREFIX`. */
export const COMPACTION_QUEUE_NAME = 'transfer-compaction';
/** One scheduler, upserted by every worker process, so it exists once. */
export const COMPACTION_SCHEDULER_ID = 'compact-finished-transfers';
/** Compaction runs this often; a transfer is compacted within this long after its retention ends. */
export const COMPACTION_EVERY_MS = 6 * 60 * 60 * 1000;

export interface CompactionWorker {
  /** Resolves once the scheduler is registered and the worker listens. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Compacts finished transfers older than `TRANSFER_RETENTION_DAYS` to their final-state markers
 * (src/store/transfer-compaction.ts), every six hours, once across every worker process (BullMQ's
 * job scheduler makes one job per slot). Two runs at once would be harmless: each transfer is
 * compacted once.
 */
export function startCompactionWorker(
  config: Pick<Config, 'queuePrefix' | 'transferRetentionDays'>,
  connection: Redis,
  logger: Logger,
): CompactionWorker {
  const log = logger.child({ component: 'compaction' });
  const prefix = config.queuePrefix;
  const queue = new Queue(COMPACTION_QUEUE_NAME, { connection, prefix });
  queue.on('error', (error: Error) => log.debug('compaction queue error', { error: error.message }));
  const worker = new Worker(
    COMPACTION_QUEUE_NAME,
    async (job) => {
      if (job.repeatJobKey !== COMPACTION_SCHEDULER_ID) {
        throw new UnrecoverableError(`not a compaction job this connector made: ${job.id}`);
      }
      const compacted = await compactFinishedTransfers(connection, prefix, config.transferRetentionDays);
      log.info('finished transfers compacted', { compacted, retentionDays: config.transferRetentionDays });
      return { compacted };
    },
    { connection, prefix, concurrency: 1, autorun: false },
  );
  worker.on('error', (error) => log.error('compaction worker error', { error: error.message }));
  const ready = queue
    .upsertJobScheduler(
      COMPACTION_SCHEDULER_ID,
      { every: COMPACTION_EVERY_MS },
      {
        name: 'compact',
        opts: { attempts: 3, removeOnComplete: { count: 10 }, removeOnFail: { count: 10 } },
      },
    )
    .then(() => undefined);
  ready.then(
    () =>
      void worker
        .run()
        .catch((error: Error) => log.error('compaction worker stopped', { error: error.message })),
    (error: Error) => log.error('compaction schedule not registered', { error: error.message }),
  );
  return {
    ready,
    async close() {
      await ready.catch(() => undefined);
      await worker.close();
      await queue.close();
    },
  };
}
