import type Redis from 'ioredis';

// KEYS[1] window counter; ARGV[1] limit, ARGV[2] window ms. Returns 0 when allowed, else ms to wait.
const TAKE_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if count <= tonumber(ARGV[1]) then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = tonumber(ARGV[2]) end
return ttl
`;

const WINDOW_MS = 1000;

/**
 * A ceiling on ESR requests per second shared by every worker process: one counter per one-second
 * window in Redis. `take()` resolves, with the window it was granted in, when this request may go.
 */
export function createEsrRateLimiter(
  redis: Redis,
  prefix: string,
  perSecond: number,
): { take(): Promise<number> } {
  return {
    async take() {
      for (;;) {
        const window = Math.floor(Date.now() / WINDOW_MS);
        const waitMs = Number(
          await redis.eval(TAKE_SCRIPT, 1, `${prefix}:esr-rate:${window}`, perSecond, WINDOW_MS * 2),
        );
        if (waitMs === 0) return window;
        const untilNextWindow = (window + 1) * WINDOW_MS - Date.now();
        await new Promise((resolve) =>
          setTimeout(resolve, Math.max(1, Math.min(waitMs, untilNextWindow)) + Math.random() * 20),
        );
      }
    },
  };
}
