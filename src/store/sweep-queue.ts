import type { Job, JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from '../platform/logger';
import { createRecurringQueue, type RecurringSchedule } from './recurring-job';
import { madeJobIdOf, queueManualRun, type ScheduledJobData } from './scheduled-jobs';

/**
 * The sweeps' own small queue, beside the transfers' under the same `QUEUE_PREFIX`. Its name in
 * Redis keeps the word it had before the glossary (docs/glossary.md), so that jobs queued before an
 * upgrade are still found.
 */
export const SWEEP_QUEUE_NAME = 'reconciliation';
/** The one job scheduler of the sweeps, upserted by every worker process so that it exists once (kept in Redis too). */
export const SWEEP_SCHEDULER_ID = 'reconciliation-sweep';

/** A sweep job carries no data beyond what started it (scheduled-jobs.ts). */
export type SweepJobData = ScheduledJobData;
export type SweepQueue = Queue<SweepJobData>;

/** How a sweep that could not finish (Trac unreachable, `5xx`) is retried. */
export interface SweepRetry {
  /** Runs before giving up until the next sweep (default 5). */
  attempts: number;
  /** First wait, doubled each time, milliseconds (default 30 000: 7.5 minutes in all). */
  delayMs: number;
}
export const DEFAULT_SWEEP_RETRY: SweepRetry = { attempts: 5, delayMs: 30_000 };

function jobOptionsOf(retry: SweepRetry) {
  return {
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.delayMs },
    // the sweeps' own records (sweep-log.ts) are what HR reads; jobs are kept only to look into
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 100 },
  } as const satisfies JobsOptions;
}

/** The sweeps' queue on an existing connection; the connection stays the caller's. */
export function createSweepQueue(connection: Redis, prefix: string, logger?: Logger): SweepQueue {
  return createRecurringQueue(SWEEP_QUEUE_NAME, connection, prefix, 'reconciliation', logger);
}

/**
 * The sweeps' scheduler (src/store/recurring-job.ts): a sweep every `intervalSeconds`; interval 0,
 * no scheduler (sweeps only when HR asks).
 */
export function sweepSchedule(intervalSeconds: number, retry = DEFAULT_SWEEP_RETRY): RecurringSchedule {
  return {
    id: SWEEP_SCHEDULER_ID,
    repeat: intervalSeconds > 0 ? { every: intervalSeconds * 1000 } : undefined,
    job: { name: 'scheduled', data: { trigger: 'scheduled' }, opts: jobOptionsOf(retry) },
  };
}

/**
 * "Sweep now": answered by a sweep that waits (scheduled or asked for), else a job of its own id,
 * which waits for any sweep running. Returns the id of the sweep that answers.
 */
export function queueSweepNow(connection: Redis, prefix: string, retry = DEFAULT_SWEEP_RETRY) {
  return queueManualRun(connection, prefix, SWEEP_QUEUE_NAME, jobOptionsOf(retry), {
    answersFor: isSweepJob,
  });
}

/** Whether this code made the job (scheduled-jobs.ts); another job (one added by hand) must not sweep. */
export function isSweepJob(job: Pick<Job, 'id' | 'name' | 'data'>): boolean {
  return madeJobIdOf(job, SWEEP_SCHEDULER_ID) !== undefined;
}
