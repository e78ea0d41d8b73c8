import { loadConfigOrExit } from '../config';
import { describeError, handleProcessErrors } from '../src/platform/error-handler';
import { createLogger } from '../src/platform/logger';
import { ShutdownSequence } from '../src/platform/shutdown';
import { startProcessTracing } from '../src/platform/tracing/start-tracing';
import { createPersistentConnection } from '../src/store/redis-connections';
import { startWorkerParts } from './start-worker-process';

/**
 * Worker entry: config, one Redis connection that retries forever, the worker's parts (transfers,
 * digest, previews, sweeps, compaction), and an orderly shutdown on a signal or a fatal error
 * (exit 1).
 */
function main(): void {
  const config = loadConfigOrExit('worker');
  const logger = createLogger({ level: config.logLevel, service: 'transfer-worker' });
  if (!config.redis || !config.trac.baseUrl || !config.esr.baseUrl) {
    process.stderr.write(
      'The worker alone needs REDIS_URL (or REDIS_SENTINELS), TRAC_BASE_URL and ESR_BASE_URL. For the embedded Redis and the sandboxes, run `npm start`.\n',
    );
    process.exit(1);
  }
  // signals and fatal errors are handled before anything starts: a SIGTERM or an uncaught exception
  // right after start-up still stops in order
  const shutdown = new ShutdownSequence(logger).handleSignals();
  handleProcessErrors(logger, shutdown);
  // each run hands its trace to its clients and logger: no async hook on every promise (docs/benchmark.md)
  startProcessTracing('dit-checks-worker', config.otlpEndpoint, logger, shutdown, 'explicit');
  const connection = createPersistentConnection(config.redis, logger);
  shutdown.onStop({ name: 'redis', run: () => connection.quit() });
  const fail = (error: Error) => {
    logger.error('worker cannot run: stopping', { error: describeError(error) });
    void shutdown.stop(1);
  };
  for (const part of startWorkerParts(config, connection, logger, fail)) {
    shutdown.onStop({ name: part.name, run: () => part.close(), deadlineMs: part.deadlineMs });
  }
  logger.info('transfer worker started', { concurrency: config.workerConcurrency, pid: process.pid });
}

main();
