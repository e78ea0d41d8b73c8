import { UnrecoverableError } from 'bullmq';
import type Redis from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../src/platform/logger';
import {
  COMPACTION_QUEUE_NAME,
  COMPACTION_SCHEDULER_ID,
  compactionSchedules,
  PREVIEW_REMOVAL_SCHEDULER_ID,
} from '../src/store/compaction-queue';
import { PREVIEW_REMOVED_AFTER_MS, removeFinishedPreviews } from '../src/store/preview-retention';
import { startRecurringJob } from '../src/store/recurring-job';
import { compactFinishedTransfers } from '../src/store/transfer-compaction';

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

/**
 * Retention, once across every worker process (src/store/recurring-job.ts): every six hours,
 * finished transfers older than `TRANSFER_RETENTION_DAYS` are compacted to their final-state
 * markers (src/store/transfer-compaction.ts); every hour, match previews that finished more than
 * 7 days less an hour ago are removed, BullMQ job included (src/store/preview-retention.ts). Two
 * runs at once would be harmless all the same: each transfer is compacted once, each preview
 * removed once.
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
  const { ready, close } = startRecurringJob(connection, prefix, log, {
    queueName: COMPACTION_QUEUE_NAME,
    label: 'compaction',
    schedules: compactionSchedules(tuning.previewsEveryMs),
    process: async (job) => {
      const run = Object.hasOwn(runs, job.repeatJobKey ?? '') ? runs[job.repeatJobKey ?? ''] : undefined;
      if (!run) throw new UnrecoverableError(`not a compaction job this connector made: ${job.id}`);
      return run();
    },
  });
  return { ready, close };
}
