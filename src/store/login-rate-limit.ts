import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { z } from 'zod';
import {
  DEFAULT_LOGIN_BLOCK_SECONDS,
  DEFAULT_LOGIN_WINDOW_SECONDS,
  DEFAULT_MAX_LOGIN_FAILURES,
  MAX_NAMES_PER_ADDRESS,
  type LoginRateLimit,
  type LoginRateLimitOptions,
} from '../admin/auth/login-rate-limit';
import { defineScript } from './redis-scripts';

/**
 * The user name is hashed: a Redis key holds no typed-in text (people type passwords into the user
 * field), and any length of name makes a key of one length. The address needs no encoding. `*` is
 * never in a hash (base64url): it names the address's shared count.
 */
const nameHash = (user: string): string => createHash('sha256').update(user, 'utf8').digest('base64url');
const SHARED = '*';
const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

const ResultSchema = z.tuple([z.number().int(), z.number().int()]);

/**
 * The failed-login counts in Redis, under `${prefix}:admin-login:` and the names of each address
 * under `${prefix}:admin-login-names:` (script `count-login-failure`): every receiver process shares
 * them.
 */
export function createLoginRateLimit(
  redis: Redis,
  prefix: string,
  options: LoginRateLimitOptions = {},
): LoginRateLimit {
  const maxFailures = options.maxFailures ?? DEFAULT_MAX_LOGIN_FAILURES;
  const blockMs = (options.blockSeconds ?? DEFAULT_LOGIN_BLOCK_SECONDS) * 1000;
  const windowMs = (options.windowSeconds ?? DEFAULT_LOGIN_WINDOW_SECONDS) * 1000;
  const countFailure = defineScript(redis, 'count-login-failure');
  const countKey = (hash: string, address: string): string => `${prefix}:admin-login:${hash}@${address}`;

  return {
    async retryAfterSeconds(user, address) {
      const key = countKey(nameHash(user), address);
      const [failures, ttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
      if (failures === null || Number(failures) < maxFailures || ttl <= 0) return undefined;
      return seconds(ttl);
    },
    async recordFailure(user, address, configuredUser) {
      const hash = nameHash(user);
      const [lockedNow, waitMs] = ResultSchema.parse(
        await countFailure(
          `${prefix}:admin-login-names:${address}`,
          countKey(hash, address),
          countKey(SHARED, address),
          hash,
          configuredUser ? '1' : '0',
          MAX_NAMES_PER_ADDRESS,
          maxFailures,
          windowMs,
          blockMs,
        ),
      );
      return { lockedNow: lockedNow === 1, ...(waitMs >= 0 ? { retryAfterSeconds: seconds(waitMs) } : {}) };
    },
  };
}
