import { UnrecoverableError, type Job } from 'bullmq';
import type Redis from 'ioredis';
import type { Config } from '../config';
import { createOrganisationDirectory } from '../config/organisations';
import { PermanentError } from '../src/platform/errors';
import { loggerInTrace, type Logger } from '../src/platform/logger';
import type { RunTrace } from '../src/platform/tracing/spans';
import { createLatencyRecorder } from '../src/store/latency-counters';
import {
  DEFAULT_SWEEP_RETRY,
  isSweepJob,
  SWEEP_QUEUE_NAME,
  sweepSchedule,
  type SweepJobData,
  type SweepRetry,
} from '../src/store/sweep-queue';
import { startRecurringJob } from '../src/store/recurring-job';
import { createSweepLog } from '../src/store/sweep-log';
import { createTracListCounter } from '../src/store/trac-list-counts';
import { createTransferQueue } from '../src/store/transfer-queue';
import { createTransferStarter } from '../src/store/transfer-starter';
import { createTransferStore } from '../src/store/transfer-store';
import { findUnqueuedTransfers } from '../src/store/unqueued-transfers';
import { createTracClient } from '../src/trac/trac-client';
import { runSweepAttempt, type SweepPorts } from '../src/transfer/run-sweep';
import { traceJobRuns } from './trace-job-runs';

export type SweepWorkerConfig = Pick<
  Config,
  | 'queuePrefix'
  | 'organisationsFile'
  | 'triggerStatuses'
  | 'transferAttempts'
  | 'httpTimeoutMs'
  | 'trac'
  | 'reconcileIntervalSeconds'
  | 'reconcileLookbackHours'
>;

export interface SweepWorkerTuning {
  retry?: SweepRetry;
  /** The clock of the sweeps (their start, the watermark); default the system clock. */
  now?: () => Date;
}

export interface SweepWorker {
  /** Resolves once the scheduler is registered (or removed, interval 0) and the worker listens. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * The sweeps' edge of a worker process: the scheduler (upserted, or removed when
 * `RECONCILE_INTERVAL_SECONDS` is 0) and a worker for the sweeps' queue, which also runs the
 * sweeps HR asks for. One sweep at a time across every process: concurrency 1 here, and the
 * queue's global concurrency 1 for all of them. A sweep that fails is retried with backoff
 * (a permanent Trac refusal of every listing that failed is not: the next scheduled sweep tries
 * again); one organisation's failed listing never stops the others' (src/transfer/run-sweep.ts).
 */
export function startSweepWorker(
  config: SweepWorkerConfig,
  connection: Redis,
  logger: Logger,
  tuning: SweepWorkerTuning = {},
): SweepWorker {
  const log = logger.child({ component: 'reconciliation' });
  if (!config.trac.baseUrl) throw new Error('TRAC_BASE_URL must be resolved before the sweep worker starts');
  const prefix = config.queuePrefix;
  const transfers = createTransferQueue(connection, prefix, config.transferAttempts, log);
  const store = createTransferStore(connection, prefix);
  const tracLatency = createLatencyRecorder(connection, prefix, 'trac', 1000);
  const listCounter = createTracListCounter(connection, prefix);
  const trac = createTracClient({
    ...config.trac,
    baseUrl: config.trac.baseUrl,
    timeoutMs: config.httpTimeoutMs,
    observe: tracLatency.observe,
    onListItemSkipped: listCounter.skipped,
  });
  const now = tuning.now ?? (() => new Date());
  const organisations = createOrganisationDirectory(config.organisationsFile);
  // a run's Trac listing and log lines are in its trace (tracing on); the transfers it queues have their own
  const sweepRecords = createSweepLog(connection, prefix, now);
  // the process's one transfer starter: a sweep starts what a webhook would, and queues lost jobs
  const starter = createTransferStarter(store, transfers, organisations, log, now);
  const portsIn = (runTrace: RunTrace, runLog = loggerInTrace(log, runTrace)): SweepPorts => ({
    organisations,
    triggerStatuses: config.triggerStatuses,
    listApplicants: (query) => trac.inTrace(runTrace).listApplicants(query),
    listingFailed: (organisationCode, error) =>
      runLog.warn('reconciliation listing failed; the other organisations are listed all the same', {
        organisationCode,
        error: error instanceof Error ? error.message : String(error),
      }),
    starter,
    unqueuedTransfers: (staleBefore) => findUnqueuedTransfers(connection, prefix, transfers, staleBefore),
    log: sweepRecords,
    lookbackHours: config.reconcileLookbackHours,
    now,
  });

  const sweeps = startRecurringJob(connection, prefix, log, {
    queueName: SWEEP_QUEUE_NAME,
    label: 'reconciliation sweep',
    schedules: [sweepSchedule(config.reconcileIntervalSeconds, tuning.retry ?? DEFAULT_SWEEP_RETRY)],
    process: traceJobRuns('reconciliation sweep', (runTrace) => async (job: Job<SweepJobData>) => {
      if (!isSweepJob(job)) throw new UnrecoverableError(`not a sweep job this connector made: ${job.id}`);
      const ports = portsIn(runTrace);
      try {
        const record = await runSweepAttempt(ports);
        loggerInTrace(log, runTrace).info('reconciliation sweep completed', { jobId: job.id, ...record });
        return record;
      } catch (error) {
        if (error instanceof PermanentError) throw new UnrecoverableError(error.message);
        throw error;
      }
    }),
  });
  sweeps.worker?.on('failed', (job, error) =>
    log.warn('reconciliation sweep failed', {
      jobId: job?.id,
      attemptsMade: job?.attemptsMade,
      error: error.message,
    }),
  );
  return {
    ready: sweeps.ready,
    async close() {
      await sweeps.close();
      await Promise.all([transfers.close(), tracLatency.flush(), listCounter.flush()]);
    },
  };
}
