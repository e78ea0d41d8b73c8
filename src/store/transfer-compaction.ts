import type Redis from 'ioredis';
import { FINISHED_STATES } from '../transfer/transfer';
import { defineScript } from './redis-scripts';
import { keysOf } from './transfer-keys';

/** Transfers are compacted in batches of this many per index and round trip. */
const BATCH = 500;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Compacts every transfer that finished more than `retentionDays` before `now` to its final-state
 * marker (`TRANSFER_RETENTION_DAYS`) and takes it out of the finished-state and reason indexes: HR's lists
 * show the retention period; the marker keeps a completed transfer from ever being sent again.
 * Returns how many were compacted. Safe to run twice at once: a compacted transfer is skipped.
 */
export async function compactFinishedTransfers(
  redis: Redis,
  prefix: string,
  retentionDays: number,
  now: Date = new Date(),
): Promise<number> {
  const { transferKey, ledgerKey, finishedKey, organisationFinishedKeys, outstandingKey, reasonIndexBases } =
    keysOf(prefix);
  const compact = defineScript(redis, 'compact-transfer');
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  let compacted = 0;
  for (const state of FINISHED_STATES) {
    for (;;) {
      const ids = await redis.zrangebyscore(finishedKey(state), '-inf', `(${cutoff}`, 'LIMIT', 0, BATCH);
      if (ids.length === 0) break;
      const at = now.toISOString();
      const results = await Promise.all(
        ids.map((id) => {
          const [completed, failed] = organisationFinishedKeys(id);
          const organisationKey = state === 'completed' ? completed : failed;
          const keys = [
            transferKey(id),
            ledgerKey(id),
            finishedKey(state),
            organisationKey,
            outstandingKey,
            ...reasonIndexBases(id),
          ];
          return compact(...keys, id, at);
        }),
      );
      compacted += results.filter((result) => result === 1).length;
    }
  }
  return compacted;
}
