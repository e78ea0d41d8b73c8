import { Queue, type Job, type JobsOptions } from 'bullmq';
import type Redis from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../platform/logger';
import { PREVIEW_ID_PATTERN, PREVIEW_RETENTION_DAYS } from '../preview/preview';

/** The match previews' own queue, beside the transfers' under the same `QUEUE_PREFIX`. */
export const PREVIEW_QUEUE_NAME = 'match-previews';
export const PREVIEW_JOB_NAME = 'match-preview';

/** A preview job carries its id and what was asked: identifiers and Trac statuses only. */
export const PreviewJobDataSchema = z.strictObject({
  previewId: z.string().regex(PREVIEW_ID_PATTERN),
  organisationCode: z.string().regex(/^[A-Z0-9]{3,5}$/),
  statuses: z.array(z.string()),
  changedSince: z.string().nullable(),
});
export type PreviewJobData = z.infer<typeof PreviewJobDataSchema>;
export type PreviewQueue = Queue<PreviewJobData>;

const RETENTION_SECONDS = PREVIEW_RETENTION_DAYS * 24 * 60 * 60;

/** Retried like a transfer (the worker's backoff strategy honours `Retry-After`); kept as long as the preview. */
function jobOptions(attempts: number): JobsOptions {
  return {
    attempts,
    backoff: { type: 'custom' },
    removeOnComplete: { age: RETENTION_SECONDS },
    removeOnFail: { age: RETENTION_SECONDS },
  };
}

/** The preview queue on an existing connection; the connection stays the caller's. */
export function createPreviewQueue(connection: Redis, prefix: string, logger?: Logger): PreviewQueue {
  const queue: PreviewQueue = new Queue(PREVIEW_QUEUE_NAME, { connection, prefix });
  queue.on('error', (error: Error) => logger?.debug('preview queue error', { error: error.message }));
  return queue;
}

/** Queues a preview's run under the preview's id (one job per preview). */
export async function queuePreview(
  queue: PreviewQueue,
  data: PreviewJobData,
  attempts: number,
): Promise<void> {
  const jobData = PreviewJobDataSchema.parse(data);
  await queue.add(PREVIEW_JOB_NAME, jobData, { ...jobOptions(attempts), jobId: jobData.previewId });
}

/** The job's data when this connector made it (its id is its preview's), else undefined: it must not run. */
export function previewJobDataOf(job: Pick<Job, 'id' | 'name' | 'data'>): PreviewJobData | undefined {
  const parsed = PreviewJobDataSchema.safeParse(job.data);
  if (!parsed.success || job.name !== PREVIEW_JOB_NAME || job.id !== parsed.data.previewId) return undefined;
  return parsed.data;
}
