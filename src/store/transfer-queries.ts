import type Redis from 'ioredis';
import type { ReasonCode } from '../platform/errors';
import { RECORD_TYPES } from '../records/record-types';
import { keysOf } from './transfer-store';
import { allRecords, RERUNNABLE_REASONS, TRANSFER_STATES, type TransferState } from '../transfer/transfer';

/** `requeued`, no such transfer, or refused because of its state (completed one-off, queued, active). */
export type RequeueResult = 'requeued' | 'missing' | { refused: TransferState; reason: ReasonCode | null };

/** Which transfers to list; every field optional. `organisationCode` filters on the id's prefix. */
export interface TransferFilter {
  state?: TransferState;
  reason?: ReasonCode;
  organisationCode?: string;
}

/** What the HR admin API asks of the store beyond the worker's needs. */
export interface TransferQueries {
  /** Transfer ids matching a filter (all states when none is given), newest first, with the total. */
  list(filter: TransferFilter, offset: number, count: number): Promise<{ ids: string[]; total: number }>;
  /** How many transfers are in each state. */
  countByState(): Promise<Record<TransferState, number>>;
  /**
   * Atomically re-opens a failed transfer (or one completed out of scope) in `waiting`: attempts 0,
   * reason, message and finish time cleared, the ledger untouched. The caller queues its job.
   */
  requeue(transferId: string): Promise<RequeueResult>;
}

// KEYS: transfer hash, then one index set per state (waiting first). ARGV: transferId, now (ISO),
// now (ms), the re-opened records JSON (built by the caller from the ledger), then the rerunnable
// reasons. The script decides on state only; it never reads or edits the JSON.
const REQUEUE_SCRIPT = `
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'missing'} end
local reason = redis.call('HGET', KEYS[1], 'reason') or ''
local allowed = state == 'failed'
if state == 'completed' then
  for i = 5, #ARGV do if reason == ARGV[i] then allowed = true end end
end
if not allowed then return {'refused', state, reason} end
for i = 2, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
redis.call('HSET', KEYS[1], 'state', 'waiting', 'reason', '', 'message', '', 'records', ARGV[4],
  'attempts', 0, 'updatedAt', ARGV[2], 'finishedAt', '')
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return {'requeued'}
`;

/** Reasons are read in batches of this many transfers when a list is filtered by reason. */
const REASON_BATCH = 500;

/** `[id, score, id, score…]` lists of several indexes, merged newest (highest score) first. */
function newestFirst(lists: string[][]): string[] {
  const scored: { id: string; at: number }[] = [];
  for (const flat of lists) {
    for (let i = 0; i + 1 < flat.length; i += 2) scored.push({ id: flat[i]!, at: Number(flat[i + 1]) });
  }
  return scored.sort((a, b) => b.at - a.at).map((entry) => entry.id);
}

export function createTransferQueries(redis: Redis, prefix: string): TransferQueries {
  const { transferKey, ledgerKey, stateKey, stateKeys, claimIndexKeys } = keysOf(prefix);

  async function countByState(): Promise<Record<TransferState, number>> {
    const multi = redis.multi();
    for (const key of stateKeys) multi.zcard(key);
    const results = (await multi.exec()) ?? [];
    const counts = TRANSFER_STATES.map((state, i) => [state, Number(results[i]?.[1] ?? 0)]);
    return Object.fromEntries(counts) as Record<TransferState, number>;
  }

  async function withReason(ids: string[], reason: ReasonCode): Promise<string[]> {
    const kept: string[] = [];
    for (let start = 0; start < ids.length; start += REASON_BATCH) {
      const batch = ids.slice(start, start + REASON_BATCH);
      const multi = redis.multi();
      for (const id of batch) multi.hget(transferKey(id), 'reason');
      const results = (await multi.exec()) ?? [];
      batch.forEach((id, i) => {
        if (results[i]?.[1] === reason) kept.push(id);
      });
    }
    return kept;
  }

  return {
    countByState,

    async list(filter, offset, count) {
      const states: readonly TransferState[] = filter.state ? [filter.state] : TRANSFER_STATES;
      const filtered = Boolean(filter.reason ?? filter.organisationCode);
      if (!filtered && states.length === 1) {
        const key = stateKey(states[0]!);
        const [ids, total] = await Promise.all([
          redis.zrevrange(key, offset, offset + count - 1),
          redis.zcard(key),
        ]);
        return { ids, total };
      }
      // unfiltered, the newest offset+count of each index suffice; filtered, every id is looked at
      const last = filtered ? -1 : offset + count - 1;
      const lists = await Promise.all(
        states.map((state) => redis.zrevrange(stateKey(state), 0, last, 'WITHSCORES')),
      );
      if (!filtered) {
        const counts = await countByState();
        const total = states.reduce<number>((sum, state) => sum + counts[state], 0);
        return { ids: newestFirst(lists).slice(offset, offset + count), total };
      }
      const orgPrefix = filter.organisationCode ? `${filter.organisationCode}-` : '';
      let ids = newestFirst(lists).filter((id) => id.startsWith(orgPrefix));
      if (filter.reason) ids = await withReason(ids, filter.reason);
      return { ids: ids.slice(offset, offset + count), total: ids.length };
    },

    async requeue(transferId) {
      const now = new Date();
      // what ESR holds stays SENT; every other outcome is NOT_SENT until the re-run derives it. The
      // ledger only grows, and no run is in flight for a transfer the script lets re-open.
      const sent = new Set(await redis.hkeys(ledgerKey(transferId)));
      const records = allRecords('NOT_SENT');
      for (const type of RECORD_TYPES) if (sent.has(type)) records[type] = 'SENT';
      const result = (await redis.eval(
        REQUEUE_SCRIPT,
        1 + claimIndexKeys.length,
        transferKey(transferId),
        ...claimIndexKeys,
        transferId,
        now.toISOString(),
        now.getTime(),
        JSON.stringify(records),
        ...RERUNNABLE_REASONS,
      )) as string[];
      if (result[0] === 'requeued' || result[0] === 'missing') return result[0];
      return { refused: result[1] as TransferState, reason: (result[2] || null) as ReasonCode | null };
    },
  };
}
