import { hostname } from 'node:os';
import type Redis from 'ioredis';
import type { Logger } from '../src/platform/logger';
import { startRedisDeadline } from '../src/store/redis-deadline';
import {
  recordWorkerHeartbeat,
  removeWorkerHeartbeat,
  WORKER_HEARTBEAT_EVERY_MS,
  WORKER_HEARTBEAT_STALE_MS,
} from '../src/store/worker-heartbeats';

/** What the heartbeat asks of the BullMQ worker; a `Worker` fits. */
export interface HeartbeatWorker {
  isRunning(): boolean;
  isPaused(): boolean;
}

/** Why a worker is not taking jobs (its health endpoint's `reason`). */
export type NotTakingJobs = 'starting' | 'worker_not_running' | 'worker_paused' | 'redis_unreachable';

export interface WorkerHeartbeat {
  /** Undefined while the worker takes jobs; else why not. */
  problem(): NotTakingJobs | undefined;
  /** Stops beating and removes this worker's mark, so that it leaves `dit_workers_alive` at once. */
  close(): Promise<void>;
}

export interface WorkerHeartbeatOptions {
  /** How often to beat, milliseconds; default WORKER_HEARTBEAT_EVERY_MS. */
  everyMs?: number;
  /** A worker whose last beat is older than this is not taking jobs; default WORKER_HEARTBEAT_STALE_MS. */
  staleMs?: number;
  /** This worker's id in Redis; default `host:pid`. */
  workerId?: string;
  now?: () => number;
}

/**
 * Marks the worker alive in Redis while it takes jobs: its BullMQ worker runs, is not paused, and
 * Redis accepted the last mark within `staleMs`. A process whose event loop stalls beats no more,
 * and its health endpoint cannot answer either: both say "not taking jobs".
 */
export function startWorkerHeartbeat(
  worker: HeartbeatWorker,
  redis: Redis,
  prefix: string,
  logger: Logger,
  options: WorkerHeartbeatOptions = {},
): WorkerHeartbeat {
  const everyMs = options.everyMs ?? WORKER_HEARTBEAT_EVERY_MS;
  const staleMs = options.staleMs ?? WORKER_HEARTBEAT_STALE_MS;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}`;
  const now = options.now ?? Date.now;
  let lastBeatAt: number | undefined;
  let beating: Promise<void> | undefined;
  let failing = false;

  function workerProblem(): NotTakingJobs | undefined {
    if (!worker.isRunning()) return 'worker_not_running';
    if (worker.isPaused()) return 'worker_paused';
    return undefined;
  }

  async function beat(): Promise<void> {
    if (workerProblem()) return;
    const at = now();
    try {
      // the worker's connection waits for ever while Redis is away: a beat gives up well before the next
      await startRedisDeadline(everyMs).run('heartbeat', recordWorkerHeartbeat(redis, prefix, workerId, at));
      lastBeatAt = at;
      if (failing) logger.info('worker heartbeat restored');
      failing = false;
    } catch (error) {
      if (!failing) logger.warn('worker heartbeat not recorded', { error: (error as Error).message });
      failing = true;
    }
  }

  const tick = () => {
    beating ??= beat().finally(() => (beating = undefined));
  };
  tick();
  const timer = setInterval(tick, everyMs).unref();

  return {
    problem() {
      const problem = workerProblem();
      if (problem) return problem;
      if (lastBeatAt === undefined) return failing ? 'redis_unreachable' : 'starting';
      return now() - lastBeatAt > staleMs ? 'redis_unreachable' : undefined;
    },
    async close() {
      clearInterval(timer);
      await beating;
      await startRedisDeadline(1000)
        .run('heartbeat removal', removeWorkerHeartbeat(redis, prefix, workerId))
        .catch(() => undefined); // its mark then goes stale on its own
    },
  };
}
