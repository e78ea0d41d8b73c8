import type Redis from 'ioredis';
import type { ReasonCode } from '../platform/errors';
import { createBufferedIncrements } from './buffered-increments';
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
 * The counts the receiver's `/metrics` exposes for the whole deployment, written at most every
 * `flushEveryMs` (0: at once) rather than once per transfer. Call `flush()` when the worker closes.
 */
export function createOutcomeCounter(redis: Redis, prefix: string, flushEveryMs = 0): OutcomeCounter {
  const increments = createBufferedIncrements(redis, flushEveryMs);
  return {
    count(reason, state, records) {
      increments.add(transferCountsKey(prefix), `${state}|${reason ?? 'none'}`, 1);
      for (const [type, outcome] of Object.entries(records)) {
        increments.add(recordCountsKey(prefix), `${type}|${outcome}`, 1);
      }
    },
    flush: () => increments.flush(),
  };
}
