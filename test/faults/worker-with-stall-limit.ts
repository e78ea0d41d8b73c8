/**
 * For diagnosis only (`npm run test:faults -- --max-stalled-count N`): test/helpers/worker-process.ts
 * with BullMQ's `maxStalledCount` taken from `FAULTS_MAX_STALLED_COUNT`, to show which failures of a
 * run come from the stall limit alone. The suite's own runs use test/helpers/worker-process.ts.
 */
import { loadConfig } from '../../config';
import { createLogger } from '../../src/platform/logger';
import { createPersistentConnection } from '../../src/store/redis-connections';
import { startTransferWorker } from '../../workers/start-transfer-worker';

const config = loadConfig(process.env, 'worker');
const logger = createLogger({ level: 'info', service: 'test-worker' });
if (!config.redis) throw new Error('REDIS_URL or REDIS_SENTINELS is required');
const maxStalledCount = Number(process.env.FAULTS_MAX_STALLED_COUNT);
if (!Number.isInteger(maxStalledCount) || maxStalledCount < 1)
  throw new Error('FAULTS_MAX_STALLED_COUNT must be a whole number from 1');
const connection = createPersistentConnection(config.redis, logger);
const worker = startTransferWorker(config, connection, logger, {
  lockDurationMs: 2000,
  stalledIntervalMs: 1000,
  maxStalledCount,
  backoff: { baseMs: 100, maxMs: 1000 },
});
worker.on('ready', () => process.stdout.write('worker-ready\n'));
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
