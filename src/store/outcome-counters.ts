import type Redis from 'ioredis';
import type { ReasonCode } from '../platform/errors';
import type { RecordOutcomes } from '../transfer/transfer';

/** Redis hashes of finished-transfer and record-outcome counts, shared by every worker process. */
export const transferCountsKey = (prefix: string) => `${prefix}:metrics:transfers`;
export const recordCountsKey = (prefix: string) => `${prefix}:metrics:records`;

export interface OutcomeCounter {
  /** Counts one finished run: transfers by state and reason, records by type and outcome. */
  count(reason: ReasonCode | null, state: 'completed' | 'failed', records: RecordOutcomes): void;
  /** Writes what is buffered now (at shutdown); never rejects. */
  flush(): Promise<void>;
}

/**
 * The counts the receiver's `/metrics` exposes for the whole deployment. Counts add up in memory
 * and go out as one MULTI at most every `flushEveryMs` (0: at once), not one per transfer: metrics
 * never slow a transfer down or fail it. Call `flush()` when the worker closes.
 */
export function createOutcomeCounter(redis: Redis, prefix: string, flushEveryMs = 0): OutcomeCounter {
  const pending = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  const add = (field: string) => pending.set(field, (pending.get(field) ?? 0) + 1);

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return Promise.resolve();
    const multi = redis.multi();
    for (const [field, amount] of pending) {
      const [hash, name] = field.split('\n') as [string, string];
      multi.hincrby(hash, name, amount);
    }
    pending.clear();
    return multi.exec().then(
      () => undefined,
      () => undefined,
    );
  }

  return {
    count(reason, state, records) {
      add(`${transferCountsKey(prefix)}\n${state}|${reason ?? 'none'}`);
      for (const [type, outcome] of Object.entries(records))
        add(`${recordCountsKey(prefix)}\n${type}|${outcome}`);
      if (flushEveryMs <= 0) void flush();
      else timer ??= setTimeout(() => void flush(), flushEveryMs).unref();
    },
    flush,
  };
}
