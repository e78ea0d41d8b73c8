import type Redis from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../src/platform/logger';
import { startWorkerHeartbeat, type HeartbeatWorker, type WorkerHeartbeatOptions } from './worker-heartbeat';
import {
  createWorkerHealthServer,
  listenWorkerHealth,
  type WorkerHealthServer,
} from './worker-health-server';

export type WorkerHealthConfig = Pick<Config, 'queuePrefix' | 'host' | 'workerHealthPort'>;

/**
 * The worker's heartbeat (always: the receiver's `dit_workers_alive` counts it) and, when
 * `WORKER_HEALTH_PORT` is set, its health endpoint. A port that cannot be listened on is fatal
 * (`onFatal`): a health check that can never pass must not look like a wedged worker.
 */
export function startWorkerHealth(
  config: WorkerHealthConfig,
  worker: HeartbeatWorker,
  connection: Redis,
  logger: Logger,
  onFatal: (error: Error) => void,
  tuning: WorkerHeartbeatOptions = {},
): { name: string; close(): Promise<void> } {
  const heartbeat = startWorkerHeartbeat(worker, connection, config.queuePrefix, logger, tuning);
  let listening: Promise<WorkerHealthServer | undefined> = Promise.resolve(undefined);
  const port = config.workerHealthPort;
  if (port !== undefined) {
    listening = listenWorkerHealth(createWorkerHealthServer(heartbeat), port, config.host).then(
      (server) => {
        logger.info('worker health listening', { port: server.port, host: config.host });
        return server;
      },
      (error: Error) => {
        onFatal(new Error(`WORKER_HEALTH_PORT ${port}: ${error.message}`, { cause: error }));
        return undefined;
      },
    );
  }
  return {
    name: 'worker health',
    async close() {
      await (await listening)?.close();
      await heartbeat.close();
    },
  };
}
