import type Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { SIGN_INS_PER_MINUTE, type SignInStartLimit } from '../admin/auth/sign-in-start-limit';
import { createSessionStore, type SessionStore } from './session-store';

/** The sign-ins started per client address, counted in Redis under `${prefix}:sign-in-starts`. */
export function createSignInStartLimit(redis: Redis, prefix: string): SignInStartLimit {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}:sign-in-starts`,
    points: SIGN_INS_PER_MINUTE,
    duration: 60,
    rejectIfRedisNotReady: true,
  });
  return {
    allow: (address) =>
      limiter.consume(address).then(
        () => true,
        (refusal: unknown) => {
          if (refusal instanceof Error) throw refusal; // Redis could not answer
          return false;
        },
      ),
  };
}

/** What sign-in with a provider keeps (`createSignIn`'s storage), on the receiver's connection. */
export function createSignInStorage(
  redis: Redis,
  prefix: string,
): { sessionStore: SessionStore; startLimit: SignInStartLimit } {
  return {
    sessionStore: createSessionStore(redis, prefix),
    startLimit: createSignInStartLimit(redis, prefix),
  };
}
