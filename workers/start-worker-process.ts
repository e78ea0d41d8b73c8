import type Redis from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../src/platform/logger';
import { startCompactionWorker } from './start-compaction-worker';
import { startDigestWorker } from './start-digest-worker';
import { startPreviewWorker } from './start-preview-worker';
import { startSweepWorker } from './start-sweep-worker';
import { startTransferWorker } from './start-transfer-worker';
import { startWorkerHealth } from './start-worker-health';

/** One part of a worker process, as the shutdown sequence closes it. */
export interface WorkerPart {
  name: string;
  close(): Promise<void>;
  /** How long closing may take before the process goes on without it, milliseconds. */
  deadlineMs?: number;
}

/**
 * Everything a worker process runs on its Redis connection, in start order: transfers, then the
 * scheduled and HR-started jobs (digest, match previews, sweeps, compaction), each
 * on a BullMQ queue of its own, and the worker's heartbeat and health endpoint. The entry point
 * closes them in reverse order, then Redis. `onFatal` stops the process (a health port taken).
 */
export function startWorkerParts(
  config: Config,
  connection: Redis,
  logger: Logger,
  onFatal: (error: Error) => void,
): WorkerPart[] {
  const transfers = startTransferWorker(config, connection, logger);
  const digest = startDigestWorker(config, connection, logger);
  const previews = startPreviewWorker(config, connection, logger);
  const sweeps = startSweepWorker(config, connection, logger);
  const compaction = startCompactionWorker(config, connection, logger);
  return [
    // close() waits for active jobs; past the deadline their locks lapse and another worker re-runs
    // them safely (ledger + idempotency keys)
    { name: 'worker', close: () => transfers.close(), deadlineMs: 20_000 },
    { name: 'digest worker', close: () => digest.close() },
    { name: 'preview worker', close: () => previews.close(), deadlineMs: 20_000 },
    { name: 'sweep worker', close: () => sweeps.close() },
    { name: 'compaction worker', close: () => compaction.close() },
    // closed first: a worker that is stopping takes no more jobs, and says so at once
    startWorkerHealth(config, transfers, connection, logger, onFatal),
  ];
}
