import { PREVIEW_REMOVAL_EVERY_MS } from './preview-retention';
import type { RecurringSchedule } from './recurring-job';

/** The compaction's own small queue, beside the transfers' under the same `QUEUE_PREFIX`. */
export const COMPACTION_QUEUE_NAME = 'transfer-compaction';
/** One scheduler, upserted by every worker process, so it exists once. */
export const COMPACTION_SCHEDULER_ID = 'compact-finished-transfers';
/** Compaction runs this often; a transfer is compacted within this long after its retention ends. */
export const COMPACTION_EVERY_MS = 6 * 60 * 60 * 1000;
/** The match previews' removal, on the same queue: one scheduler, every hour. */
export const PREVIEW_REMOVAL_SCHEDULER_ID = 'remove-finished-previews';

const JOB_OPTIONS = { attempts: 3, removeOnComplete: { count: 10 }, removeOnFail: { count: 10 } };

/**
 * The retention's two schedulers on the compaction queue (src/store/recurring-job.ts): finished
 * transfers compacted every six hours, finished match previews removed every `previewsEveryMs`
 * (default one hour). A job tells which it is by its scheduler (`repeatJobKey`).
 */
export function compactionSchedules(previewsEveryMs = PREVIEW_REMOVAL_EVERY_MS): RecurringSchedule[] {
  return [
    {
      id: COMPACTION_SCHEDULER_ID,
      repeat: { every: COMPACTION_EVERY_MS },
      job: { name: 'compact', opts: JOB_OPTIONS },
    },
    {
      id: PREVIEW_REMOVAL_SCHEDULER_ID,
      repeat: { every: previewsEveryMs },
      job: { name: 'remove-previews', opts: JOB_OPTIONS },
    },
  ];
}
