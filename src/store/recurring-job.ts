import { Queue, Worker, type JobsOptions, type Processor } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from '../platform/logger';

/** When a scheduler makes its jobs: every so many milliseconds, or at a cron pattern's times in a time zone. */
export type RecurringRepeat = { every: number } | { pattern: string; tz: string };

/** One job scheduler of a recurring job's queue. */
export interface RecurringSchedule {
  /** The scheduler's id: upserted by every worker process, so it exists once. */
  id: string;
  /** When its jobs come; undefined removes the scheduler (the job is switched off). */
  repeat: RecurringRepeat | undefined;
  /** The name, data and options of the jobs it makes. */
  job: { name: string; data?: unknown; opts: JobsOptions };
}

/** Attempts at registering a scheduler, and the pause between them, milliseconds. */
const UPSERT_TRIES = 3;
const UPSERT_PAUSE_MS = 500;

/**
 * A recurring job's queue, beside the transfers' under the same `QUEUE_PREFIX`, on an existing
 * connection (which stays the caller's). `label` names it in the logs.
 */
export function createRecurringQueue<Data>(
  name: string,
  connection: Redis,
  prefix: string,
  label: string,
  logger?: Logger,
): Queue<Data> {
  const queue = new Queue<Data>(name, { connection, prefix });
  queue.on('error', (error: Error) => logger?.debug(`${label} queue error`, { error: error.message }));
  return queue;
}

/** Whether the stored scheduler already makes its jobs at these times. */
async function holds(queue: Queue, { id, repeat }: RecurringSchedule): Promise<boolean> {
  const existing = await queue.getJobScheduler(id);
  if (!existing || !repeat) return false;
  if ('every' in repeat) return Number(existing.every) === repeat.every;
  return existing.pattern === repeat.pattern && existing.tz === repeat.tz;
}

/**
 * Makes the queue run one job at a time across every worker process (BullMQ's global concurrency),
 * then creates, updates or removes each scheduler. BullMQ keys each scheduled job by scheduler and
 * time, so several worker processes upserting one still make one job per time. Two processes
 * upserting at once can make BullMQ refuse one of them ("job ID already exists": the other made
 * that time's job); the refused one is satisfied when the scheduler it finds holds its times, and
 * tries again otherwise.
 */
export async function keepSchedules(queue: Queue, schedules: readonly RecurringSchedule[]): Promise<void> {
  await queue.setGlobalConcurrency(1);
  for (const schedule of schedules) {
    const { id, repeat, job } = schedule;
    if (!repeat) {
      await queue.removeJobScheduler(id);
      continue;
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        await queue.upsertJobScheduler(id, repeat, job);
        break;
      } catch (error) {
        if (await holds(queue, schedule)) break;
        if (attempt >= UPSERT_TRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, UPSERT_PAUSE_MS));
      }
    }
  }
}

export interface RecurringJobOptions<Data, Result> {
  queueName: string;
  /** What the logs call it ('digest', 'reconciliation sweep', 'compaction'). */
  label: string;
  schedules: readonly RecurringSchedule[];
  /** Runs one job; left out, this process keeps the schedules and runs no job. */
  process?: Processor<Data, Result>;
}

export interface RecurringJob<Data, Result> {
  queue: Queue<Data>;
  /** The worker, when there is a `process`: for the caller's own listeners. */
  worker: Worker<Data, Result> | undefined;
  /** Resolves once the schedules are kept; the worker takes jobs from then on, never before. */
  ready: Promise<void>;
  /** Waits for the schedules, then closes the worker (waiting for its job) and the queue. */
  close: () => Promise<void>;
}

/**
 * A job that recurs once across every worker process: its own queue, its schedulers, and a worker
 * that runs one job at a time here and, through the queue's global concurrency, everywhere. Used
 * by the digest, the sweeps and the compaction; jobs that an HR admin asks for
 * ("now") go to the same queue and so wait for any run in progress.
 */
export function startRecurringJob<Data, Result>(
  connection: Redis,
  prefix: string,
  logger: Logger,
  options: RecurringJobOptions<Data, Result>,
): RecurringJob<Data, Result> {
  const { queueName, label, schedules, process } = options;
  const queue = createRecurringQueue<Data>(queueName, connection, prefix, label, logger);
  const worker = process
    ? new Worker<Data, Result>(queueName, process, { connection, prefix, concurrency: 1, autorun: false })
    : undefined;
  worker?.on('error', (error) => logger.error(`${label} worker error`, { error: error.message }));
  const ready = keepSchedules(queue as Queue, schedules);
  ready.then(
    () =>
      void worker
        ?.run()
        .catch((error: Error) => logger.error(`${label} worker stopped`, { error: error.message })),
    (error: Error) => logger.error(`${label} schedule not kept`, { error: error.message }),
  );
  return {
    queue,
    worker,
    ready,
    close: async () => {
      await ready.catch(() => undefined);
      await worker?.close();
      await queue.close();
    },
  };
}
