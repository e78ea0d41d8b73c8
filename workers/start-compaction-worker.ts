import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../src/platform/logger';
import {
  PREVIEW_REMOVAL_EVERY_MS,
  PREVIEW_REMOVED_AFTER_MS,
  removeFinishedPreviews,
} from '../src/store/preview-retention';
import { compactFinishedTransfers } from '../src/store/transfer-compaction';

/** The compaction's own small queue, beside the transfers' under the same `QUEUE_PREFIX`. */
export const COMPACTION_QUEUE_NAME = 'transfer-compaction';
/** One scheduler, upserted by every worker process, so it exists once. */
export const COMPACTION_SCHEDULER_ID = 'compact-finished-transfers';
/** Compaction runs this often; a transfer is compacted within this long after its retention ends. */
export const COMPACTION_EVERY_MS = 6 * 60 * 60 * 1000;

/** The match previews' removal, on the same queue: one scheduler, every hour. */
export const PREVIEW_REMOVAL_SCHEDULER_ID = 'remove-finished-previews';

export interface CompactionWorker {
  /** Resolves once the schedulers are registered and the worker listens. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface CompactionTuning {
  /** The clock both runs measure retention by (tests move it); default the system's. */
  now?: () => Date;
  /** How often finished previews are looked for, milliseconds; default one hour. */
  previewsEveryMs?: number;
}

const JOB_OPTIONS = { attempts: 3, removeOnComplete: { count: 10 }, removeOnFail: { count: 10 } };

/**
 * Retention, once across every worker process (BullMQ's job schedulers make one job per slot):
 * every six hours, finished transfers older than `TRANSFER_RETENTION_DAYS` are compacted to their
 * final-state markers (src/store/transfer-compaction.ts); every hour, match previews that finished
 * more than 7 days less an hour ago are removed, BullMQ job included
 * (src/store/preview-retention.ts). Two runs at once would be harmless: each transfer is compacted
 * once, each preview removed once.
 */
export function startCompactionWorker(
  config: Pick<Config, 'queuePrefix' | 'transferRetentionDays'>,
  connection: Redis,
  logger: Logger,
  tuning: CompactionTuning = {},
): CompactionWorker {
  const log = logger.child({ component: 'compaction' });
  const prefix = config.queuePrefix;
  const now = tuning.now ?? (() => new Date());
  const queue = new Queue(COMPACTION_QUEUE_NAME, { connection, prefix });
  queue.on('error', (error: Error) => log.debug('compaction queue error', { error: error.message }));
  const runs: Record<string, () => Promise<Record<string, number>>> = {
    async [COMPACTION_SCHEDULER_ID]() {
      const days = config.transferRetentionDays;
      const compacted = await compactFinishedTransfers(connection, prefix, days, now());
      log.info('finished transfers compacted', { compacted, retentionDays: days });
      return { compacted };
    },
    async [PREVIEW_REMOVAL_SCHEDULER_ID]() {
      const finishedBefore = new Date(now().getTime() - PREVIEW_REMOVED_AFTER_MS);
      const removed = (await removeFinishedPreviews(connection, prefix, finishedBefore)).length;
      log.info('finished match previews removed', { removed });
      return { removed };
    },
  };
  const worker = new Worker(
    COMPACTION_QUEUE_NAME,
    async (job) => {
      const run = Object.hasOwn(runs, job.repeatJobKey ?? '') ? runs[job.repeatJobKey ?? ''] : undefined;
      if (!run) throw new UnrecoverableError(`not a compaction job this connector made: ${job.id}`);
      return run();
    },
    { connection, prefix, concurrency: 1, autorun: false },
  );
  worker.on('error', (error) => log.error('compaction worker error', { error: error.message }));
  const ready = Promise.all([
    queue.upsertJobScheduler(
      COMPACTION_SCHEDULER_ID,
      { every: COMPACTION_EVERY_MS },
      { name: 'compact', opts: JOB_OPTIONS },
    ),
    queue.upsertJobScheduler(
      PREVIEW_REMOVAL_SCHEDULER_ID,
      { every: tuning.previewsEveryMs ?? PREVIEW_REMOVAL_EVERY_MS },
      { name: 'remove-previews', opts: JOB_OPTIONS },
    ),
  ]).then(() => undefined);
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
