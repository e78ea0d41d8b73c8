import type Redis from 'ioredis';
import type { ReasonCode } from '../platform/errors';
import type { RecordOutcomes } from '../transfer/transfer';

/** Redis hashes of finished-transfer and record-outcome counts, shared by every worker process. */
export const transferCountsKey = (prefix: string) => `${prefix}:metrics:transfers`;
export const recordCountsKey = (prefix: string) => `${prefix}:metrics:records`;

/**
 * Counts one finished run: transfers by state and reason, records by type and outcome. The
 * receiver's `/metrics` exposes these as counters for the whole deployment.
 */
export function createOutcomeCounter(redis: Redis, prefix: string) {
  return async (
    reason: ReasonCode | null,
    state: 'completed' | 'failed',
    records: RecordOutcomes,
  ): Promise<void> => {
    const multi = redis.multi().hincrby(transferCountsKey(prefix), `${state}|${reason ?? 'none'}`, 1);
    for (const [type, outcome] of Object.entries(records)) {
      multi.hincrby(recordCountsKey(prefix), `${type}|${outcome}`, 1);
    }
    await multi.exec();
  };
}
