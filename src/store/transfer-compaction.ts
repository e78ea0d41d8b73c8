import type Redis from 'ioredis';
import { FINISHED_STATES } from '../transfer/transfer';
import { defineScript } from './redis-scripts';
import { keysOf } from './transfer-store';

/** Transfers are compacted in batches of this many per index and round trip. */
const BATCH = 500;

// KEYS: transfer hash, ledger, the finished index the transfer is in, its organisation's, and the
// outstanding index. ARGV: transferId, now (ISO).
// Replaces a finished transfer's record by a marker of what the one-off rule and HR still need:
// ids, state, reason, record outcomes, trigger and finish time. The ledger goes with a transfer
// that completed and sent what it should (it never runs again); a failed or out-of-scope one may
// still be re-queued or re-run, so its ledger (what ESR holds, if anything) stays. Records still
// outstanding then are for HR to enter by hand: the marker keeps none, and leaves the outstanding index.
const COMPACT_SCRIPT = `
local h = redis.call('HMGET', KEYS[1], 'state', 'organisationCode', 'applicantId', 'reason', 'records',
  'trigger', 'finishedAt', 'archivedAt', 'outstanding')
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
if h[9] and h[9] ~= '' then redis.call('ZREM', KEYS[5], ARGV[1]) end
if (h[1] ~= 'completed' and h[1] ~= 'failed') or h[8] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'organisationCode', h[2], 'applicantId', h[3], 'state', h[1],
  'reason', h[4] or '', 'records', h[5] or '', 'trigger', h[6] or 'webhook', 'finishedAt', h[7] or '',
  'archivedAt', ARGV[2])
if h[1] == 'completed' and (h[4] or '') == '' then redis.call('DEL', KEYS[2]) end
return 1
`;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Compacts every transfer that finished more than `retentionDays` before `now` to its final-state
 * marker (`TRANSFER_RETENTION_DAYS`) and takes it out of the finished-state indexes: HR's lists
 * show the retention period; the marker keeps a completed transfer from ever being sent again.
 * Returns how many were compacted. Safe to run twice at once: a compacted transfer is skipped.
 */
export async function compactFinishedTransfers(
  redis: Redis,
  prefix: string,
  retentionDays: number,
  now: Date = new Date(),
): Promise<number> {
  const { transferKey, ledgerKey, finishedKey, organisationFinishedKeys, outstandingKey } = keysOf(prefix);
  const compact = defineScript(redis, 'ditCompactTransfer', 5, COMPACT_SCRIPT);
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
          const keys = [transferKey(id), ledgerKey(id), finishedKey(state), organisationKey, outstandingKey];
          return compact(...keys, id, at);
        }),
      );
      compacted += results.filter((result) => result === 1).length;
    }
  }
  return compacted;
}
