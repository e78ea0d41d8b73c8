/**
 * `npm run receiver`: the HTTP receiver alone, and its composition root. Wires configuration,
 * Redis, the queue, the store's adapters and the app, listens, and shuts down in order on
 * SIGTERM/SIGINT or a fatal error (then exiting 1): stop accepting and finish in-flight requests,
 * then close the queue, then Redis. It starts no Redis of its own: the embedded one is `npm
 * start`'s (scripts/), which never reaches the build.
 */
import type { Server } from 'node:http';
import { describeRedisTarget, loadConfigOrExit, type Config, type RedisTarget } from '../config';
import { createOrganisationDirectory } from '../config/organisations';
import { createSignIn } from './admin/auth/sign-in';
import { createAdminTracClient } from './admin/transfers/admin-trac-client';
import { createApp } from './app';
import { handleProcessErrors } from './platform/error-handler';
import { createLogger } from './platform/logger';
import { createMetrics } from './platform/metrics';
import { createReceiverServer } from './platform/receiver-server';
import { ShutdownSequence } from './platform/shutdown';
import { startProcessTracing } from './platform/tracing/start-tracing';
import { createAdminStorage } from './store/admin-storage';
import { createReceiverAdapters } from './store/receiver-adapters';
import { createFailFastConnection } from './store/redis-connections';
import { createSignInStorage } from './store/sign-in-storage';
import { createTransferQueue } from './store/transfer-queue';

/** Secrets generated for this run cannot be logged (the logger redacts them): print them once. */
function printGeneratedSecrets(config: Config): void {
  const lines = Object.entries(config.generated).map(([name, value]) => `  ${name}=${value}`);
  if (lines.length === 0) return;
  process.stdout.write(
    `Generated for this run (development only; set them to keep them):\n${lines.join('\n')}\n`,
  );
}

/**
 * REDIS_URL or Sentinel: the receiver alone refuses to start without, as the worker does (outside
 * production the config leaves them unset for `npm start`, which starts a Redis and sets them).
 */
function requireRedisTarget(config: Config): RedisTarget {
  if (config.redis) return config.redis;
  process.stderr.write(
    'The receiver alone needs REDIS_URL (or REDIS_SENTINELS). For the embedded Redis and the sandboxes, run `npm start`.\n',
  );
  process.exit(1);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/**
 * Stops accepting connections and lets in-flight requests finish. Keep-alive connections are closed
 * as soon as they are idle, including those whose request finishes after the close began.
 */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close((error) => {
      clearInterval(sweep);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}

/** `http://host:port` of a listening server (the log key is not `address`: that one is redacted). */
function urlOf(server: Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') return String(address);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit('receiver');
  const redisTarget = requireRedisTarget(config);
  const logger = createLogger({ level: config.logLevel, service: 'receiver' });
  printGeneratedSecrets(config);
  // installed before anything starts: a signal or a fatal error during start-up still stops what
  // already runs
  const shutdown = new ShutdownSequence(logger).handleSignals();
  handleProcessErrors(logger, shutdown);
  startProcessTracing('dit-checks-receiver', config.otlpEndpoint, logger, shutdown);

  logger.info('redis configured', { redis: describeRedisTarget(redisTarget) });
  const redis = createFailFastConnection(redisTarget, logger);
  shutdown.onStop({ name: 'redis', run: () => redis.quit() });
  const queue = createTransferQueue(redis, config.queuePrefix, config.transferAttempts, logger);
  shutdown.onStop({ name: 'transfer queue', run: () => queue.close() });
  // listen only once Redis answers: a queue whose start-up check failed would stay broken, so a
  // failure here stops the process (to be restarted) rather than serve 503s forever
  await queue.waitUntilReady();
  // the one place the receiver's parts meet: the store's adapters, each behind its user's port
  const { tracLatency, ...adapters } = createReceiverAdapters(redis, config.queuePrefix, queue);
  const app = createApp({
    ...adapters,
    config,
    logger,
    queue,
    organisations: createOrganisationDirectory(config.organisationsFile),
    metrics: createMetrics({ queue }),
    signIn: createSignIn({
      config,
      logger,
      now: () => new Date(),
      ...createSignInStorage(redis, config.queuePrefix),
    }),
    // a manual start from the admin API asks Trac first (TRAC_* are required in production)
    admin: {
      storage: createAdminStorage(redis, config.queuePrefix, queue, logger),
      trac: createAdminTracClient(config, tracLatency.observe),
    },
  });

  const server = createReceiverServer(app, logger);
  await listen(server, config.port, config.host);
  shutdown.onStop({ name: 'http server', run: () => closeServer(server) });
  logger.info('receiver listening', { url: urlOf(server) });
}

main().catch((error: unknown) => {
  process.stderr.write(`receiver did not start: ${(error as Error).message}\n`);
  process.exit(1);
});
