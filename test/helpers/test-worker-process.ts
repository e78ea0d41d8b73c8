import { loadConfig } from '../../config';
import { createLogger } from '../../src/platform/logger';
import { createPersistentConnection } from '../../src/store/redis-connections';
import { startSweepWorker } from '../../workers/start-sweep-worker';
import { startTransferWorker } from '../../workers/start-transfer-worker';

/**
 * The body of the test worker processes (`node --import tsx`): the real wiring of
 * workers/transfer-worker.ts with a 2 s lock and a 1 s stalled check, so that a SIGKILLed worker's
 * job is picked up within seconds instead of the production 30; with `sweeps`, also the
 * sweep worker of a production worker process. Prints `worker-ready` when the
 * worker is ready (and the sweeps' scheduler registered); SIGTERM closes it and exits 0.
 */
export function runTestWorkerProcess(options: { sweeps: boolean }): void {
  const config = loadConfig(process.env, 'worker');
  const logger = createLogger({ level: 'info', service: 'test-worker' });
  if (!config.redis) throw new Error('REDIS_URL or REDIS_SENTINELS is required');
  const connection = createPersistentConnection(config.redis, logger);
  const worker = startTransferWorker(config, connection, logger, {
    lockDurationMs: 2000,
    stalledIntervalMs: 1000,
    backoff: { baseMs: 100, maxMs: 1000 },
  });
  const sweeps = options.sweeps
    ? startSweepWorker(config, connection, logger, { retry: { attempts: 5, delayMs: 1000 } })
    : undefined;
  worker.on('ready', () => {
    void Promise.resolve(sweeps?.ready).then(() => process.stdout.write('worker-ready\n'));
  });
  process.on('SIGTERM', () => {
    void Promise.all([worker.close(), sweeps?.close()]).then(() => process.exit(0));
  });
}
