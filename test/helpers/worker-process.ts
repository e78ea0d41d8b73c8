/**
 * A transfer worker as a separate process for crash tests (`node --import tsx`): the real wiring of
 * workers/transfer-worker.ts with short lock and stall intervals, so that a SIGKILLed worker's job
 * is picked up within seconds instead of the production 30.
 */
import { loadConfig } from '../../config';
import { createLogger } from '../../src/platform/logger';
import { createPersistentConnection } from '../../src/store/redis-connections';
import { startTransferWorker } from '../../workers/start-transfer-worker';

const config = loadConfig(process.env, 'worker');
const logger = createLogger({ level: 'info', service: 'test-worker' });
if (!config.redis) throw new Error('REDIS_URL or REDIS_SENTINELS is required');
const connection = createPersistentConnection(config.redis, logger);
const worker = startTransferWorker(config, connection, logger, {
  lockDurationMs: 2000,
  stalledIntervalMs: 1000,
  backoff: { baseMs: 100, maxMs: 1000 },
});
worker.on('ready', () => process.stdout.write('worker-ready\n'));
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
