import type Redis from 'ioredis';

/** Increments of Redis hash fields, added up in memory and written as one MULTI. */
export interface BufferedIncrements {
  /** Adds `amount` to `field` of `key` (a float when `float`); written by the next flush. */
  add(key: string, field: string, amount: number, float?: boolean): void;
  /** Writes what is buffered now (at shutdown); never rejects. */
  flush(): Promise<void>;
}

/**
 * Metrics that workers keep in Redis never slow a transfer down or fail it: increments add up in
 * memory and go out as one MULTI at most every `flushEveryMs` (0: at once), not one per event.
 */
export function createBufferedIncrements(redis: Redis, flushEveryMs = 0): BufferedIncrements {
  /** `key`, `field`, float? → what to add. */
  const pending = new Map<string, { key: string; field: string; float: boolean; amount: number }>();
  let timer: NodeJS.Timeout | undefined;

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return Promise.resolve();
    const multi = redis.multi();
    for (const { key, field, float, amount } of pending.values()) {
      if (float) multi.hincrbyfloat(key, field, amount);
      else multi.hincrby(key, field, amount);
    }
    pending.clear();
    return multi.exec().then(
      () => undefined,
      () => undefined,
    );
  }

  return {
    add(key, field, amount, float = false) {
      const id = `${key}\n${field}`;
      const entry = pending.get(id) ?? { key, field, float, amount: 0 };
      entry.amount += amount;
      pending.set(id, entry);
      if (flushEveryMs <= 0) void flush();
      else timer ??= setTimeout(() => void flush(), flushEveryMs).unref();
    },
    flush,
  };
}
