/**
 * The fault suite's failover round: test/helpers/worker-process.ts (the real transfer worker with a
 * 2 s lock and a 1 s stalled check) plus the reconciliation sweep worker of a production worker
 * process (workers/start-sweep-worker.ts), so that `POST /admin/reconciliation` on a receiver runs
 * a real sweep. With `RECONCILE_INTERVAL_SECONDS=0` no sweep runs unless asked for.
 */
import { loadConfig } from '../../config';
import { createLogger } from '../../src/platform/logger';
import { createPersistentConnection } from '../../src/store/redis-connections';
import { startSweepWorker } from '../../workers/start-sweep-worker';
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
const sweeps = startSweepWorker(config, connection, logger, { retry: { attempts: 5, delayMs: 1000 } });
void Promise.all([sweeps.ready, new Promise<void>((ready) => worker.once('ready', () => ready()))]).then(() =>
  process.stdout.write('worker-ready\n'),
);
process.on('SIGTERM', () => {
  void Promise.all([worker.close(), sweeps.close()]).then(() => process.exit(0));
});
