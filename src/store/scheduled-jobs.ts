import { randomUUID } from 'node:crypto';
import { Queue, type Job, type JobsOptions } from 'bullmq';
import type Redis from 'ioredis';
import { z } from 'zod';

/**
 * Jobs made either by a BullMQ job scheduler (`scheduled`) or by an HR admin's "now" (`manual`):
 * the digest and the sweeps. Such a job carries no data beyond what started it,
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

/** Whether the id is a "now" run's (`manual-<uuid>`), not a scheduled time's. */
export function isManualJobId(id: string): boolean {
  return MANUAL_JOB_ID.test(id);
}

/** States of a job that has not started yet (BullMQ's names). */
const NOT_STARTED: ReadonlySet<string> = new Set(['waiting', 'prioritized', 'waiting-children']);
/** Rounds of "the run found has started: free its id and add again" before answering with it. */
const MERGE_ROUNDS = 5;

export interface ManualRunOptions {
  /** Only these organisations (a digest "now" by someone acting for these); left out, all. */
  organisations?: readonly string[];
  /** A waiting job that answers the request as well (a scheduled sweep, say). */
  answersFor?: (job: Job) => boolean;
}

/**
 * BullMQ's deduplication id of the "now" runs of a queue for the same organisations: while one
 * waits, it is the only one.
 */
function deduplicationIdOf(organisations: readonly string[] | undefined): string {
  return organisations ? `manual:${[...organisations].sort().join('+')}` : 'manual';
}

/**
 * "Now": a job of its own id (`manual-<uuid>`), never one of the scheduled times', unless a run
 * that has not started yet answers for it (connector.md: asking again while one is waiting adds
 * nothing). `answersFor` finds such a run among the waiting jobs; BullMQ's deduplication makes
 * concurrent requests agree on one manual run. A run that has started (or waits to retry after a
 * failed attempt) may already be past what the request is about, so its deduplication id is freed
 * (only while it still names that run) and a new run is added. A short-lived queue on the
 * caller's connection: the action is rare. Returns the id of the job that answers the request.
 */
export async function queueManualRun(
  connection: Redis,
  prefix: string,
  queueName: string,
  opts: JobsOptions,
  { organisations, answersFor }: ManualRunOptions = {},
): Promise<string> {
  const queue = new Queue<ScheduledJobData>(queueName, { connection, prefix });
  try {
    if (answersFor) {
      const waiting = await queue.getJobs(['waiting', 'prioritized'], 0, 19, true);
      const found = waiting.find((job) => answersFor(job))?.id;
      if (found) return found;
    }
    const data: ScheduledJobData = organisations
      ? { trigger: 'manual', organisations: [...organisations] }
      : { trigger: 'manual' };
    const deduplication = { id: deduplicationIdOf(organisations) };
    for (let round = 1; ; round += 1) {
      const jobId = `manual-${randomUUID()}`;
      const job = await queue.add('manual', data, { ...opts, jobId, deduplication });
      const answering = job.id ?? jobId;
      if (answering === jobId || round >= MERGE_ROUNDS) return answering;
      if (NOT_STARTED.has(await queue.getJobState(answering))) return answering;
      await job.removeDeduplicationKey();
    }
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
