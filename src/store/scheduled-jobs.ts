import { randomUUID } from 'node:crypto';
import { Queue, type Job, type JobsOptions } from 'bullmq';
import type Redis from 'ioredis';
import { z } from 'zod';

/**
 * Jobs made either by a BullMQ job scheduler (`scheduled`) or by an HR admin's "now" (`manual`):
 * the digest and the reconciliation sweeps. Such a job carries no data beyond what started it,
 * and, for a digest asked for by someone acting for some organisations, those organisations.
 */
export const SCHEDULED_JOB_NAMES = ['scheduled', 'manual'] as const;
export const ScheduledJobDataSchema = z.strictObject({
  trigger: z.enum(SCHEDULED_JOB_NAMES),
  /** Only these organisations (a digest "now" by someone acting for these); left out, all. */
  organisations: z
    .array(z.string().regex(/^[A-Z0-9]{3,5}$/))
    .min(1)
    .optional(),
});
export type ScheduledJobData = z.infer<typeof ScheduledJobDataSchema>;

const MANUAL_JOB_ID = /^manual-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * "Now": a job of its own id (`manual-<uuid>`), never one of the scheduled times'. A short-lived
 * queue on the caller's connection: the action is rare. Returns the job's id.
 */
export async function queueManualRun(
  connection: Redis,
  prefix: string,
  queueName: string,
  opts: JobsOptions,
  organisations?: readonly string[],
): Promise<string> {
  const queue = new Queue<ScheduledJobData>(queueName, { connection, prefix });
  try {
    const jobId = `manual-${randomUUID()}`;
    const data = organisations
      ? { trigger: 'manual' as const, organisations: [...organisations] }
      : undefined;
    await queue.add('manual', data ?? { trigger: 'manual' }, { ...opts, jobId });
    return jobId;
  } finally {
    await queue.close();
  }
}

/**
 * The job's id when this code made the job: a scheduled one under the scheduler's ids
 * (`repeat:<schedulerId>:<ms>`), which BullMQ keeps across retries, or a manual one; undefined for
 * any other job (another name, data or id, e.g. one added by hand), which must not run.
 */
export function madeJobIdOf(job: Pick<Job, 'id' | 'name' | 'data'>, schedulerId: string): string | undefined {
  const data = ScheduledJobDataSchema.safeParse(job.data);
  if (!data.success || data.data.trigger !== job.name || !job.id) return undefined;
  const expected = job.name === 'scheduled' ? new RegExp(`^repeat:${schedulerId}:\\d+$`) : MANUAL_JOB_ID;
  return expected.test(job.id) ? job.id : undefined;
}
