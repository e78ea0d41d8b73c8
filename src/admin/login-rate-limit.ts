import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';

/** Failed logins of one (user, client address) pair that lock it; default 10 (connector.md). */
export const DEFAULT_MAX_LOGIN_FAILURES = 10;
/** The window the failures are counted in, seconds; default 15 minutes. */
export const DEFAULT_LOGIN_WINDOW_SECONDS = 15 * 60;
/** How long a locked pair is refused, seconds, from the failure that locked it; default 15 minutes. */
export const DEFAULT_LOGIN_BLOCK_SECONDS = 15 * 60;

export interface LoginRateLimitOptions {
  /** Failed logins of one (user, address) pair within the window that lock it; default 10. */
  maxFailures?: number;
  /** The window, whole seconds, counted from the pair's first failure; default 900 (15 minutes). */
  windowSeconds?: number;
  /** How long a locked pair gets `429`, whole seconds; default 900 (15 minutes). */
  blockSeconds?: number;
}

export interface LoginRateLimit {
  /** Seconds until the pair may try again, or undefined when it may try now. Rejects when Redis does. */
  retryAfterSeconds(user: string, address: string): Promise<number | undefined>;
  /** Counts one failure of the pair; true when that failure locked it. Rejects when Redis does. */
  recordFailure(user: string, address: string): Promise<boolean>;
}

/**
 * The user name is hashed: a Redis key holds no typed-in text (people type passwords into the user
 * field), and any length of name makes a key of one length. The address needs no encoding.
 */
function pairKey(user: string, address: string): string {
  return `${createHash('sha256').update(user, 'utf8').digest('base64url')}@${address}`;
}

/**
 * Failed admin logins counted per (user, client address) pair in Redis, under `${prefix}:admin-login`
 * (rate-limiter-flexible): every receiver process shares the counts, and no volume of other pairs'
 * failures can push one out. A locked pair is refused until its block ends, valid credentials
 * included: otherwise the answer would tell a guesser which password was right. Other users at the
 * same address, and the same user elsewhere, are other pairs.
 */
export function createLoginRateLimit(
  redis: Redis,
  prefix: string,
  options: LoginRateLimitOptions = {},
): LoginRateLimit {
  const maxFailures = options.maxFailures ?? DEFAULT_MAX_LOGIN_FAILURES;
  const blockSeconds = options.blockSeconds ?? DEFAULT_LOGIN_BLOCK_SECONDS;
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}:admin-login`,
    points: maxFailures,
    duration: options.windowSeconds ?? DEFAULT_LOGIN_WINDOW_SECONDS,
    // the receiver's connection fails fast: a check Redis cannot answer is refused at once (503)
    rejectIfRedisNotReady: true,
  });

  return {
    async retryAfterSeconds(user, address) {
      const state = await limiter.get(pairKey(user, address));
      if (!state || state.consumedPoints < maxFailures) return undefined;
      return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    },
    async recordFailure(user, address) {
      const key = pairKey(user, address);
      const state = await limiter.penalty(key, 1);
      // the failure that reaches the limit starts the block: 15 minutes from now, not what is left
      // of the window (a later one, counted by another process meanwhile, finds the pair locked)
      if (state.consumedPoints === maxFailures) await limiter.block(key, blockSeconds);
      return state.consumedPoints >= maxFailures;
    },
  };
}
