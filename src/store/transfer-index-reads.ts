import type { JobType } from 'bullmq';
import type Redis from 'ioredis';
import type { ReasonCode } from '../platform/errors';
import { FINISHED_STATES, type FinishedState, type TransferState } from '../transfer/transfer';
import { fillOrganisationIndexes } from './organisation-indexes';
import { fillReasonIndexes } from './reason-indexes';
import type { TransferQueue } from './transfer-queue';
import { keysOf } from './transfer-keys';

type UnfinishedState = Exclude<TransferState, FinishedState>;

/** BullMQ's lists behind each unfinished state, in the order the all-states list shows them. */
const JOB_TYPES_OF: readonly (readonly [UnfinishedState, JobType])[] = [
  ['active', 'active'],
  ['waiting', 'waiting'],
  ['waiting', 'prioritized'],
  ['delayed', 'delayed'],
];

/** `[id, score, id, score…]` lists of several indexes, merged most recent (highest score) first. */
function newestFirst(lists: string[][]): string[] {
  const scored: { id: string; at: number }[] = [];
  for (const flat of lists) {
    for (let i = 0; i + 1 < flat.length; i += 2) scored.push({ id: flat[i]!, at: Number(flat[i + 1]) });
  }
  return scored.sort((a, b) => b.at - a.at).map((entry) => entry.id);
}

/** Whether the transfer id belongs to one of the organisations (its code is the id's prefix). */
const belongsTo = (transferId: string, codes: readonly string[]) =>
  codes.some((code) => transferId.startsWith(`${code}-`));

export const sum = (numbers: readonly number[]) => numbers.reduce((a, b) => a + b, 0);

/** A one-off fill, run once per process (again after a failure): later callers await the same run. */
function once(fill: () => Promise<unknown>): () => Promise<unknown> {
  let filled: Promise<unknown> | undefined;
  return () => {
    filled ??= fill().catch((error: unknown) => {
      filled = undefined;
      throw error;
    });
    return filled;
  };
}

/**
 * The reads behind the admin lists and counts: BullMQ's lists of unfinished transfers, and the
 * finished-state and reason indexes of every organisation or of some (the store's scripts keep
 * them all).
 */
export function createIndexReads(redis: Redis, prefix: string, queue: TransferQueue) {
  const { finishedKey, organisationFinishedKey, reasonKey, organisationReasonKey } = keysOf(prefix);

  /** The per-organisation indexes hold what finished before they existed. */
  const organisationIndexesFilled = once(() => fillOrganisationIndexes(redis, prefix));
  /** The reason indexes hold what finished before they existed. */
  const reasonIndexesFilled = once(() => fillReasonIndexes(redis, prefix));

  /** The finished indexes to read: every organisation's (`codes` undefined), or those organisations'. */
  function indexKeys(states: readonly TransferState[], codes: readonly string[] | undefined): string[] {
    const finished = FINISHED_STATES.filter((state) => states.includes(state));
    if (!codes) return finished.map(finishedKey);
    return finished.flatMap((state) => codes.map((code) => organisationFinishedKey(state, code)));
  }

  async function jobCounts(states: readonly TransferState[]) {
    const types = JOB_TYPES_OF.filter(([state]) => states.includes(state));
    const counts = await queue.getJobCounts(...types.map(([, type]) => type));
    return types.map(([state, type]) => ({ state, type, count: counts[type] ?? 0 }));
  }

  /**
   * The unfinished transfers of some organisations, by state, in the all-states order. BullMQ keeps
   * no list per organisation, so its lists are read whole: they hold what is queued or running now.
   */
  async function liveIdsOf(states: readonly TransferState[], codes: readonly string[]) {
    const types = JOB_TYPES_OF.filter(([state]) => states.includes(state));
    const lists = await Promise.all(types.map(([, type]) => queue.getRanges([type], 0, -1)));
    return types.map(([state], i) => ({ state, ids: (lists[i] ?? []).filter((id) => belongsTo(id, codes)) }));
  }

  /** The ids `from`..`to` (inclusive; -1: all) of finished indexes, most recently finished first. */
  async function finishedIds(keys: readonly string[], from: number, to: number) {
    if (keys.length === 1) return redis.zrevrange(keys[0]!, from, to);
    const lists = await Promise.all(keys.map((key) => redis.zrevrange(key, 0, to, 'WITHSCORES')));
    return newestFirst(lists).slice(from, to < 0 ? undefined : to + 1);
  }

  /** The reason's indexes to read: every organisation's (`codes` undefined), or those organisations'. */
  function reasonIndexKeys(reason: ReasonCode, codes: readonly string[] | undefined): string[] {
    return codes ? codes.map((code) => organisationReasonKey(reason, code)) : [reasonKey(reason)];
  }

  return {
    organisationIndexesFilled,
    reasonIndexesFilled,
    indexKeys,
    reasonIndexKeys,
    jobCounts,
    liveIdsOf,
    finishedIds,
  };
}
