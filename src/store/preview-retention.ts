import type Redis from 'ioredis';
import { PREVIEW_ID_PATTERN, PREVIEW_RETENTION_DAYS } from '../preview/preview';
import { createPreviewQueue } from './preview-queue';
import { createPreviewStore } from './preview-store';

/** Finished previews are looked for this often, milliseconds (one hour). */
export const PREVIEW_REMOVAL_EVERY_MS = 60 * 60 * 1000;

/**
 * A preview is removed once it finished this long ago: its retention less one interval between
 * runs, so that whenever the run falls, nothing of it is left 7 days after it finished.
 */
export const PREVIEW_REMOVED_AFTER_MS =
  PREVIEW_RETENTION_DAYS * 24 * 60 * 60 * 1000 - PREVIEW_REMOVAL_EVERY_MS;

/**
 * Removes every match preview that finished (completed or failed) before `finishedBefore`: its
 * BullMQ job, through BullMQ's own `clean` (never its keys), then what the preview store holds of
 * it. BullMQ's `removeOnComplete.age` alone is not enough: it is applied only when another job of
 * the queue finishes, so without a later preview a job would stay for ever. `clean` measures from
 * the system clock; `finishedBefore` may come from another (tests move theirs). Waiting and
 * running previews are never touched. Returns the ids removed.
 */
export async function removeFinishedPreviews(
  redis: Redis,
  prefix: string,
  finishedBefore: Date,
): Promise<string[]> {
  const queue = createPreviewQueue(redis, prefix);
  const store = createPreviewStore(redis, prefix);
  try {
    const graceMs = Date.now() - finishedBefore.getTime();
    const removed = [
      ...(await queue.clean(graceMs, 0, 'completed')),
      ...(await queue.clean(graceMs, 0, 'failed')),
    ].filter((id) => PREVIEW_ID_PATTERN.test(id));
    for (const previewId of removed) {
      const summary = await store.summary(previewId);
      if (summary) await store.remove(previewId, summary.organisationCode);
    }
    return removed;
  } finally {
    await queue.close();
  }
}
