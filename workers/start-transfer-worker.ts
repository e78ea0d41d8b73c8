import type { Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Config } from '../config';
import { createOrganisationDirectory } from '../config/organisations';
import { createEsrClient } from '../src/esr/esr-client';
import { createEsrRateLimiter } from '../src/store/esr-rate-limiter';
import { loggerInTrace, type Logger } from '../src/platform/logger';
import type { RunTrace } from '../src/platform/tracing/spans';
import { createLatencyRecorder } from '../src/store/latency-counters';
import {
  createTransferWorker,
  DEFAULT_LOCK_DURATION_MS,
  type TransferWorkerOptions,
} from './create-transfer-worker';
import type { TransferJob } from '../src/transfer/transfer-job';
import { createTracClient } from '../src/trac/trac-client';
import { createOutcomeCounter } from '../src/store/outcome-counters';
import { createRunsInFlight, createTransferProcessor } from './process-transfer-job';
import { recordStallFailures } from './record-stall-failures';
import { traceTransferRuns } from './trace-transfer-runs';
import { createTransferStore } from '../src/store/transfer-store';

export type WorkerConfig = Pick<
  Config,
  | 'queuePrefix'
  | 'organisationsFile'
  | 'triggerStatuses'
  | 'workerConcurrency'
  | 'esrRateLimitPerSecond'
  | 'httpTimeoutMs'
  | 'trac'
  | 'esr'
> &
  /** With Sentinel, a professional registration's attempt marker waits for a replica (transfer-store.ts). */
  Partial<Pick<Config, 'redis'>>;

export type WorkerTuning = Pick<
  TransferWorkerOptions,
  'backoff' | 'lockDurationMs' | 'stalledIntervalMs' | 'maxStalledCount'
> & {
  /** How often latencies and outcome counts are written to Redis; default METRICS_FLUSH_EVERY_MS. */
  latencyFlushEveryMs?: number;
};

/** Latencies and outcome counts are written to Redis at most this often (one MULTI each), milliseconds. */
const METRICS_FLUSH_EVERY_MS = 1000;

/** Wires clients, store and processor into a running BullMQ worker (used by the entry point and tests). */
export function startTransferWorker(
  config: WorkerConfig,
  connection: Redis,
  logger: Logger,
  tuning: WorkerTuning = {},
): Worker<TransferJob> {
  const { trac, esr } = config;
  if (!trac.baseUrl || !esr.baseUrl)
    throw new Error('TRAC_BASE_URL and ESR_BASE_URL must be resolved before the worker starts');
  const limiter = createEsrRateLimiter(connection, config.queuePrefix, config.esrRateLimitPerSecond);
  const store = createTransferStore(connection, config.queuePrefix, {
    replicasToWaitFor: config.redis?.kind === 'sentinel' ? 1 : 0,
  });
  const { latencyFlushEveryMs = METRICS_FLUSH_EVERY_MS, ...workerTuning } = tuning;
  const tracLatency = createLatencyRecorder(connection, config.queuePrefix, 'trac', latencyFlushEveryMs);
  const esrLatency = createLatencyRecorder(connection, config.queuePrefix, 'esr', latencyFlushEveryMs);
  const outcomes = createOutcomeCounter(connection, config.queuePrefix, latencyFlushEveryMs);
  const tracClient = createTracClient({
    ...trac,
    baseUrl: trac.baseUrl,
    timeoutMs: config.httpTimeoutMs,
    observe: tracLatency.observe,
  });
  const esrClient = createEsrClient({
    ...esr,
    baseUrl: esr.baseUrl,
    timeoutMs: config.httpTimeoutMs,
    beforeRequest: () => limiter.take(),
    observe: esrLatency.observe,
  });
  const organisations = createOrganisationDirectory(config.organisationsFile);
  const runsInFlight = createRunsInFlight();
  const processorIn = (runTrace: RunTrace) =>
    createTransferProcessor(
      {
        trac: tracClient.inTrace(runTrace),
        esr: esrClient.inTrace(runTrace),
        store,
        organisations,
        triggerStatuses: config.triggerStatuses,
        now: () => new Date(),
        logger: loggerInTrace(logger, runTrace),
        countOutcome: (...outcome) => outcomes.count(...outcome),
      },
      workerTuning.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS,
      runsInFlight,
    );
  const worker = createTransferWorker({
    connection,
    prefix: config.queuePrefix,
    concurrency: config.workerConcurrency,
    processor: traceTransferRuns(processorIn),
    logger,
    ...workerTuning,
  });
  recordStallFailures(worker, connection, config.queuePrefix, store, logger);
  // once the last job is done, before the caller closes the connection
  worker.on(
    'closed',
    () => void Promise.all([tracLatency.flush(), esrLatency.flush(), outcomes.flush(), store.close()]),
  );
  return worker;
}
