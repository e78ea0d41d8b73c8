import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

/** URL of the run's redis-server, started by the global set-up. */
export function testRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error('TEST_REDIS_URL unset: run the tests through jest (global set-up starts Redis)');
  return url;
}

/** A queue prefix of its own for each test file, so files never see each other's keys. */
export function aFreshPrefix(label = 't'): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

export function aRedisClient(url = testRedisUrl()): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null });
  client.on('error', () => undefined); // tests that stop Redis expect connection errors
  return client;
}
