import { loadConfigOrExit } from '../config';
import { handleProcessErrors } from '../src/platform/error-handler';
import { createLogger } from '../src/platform/logger';
import { ShutdownSequence } from '../src/platform/shutdown';
import { createPersistentConnection } from '../src/store/redis-connections';
import { startTransferWorker } from './start-transfer-worker';

/**
 * Worker entry: config, one Redis connection that retries forever, the worker, and an orderly
 * shutdown on a signal or a fatal error (exit 1).
 */
function main(): void {
  const config = loadConfigOrExit('worker');
  const logger = createLogger({ level: config.logLevel, service: 'transfer-worker' });
  if (!config.redisUrl || !config.trac.baseUrl || !config.esr.baseUrl) {
    process.stderr.write(
      'The worker alone needs REDIS_URL, TRAC_BASE_URL and ESR_BASE_URL. For the embedded Redis and the sandboxes, run `npm start`.\n',
    );
    process.exit(1);
  }
  // signals and fatal errors are handled before anything starts: a SIGTERM or an uncaught exception
  // right after start-up still stops in order
  const shutdown = new ShutdownSequence(logger).handleSignals();
  handleProcessErrors(logger, shutdown);
  const connection = createPersistentConnection(config.redisUrl, logger);
  shutdown.onStop({ name: 'redis', run: () => connection.quit() });
  const worker = startTransferWorker(config, connection, logger);
  // close() waits for active jobs; past the deadline their locks lapse and another worker re-runs
  // them safely (ledger + idempotency keys)
  shutdown.onStop({ name: 'worker', run: () => worker.close(), deadlineMs: 20_000 });
  logger.info('transfer worker started', { concurrency: config.workerConcurrency, pid: process.pid });
}

main();
