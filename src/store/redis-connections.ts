import Redis, { type RedisOptions } from 'ioredis';
import type { RedisTarget } from '../../config';
import type { Logger } from '../platform/logger';

/** Where to connect: the configured target, or a plain `redis://` URL (tests and tools). */
export type RedisTargetInput = RedisTarget | string;

/**
 * With Sentinel, a command answered `READONLY` reached a replica: the master moved. Reconnecting
 * asks the sentinels again. The command was not executed, so resending it is safe. Not for a
 * plain URL: reconnecting would reach the same server, which an operator may have made a replica
 * on purpose (then `/health/ready` says so: `redis_refuses_writes`).
 */
function isReadOnly(error: Error): boolean {
  return error.message.startsWith('READONLY');
}

interface ConnectionStyle {
  /** Options for any target. */
  common: RedisOptions;
  /** Added for Sentinel: how long to wait for a sentinel, how to retry when none answers, READONLY. */
  sentinel: Pick<RedisOptions, 'sentinelCommandTimeout' | 'sentinelRetryStrategy' | 'reconnectOnError'>;
}

function connect(input: RedisTargetInput, style: ConnectionStyle, logger: Logger): Redis {
  const target: RedisTarget = typeof input === 'string' ? { kind: 'url', url: input } : input;
  const redis =
    target.kind === 'url'
      ? new Redis(target.url, { ...style.common, ...(target.password ? { password: target.password } : {}) })
      : new Redis({
          ...style.common,
          ...style.sentinel,
          sentinels: target.sentinels,
          name: target.name,
          password: target.password,
          sentinelPassword: target.sentinelPassword,
          // no `failoverDetector`: in ioredis 5 its +switch-master disconnect, arriving while the
          // connection is already re-resolving a dead master, ends the connection for good (status
          // `end`, no retry). Not needed either: Sentinel drops the clients of a master it demotes,
          // ioredis checks the role of every node it connects to, and a `READONLY` reconnects.
        });
  // ioredis's messages name hosts and ports, never a password
  let failing = false;
  redis.on('error', (error: Error) => {
    failing = true;
    logger.warn('redis connection error', { error: error.message });
  });
  redis.on('ready', () => {
    if (failing) logger.info('redis connection restored');
    failing = false;
  });
  return redis;
}

/**
 * The receiver's connection: fails fast. Commands issued while Redis is away are rejected at once
 * (no offline queue, one try), so a webhook gets `503` instead of hanging. Auto-pipelining sends
 * the commands of concurrent deliveries in one write, which cuts the receiver's CPU per webhook.
 * Through a failover it keeps failing fast until the sentinels name the new master; with Sentinel
 * a `READONLY` answer reconnects (the command itself still fails: the caller answers `503`).
 */
export function createFailFastConnection(target: RedisTargetInput, logger: Logger): Redis {
  return connect(
    target,
    {
      common: {
        enableOfflineQueue: false,
        enableAutoPipelining: true,
        maxRetriesPerRequest: 1,
        connectTimeout: 1000,
        commandTimeout: 1500,
        retryStrategy: (times) => Math.min(times * 200, 2000),
      },
      sentinel: {
        sentinelCommandTimeout: 500,
        sentinelRetryStrategy: (times) => Math.min(times * 100, 1000),
        reconnectOnError: (error) => (isReadOnly(error) ? 1 : false),
      },
    },
    logger,
  );
}

/**
 * The worker's connection: retries forever, as BullMQ workers require (`maxRetriesPerRequest:
 * null`). Through a failover its commands wait in the offline queue until the new master answers;
 * with Sentinel a `READONLY` answer reconnects and resends the command.
 */
export function createPersistentConnection(target: RedisTargetInput, logger: Logger): Redis {
  return connect(
    target,
    {
      common: {
        maxRetriesPerRequest: null,
        retryStrategy: (times) => Math.min(times * 200, 5000),
      },
      sentinel: {
        sentinelCommandTimeout: 1000,
        sentinelRetryStrategy: (times) => Math.min(times * 200, 2000),
        reconnectOnError: (error) => (isReadOnly(error) ? 2 : false),
      },
    },
    logger,
  );
}
