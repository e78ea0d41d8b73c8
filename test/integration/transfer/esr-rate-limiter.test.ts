import type Redis from 'ioredis';
import { createEsrRateLimiter } from '../../../src/esr/esr-rate-limiter';
import { aFreshPrefix, aRedisClient } from '../../helpers/redis';

let redisA: Redis;
let redisB: Redis;
beforeAll(() => {
  redisA = aRedisClient();
  redisB = aRedisClient();
});
afterAll(async () => {
  await Promise.all([redisA.quit(), redisB.quit()]);
});

describe('ESR rate limit across worker processes', () => {
  it('when two workers take more than the limit, then no one-second window lets more than the limit through', async () => {
    const prefix = aFreshPrefix('rate');
    const limiters = [createEsrRateLimiter(redisA, prefix, 5), createEsrRateLimiter(redisB, prefix, 5)];
    const windows: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        windows.push(await limiters[i % 2]!.take());
      }),
    );
    const perWindow = new Map<number, number>();
    for (const window of windows) perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(5);
    expect(windows).toHaveLength(12);
  });
});
