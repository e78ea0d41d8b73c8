import { AppError } from '../platform/errors';

/**
 * Redis did not answer in time or refused the command: nothing may be assumed stored. The receiver
 * answers `503` so that the sender retries later.
 */
export class RedisUnavailableError extends AppError {
  constructor(
    message: string,
    /** True when Redis did not answer in time: the command may still have taken effect. */
    readonly timedOut: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Whole budget for the Redis work of one request, milliseconds: keeps every answer within 2 s. */
export const REQUEST_REDIS_BUDGET_MS = 1200;

/** One request's Redis budget: every call made through `run` shares what is left of it. */
export interface RedisDeadline {
  run<T>(operation: string, work: Promise<T>): Promise<T>;
}

/**
 * Starts a budget of `budgetMs`. A call still running when the budget is spent is abandoned (its
 * result ignored) and `RedisUnavailableError` is thrown, so a hung Redis can never hang a request.
 * Rejections of the call itself are wrapped in the same error.
 */
export function startRedisDeadline(
  budgetMs = REQUEST_REDIS_BUDGET_MS,
  clock: () => number = Date.now,
): RedisDeadline {
  const endsAt = clock() + budgetMs;
  return {
    async run<T>(operation: string, work: Promise<T>): Promise<T> {
      const remainingMs = endsAt - clock();
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new RedisUnavailableError(`redis: ${operation} not answered within ${budgetMs} ms`, true)),
          Math.max(remainingMs, 0),
        );
      });
      try {
        return await Promise.race([work, expired]);
      } catch (error) {
        if (error instanceof RedisUnavailableError) throw error;
        // a command timeout of ioredis leaves the outcome as unknown as our own deadline does
        const timedOut = /timed? ?out/i.test((error as Error).message);
        throw new RedisUnavailableError(`redis: ${operation} failed: ${(error as Error).message}`, timedOut, {
          cause: error,
        });
      } finally {
        clearTimeout(timer);
        // an abandoned call may still reject later: that must not become an unhandled rejection
        work.catch(() => undefined);
      }
    },
  };
}
