import type Redis from 'ioredis';
import { defineScript } from './redis-scripts';

const WINDOW_MS = 1000;
/** Most tokens one process takes from Redis at once. */
const MAX_CHUNK = 20;

/**
 * Tokens one process takes from Redis at a time: a tenth of the limit, 1 to 20. A process may leave
 * up to one chunk less one unused when a window ends, so small limits take one token at a time.
 */
export function chunkSizeFor(perSecond: number): number {
  return Math.max(1, Math.min(MAX_CHUNK, Math.floor(perSecond / 10)));
}

export interface EsrRateLimiter {
  /** Resolves, with the window it was granted in, when one ESR request may go. */
  take(): Promise<number>;
}

/**
 * A ceiling on ESR requests per second shared by every worker process: one counter per one-second
 * window in Redis. Each process takes tokens from the window's counter a chunk at a time and spends
 * them only within that window, so no window ever lets more than `perSecond` through, and a
 * transfer's seven ESR requests cost a fraction of a Redis round trip each.
 */
export function createEsrRateLimiter(redis: Redis, prefix: string, perSecond: number): EsrRateLimiter {
  const chunk = chunkSizeFor(perSecond);
  const takeTokens = defineScript(redis, 'take-esr-rate-tokens');
  const held = { window: -1, tokens: 0 };
  /** One refill at a time: concurrent requests wait for it instead of each taking a chunk. */
  let refilling: Promise<number> | undefined;

  /** Takes a chunk for `window`; resolves 0 when tokens were granted, else the ms to wait. */
  async function refill(window: number): Promise<number> {
    const [granted = 0, waitMs = 0] = (await takeTokens(
      `${prefix}:esr-rate:${window}`,
      perSecond,
      WINDOW_MS * 2,
      chunk,
    )) as number[];
    if (granted === 0) return Math.max(1, waitMs);
    held.window = window;
    held.tokens = granted;
    return 0;
  }

  return {
    async take() {
      for (;;) {
        const window = Math.floor(Date.now() / WINDOW_MS);
        if (held.window === window && held.tokens > 0) {
          held.tokens -= 1;
          return window;
        }
        refilling ??= refill(window).finally(() => (refilling = undefined));
        const waitMs = await refilling;
        if (waitMs === 0) continue;
        const untilNextWindow = (window + 1) * WINDOW_MS - Date.now();
        await new Promise((resolve) =>
          setTimeout(resolve, Math.max(1, Math.min(waitMs, untilNextWindow)) + Math.random() * 20),
        );
      }
    },
  };
}
