import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { defineScript } from '../store/redis-scripts';

/** Failed logins of one (user, client address) pair that lock it; default 10 (connector.md). */
export const DEFAULT_MAX_LOGIN_FAILURES = 10;
/** The window the failures are counted in, seconds; default 15 minutes. */
export const DEFAULT_LOGIN_WINDOW_SECONDS = 15 * 60;
/** How long a locked pair is refused, seconds, from the failure that locked it; default 15 minutes. */
export const DEFAULT_LOGIN_BLOCK_SECONDS = 15 * 60;
/** Names that are not configured users whose failures one client address has counted at once. */
export const MAX_UNKNOWN_NAMES_PER_ADDRESS = 20;

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
  /**
   * Counts one failure of the pair; true when that failure locked it. `configuredUser`: whether the
   * name is one of ADMIN_USERS or SUPPORT_USERS. Rejects when Redis does.
   */
  recordFailure(user: string, address: string, configuredUser: boolean): Promise<boolean>;
}

/**
 * The user name is hashed: a Redis key holds no typed-in text (people type passwords into the user
 * field), and any length of name makes a key of one length. The address needs no encoding.
 */
const nameHash = (user: string): string => createHash('sha256').update(user, 'utf8').digest('base64url');
const pairKey = (hash: string, address: string): string => `${hash}@${address}`;

/**
 * Failed admin logins counted per (user, client address) pair in Redis, under `${prefix}:admin-login`
 * (rate-limiter-flexible): every receiver process shares the counts, and no volume of other pairs'
 * failures can push one out. A locked pair is refused until its block ends, valid credentials
 * included: otherwise the answer would tell a guesser which password was right. Other users at the
 * same address, and the same user elsewhere, are other pairs.
 *
 * What a caller without credentials can make Redis keep is bounded: a name that is not a configured
 * user is counted like any other (its answers do not tell that it is unknown), but one address keeps
 * the counts of its 20 most recent such names only; an older one's count is dropped. Configured
 * users' counts are never dropped. (Two processes dropping and counting the same name at once may
 * leave its count for its lifetime, at most the window and the block.)
 */
export function createLoginRateLimit(
  redis: Redis,
  prefix: string,
  options: LoginRateLimitOptions = {},
): LoginRateLimit {
  const maxFailures = options.maxFailures ?? DEFAULT_MAX_LOGIN_FAILURES;
  const blockSeconds = options.blockSeconds ?? DEFAULT_LOGIN_BLOCK_SECONDS;
  const windowSeconds = options.windowSeconds ?? DEFAULT_LOGIN_WINDOW_SECONDS;
  const trackUnknownName = defineScript(redis, 'track-unknown-login-name');
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}:admin-login`,
    points: maxFailures,
    duration: windowSeconds,
    // the receiver's connection fails fast: a check Redis cannot answer is refused at once (503)
    rejectIfRedisNotReady: true,
  });

  return {
    async retryAfterSeconds(user, address) {
      const state = await limiter.get(pairKey(nameHash(user), address));
      if (!state || state.consumedPoints < maxFailures) return undefined;
      return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    },
    async recordFailure(user, address, configuredUser) {
      const hash = nameHash(user);
      const dropped = (await trackUnknownName(
        `${prefix}:admin-login-names:${address}`,
        configuredUser ? '' : hash,
        Date.now(),
        MAX_UNKNOWN_NAMES_PER_ADDRESS,
        (windowSeconds + blockSeconds) * 1000,
      )) as string[];
      await Promise.all(dropped.map((old) => limiter.delete(pairKey(old, address))));
      const key = pairKey(hash, address);
      const state = await limiter.penalty(key, 1);
      // the failure that reaches the limit starts the block: 15 minutes from now, not what is left
      // of the window (a later one, counted by another process meanwhile, finds the pair locked)
      if (state.consumedPoints === maxFailures) await limiter.block(key, blockSeconds);
      return state.consumedPoints >= maxFailures;
    },
  };
}
