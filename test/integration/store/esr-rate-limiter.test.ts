import type Redis from 'ioredis';
import { chunkSizeFor, createEsrRateLimiter } from '../../../src/store/esr-rate-limiter';
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

/** Two workers (own connections, one limit) taking `count` tokens together; the window of each. */
async function twoWorkersTake(perSecond: number, count: number): Promise<number[]> {
  const prefix = aFreshPrefix('rate');
  const limiters = [
    createEsrRateLimiter(redisA, prefix, perSecond),
    createEsrRateLimiter(redisB, prefix, perSecond),
  ];
  const windows: number[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      windows.push(await limiters[i % 2]!.take());
    }),
  );
  return windows;
}

/** The most requests any one-second window let through. */
function busiestWindow(windows: number[]): number {
  const perWindow = new Map<number, number>();
  for (const window of windows) perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
  return Math.max(...perWindow.values());
}

describe('ESR rate limit across worker processes', () => {
  it('when two workers take more than the limit, then no one-second window lets more than the limit through', async () => {
    const windows = await twoWorkersTake(5, 12);

    expect(busiestWindow(windows)).toBeLessThanOrEqual(5);
    expect(windows).toHaveLength(12);
  });

  it('when the limit is large, then tokens come from Redis a chunk at a time and still no window lets more than the limit through', async () => {
    const evals = [jest.spyOn(redisA, 'eval'), jest.spyOn(redisB, 'eval')];

    const windows = await twoWorkersTake(100, 250);

    expect(busiestWindow(windows)).toBeLessThanOrEqual(100);
    expect(windows).toHaveLength(250);
    const calls = evals.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    evals.forEach((spy) => spy.mockRestore());
    expect(calls).toBeLessThan(250 / 5); // chunks of 10, plus refused refills at the window's end
  });

  it.each([
    [1, 1],
    [50, 5],
    [584, 20],
  ])('when the limit is %i a second, then a process takes %i token(s) at a time', (perSecond, chunk) => {
    expect(chunkSizeFor(perSecond)).toBe(chunk);
  });
});
