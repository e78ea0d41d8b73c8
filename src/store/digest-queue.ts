import type { Job, JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from '../platform/logger';
import { createRecurringQueue, type RecurringSchedule } from './recurring-job';
import { madeJobIdOf, queueManualRun, type ScheduledJobData } from './scheduled-jobs';

/** The digest's own small queue, beside the transfers' under the same `QUEUE_PREFIX`. */
export const DIGEST_QUEUE_NAME = 'digest';
/** The one job scheduler of the digest: upserted by every worker process, so it exists once. */
export const DIGEST_SCHEDULER_ID = 'digest-schedule';
/** `DIGEST_SCHEDULE` is read in this time zone (connector.md). */
export const DIGEST_TIME_ZONE = 'Europe/London';

/** A digest job carries no data beyond what started it (scheduled-jobs.ts). */
export type DigestJobData = ScheduledJobData;
export type DigestQueue = Queue<DigestJobData>;

/** How a digest run whose relay is down or refuses is retried. */
export interface DigestRetry {
  /** Runs before giving up (default 10). */
  attempts: number;
  /** First wait, doubled each time, milliseconds (default 60 000: about 8.5 hours in all). */
  delayMs: number;
}
export const DEFAULT_DIGEST_RETRY: DigestRetry = { attempts: 10, delayMs: 60_000 };

const DAY_SECONDS = 24 * 60 * 60;

function jobOptionsOf(retry: DigestRetry) {
  return {
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.delayMs },
    removeOnComplete: { age: 30 * DAY_SECONDS },
    removeOnFail: { age: 30 * DAY_SECONDS },
  } as const satisfies JobsOptions;
}

/** The digest queue on an existing connection; the connection stays the caller's. */
export function createDigestQueue(connection: Redis, prefix: string, logger?: Logger): DigestQueue {
  return createRecurringQueue(DIGEST_QUEUE_NAME, connection, prefix, 'digest', logger);
}

/**
 * The digest's scheduler (src/store/recurring-job.ts): one job per `pattern` time, Europe/London;
 * no pattern (no `SMTP_URL`, no digest), no scheduler, so no scheduled job waits for a sender.
 */
export function digestSchedule(pattern: string | undefined, retry = DEFAULT_DIGEST_RETRY): RecurringSchedule {
  return {
    id: DIGEST_SCHEDULER_ID,
    repeat: pattern === undefined ? undefined : { pattern, tz: DIGEST_TIME_ZONE },
    job: { name: 'scheduled', data: { trigger: 'scheduled' }, opts: jobOptionsOf(retry) },
  };
}

/**
 * "Send the digest now": a job of its own id, so its slot is its own and never one of the
 * scheduled times'. It carries the organisations to send for, when not all (`'*'`).
 */
export function queueDigestNow(
  connection: Redis,
  prefix: string,
  retry = DEFAULT_DIGEST_RETRY,
  organisations: readonly string[] | '*' = '*',
) {
  const only = organisations === '*' ? undefined : organisations;
  return queueManualRun(connection, prefix, DIGEST_QUEUE_NAME, jobOptionsOf(retry), {
    organisations: only,
  });
}

/**
 * The slot a digest job stands for: its id, which BullMQ keeps across retries. A scheduled job's id
 * names the scheduler and the time (`repeat:digest-schedule:<ms>`); a manual one is `manual-<uuid>`.
 * Undefined for a job this code did not make (another name, data or id): it must not send.
 */
export function digestSlotOf(job: Pick<Job, 'id' | 'name' | 'data'>): string | undefined {
  return madeJobIdOf(job, DIGEST_SCHEDULER_ID);
}
