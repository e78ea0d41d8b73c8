import Redis from 'ioredis';
import type { Logger } from '../platform/logger';

/**
 * The receiver's connection: fails fast. Commands issued while Redis is away are rejected at once
 * (no offline queue, one try), so a webhook gets `503` instead of hanging. Auto-pipelining sends
 * the commands of concurrent deliveries in one write, which cuts the receiver's CPU per webhook.
 */
export function createFailFastConnection(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    commandTimeout: 1500,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on('error', (error: Error) => logger.warn('redis connection error', { error: error.message }));
  return redis;
}

/** The worker's connection: retries forever, as BullMQ workers require (`maxRetriesPerRequest: null`). */
export function createPersistentConnection(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  redis.on('error', (error: Error) => logger.warn('redis connection error', { error: error.message }));
  return redis;
}
