import type { JobType } from 'bullmq';
import type Redis from 'ioredis';
import type { ReasonCode } from '../platform/errors';
import { RECORD_TYPES } from '../records/record-types';
import { keysOf } from './transfer-store';
import { encodeRecords } from './transfer-encoding';
import { defineScript } from './redis-scripts';
import type { TransferQueue } from './transfer-queue';
import {
  allRecords,
  FINISHED_STATES,
  RERUNNABLE_REASONS,
  TRANSFER_STATES,
  type FinishedState,
  type TransferState,
} from '../transfer/transfer';

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
  /**
   * Transfer ids matching a filter, with the total: unfinished ones first (active, waiting,
   * delayed, as BullMQ holds their jobs), then finished ones, most recently finished first.
   */
  list(filter: TransferFilter, offset: number, count: number): Promise<{ ids: string[]; total: number }>;
  /** How many transfers are in each state. */
  countByState(): Promise<Record<TransferState, number>>;
  /**
   * Atomically re-opens a failed transfer (or one completed out of scope) in `waiting`: attempts 0,
   * reason, message and finish time cleared, the ledger untouched. The caller queues its job.
   */
  requeue(transferId: string): Promise<RequeueResult>;
}

type UnfinishedState = Exclude<TransferState, FinishedState>;

/** BullMQ's lists behind each unfinished state, in the order the all-states list shows them. */
const JOB_TYPES_OF: readonly (readonly [UnfinishedState, JobType])[] = [
  ['active', 'active'],
  ['waiting', 'waiting'],
  ['waiting', 'prioritized'],
  ['delayed', 'delayed'],
];

// KEYS: transfer hash, completed index, failed index. ARGV: transferId, now (ISO), the re-opened
// records (built by the caller from the ledger), then the rerunnable reasons.
const REQUEUE_SCRIPT = `
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'missing'} end
local reason = redis.call('HGET', KEYS[1], 'reason') or ''
local allowed = state == 'failed'
if state == 'completed' then
  for i = 4, #ARGV do if reason == ARGV[i] then allowed = true end end
end
if not allowed then return {'refused', state, reason} end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('HSET', KEYS[1], 'state', 'waiting', 'reason', '', 'message', '', 'records', ARGV[3],
  'attempts', 0, 'updatedAt', ARGV[2], 'finishedAt', '')
if redis.call('HDEL', KEYS[1], 'archivedAt') == 1 then redis.call('HSETNX', KEYS[1], 'createdAt', ARGV[2]) end
return {'requeued'}
`;

/** Reasons are read in batches of this many transfers when a list is filtered by reason. */
const REASON_BATCH = 500;

/** `[id, score, id, score…]` lists of several indexes, merged most recent (highest score) first. */
function newestFirst(lists: string[][]): string[] {
  const scored: { id: string; at: number }[] = [];
  for (const flat of lists) {
    for (let i = 0; i + 1 < flat.length; i += 2) scored.push({ id: flat[i]!, at: Number(flat[i + 1]) });
  }
  return scored.sort((a, b) => b.at - a.at).map((entry) => entry.id);
}

export function createTransferQueries(redis: Redis, prefix: string, queue: TransferQueue): TransferQueries {
  const { transferKey, ledgerKey, finishedKey, finishedKeys } = keysOf(prefix);
  const requeueScript = defineScript(redis, 'ditRequeueTransfer', 3, REQUEUE_SCRIPT);

  async function jobCounts(states: readonly TransferState[]) {
    const types = JOB_TYPES_OF.filter(([state]) => states.includes(state));
    const counts = await queue.getJobCounts(...types.map(([, type]) => type));
    return types.map(([state, type]) => ({ state, type, count: counts[type] ?? 0 }));
  }

  /** The ids of finished transfers `from`..`to` (inclusive; -1: all) of one or both indexes. */
  async function finishedIds(states: readonly FinishedState[], from: number, to: number) {
    if (states.length === 1) return redis.zrevrange(finishedKey(states[0]!), from, to);
    const lists = await Promise.all(
      states.map((state) => redis.zrevrange(finishedKey(state), 0, to, 'WITHSCORES')),
    );
    return newestFirst(lists).slice(from, to < 0 ? undefined : to + 1);
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

  /** A page of every transfer in some states, unfiltered: BullMQ's lists, then the finished ones. */
  async function page(states: readonly TransferState[], offset: number, count: number) {
    const finished = FINISHED_STATES.filter((state) => states.includes(state));
    const [live, finishedTotals] = await Promise.all([
      jobCounts(states),
      Promise.all(finished.map((state) => redis.zcard(finishedKey(state)))),
    ]);
    const ids: string[] = [];
    let skip = offset;
    for (const { type, count: inList } of live) {
      if (ids.length < count && skip < inList) {
        ids.push(...(await queue.getRanges([type], skip, skip + count - ids.length - 1)));
      }
      skip = Math.max(0, skip - inList);
    }
    if (ids.length < count && finished.length > 0) {
      ids.push(...(await finishedIds(finished, skip, skip + count - ids.length - 1)));
    }
    const total = [...live.map((entry) => entry.count), ...finishedTotals].reduce((a, b) => a + b, 0);
    return { ids, total };
  }

  return {
    async countByState() {
      const [live, completed, failed] = await Promise.all([
        jobCounts(TRANSFER_STATES),
        redis.zcard(finishedKey('completed')),
        redis.zcard(finishedKey('failed')),
      ]);
      const counts: Record<TransferState, number> = { waiting: 0, active: 0, delayed: 0, completed, failed };
      for (const { state, count } of live) counts[state] += count;
      return counts;
    },

    async list(filter, offset, count) {
      const states: readonly TransferState[] = filter.state ? [filter.state] : TRANSFER_STATES;
      if (!filter.reason && !filter.organisationCode) return page(states, offset, count);
      // filtered: every id is looked at. Unfinished transfers have no reason yet.
      const live = filter.reason ? [] : await jobCounts(states);
      const liveIds = (await Promise.all(live.map(({ type }) => queue.getRanges([type], 0, -1)))).flat();
      const finished = FINISHED_STATES.filter((state) => states.includes(state));
      const orgPrefix = filter.organisationCode ? `${filter.organisationCode}-` : '';
      let ids = [...liveIds, ...(finished.length > 0 ? await finishedIds(finished, 0, -1) : [])].filter(
        (id) => id.startsWith(orgPrefix),
      );
      if (filter.reason) ids = await withReason(ids, filter.reason);
      return { ids: ids.slice(offset, offset + count), total: ids.length };
    },

    async requeue(transferId) {
      // what ESR holds stays SENT; every other outcome is NOT_SENT until the re-run derives it. The
      // ledger only grows, and no run is in flight for a transfer the script lets re-open.
      const sent = new Set(await redis.hkeys(ledgerKey(transferId)));
      const records = allRecords('NOT_SENT');
      for (const type of RECORD_TYPES) if (sent.has(type)) records[type] = 'SENT';
      const result = (await requeueScript(
        transferKey(transferId),
        ...finishedKeys,
        transferId,
        new Date().toISOString(),
        encodeRecords(records),
        ...RERUNNABLE_REASONS,
      )) as string[];
      if (result[0] === 'requeued' || result[0] === 'missing') return result[0];
      return { refused: result[1] as TransferState, reason: (result[2] || null) as ReasonCode | null };
    },
  };
}
