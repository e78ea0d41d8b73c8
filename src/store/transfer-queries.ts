import type Redis from 'ioredis';
import { organisationsToRead, type OrganisationScope } from '../admin/auth/organisation-scope';
import type { ReasonCode } from '../platform/errors';
import { idsIgnoringCase } from './case-blind-ids';
import { createIndexReads, sum } from './transfer-index-reads';
import { createOutstandingReads } from './outstanding-transfers';
import type { TransferQueue } from './transfer-queue';
import { REASONS } from '../transfer/reasons';
import { TRANSFER_STATES, type TransferState, type UnfinishedState } from '../transfer/transfer';

/**
 * Which transfers to list; every field optional. `organisationCode` narrows the list to one of the
 * organisations the caller acts for (another gives nothing).
 */
export interface TransferFilter {
  state?: TransferState;
  reason?: ReasonCode;
  organisationCode?: string;
  /** Only transfers that completed with `reason: null` and outstanding records. */
  outstanding?: boolean;
}

/**
 * What the HR admin API asks of the store beyond the worker's needs. Lists and counts take the
 * organisations the caller acts for: what is not theirs is neither listed nor counted.
 */
export interface TransferQueries {
  /**
   * Transfer ids matching a filter, with the total: unfinished ones first (active, waiting,
   * delayed, as BullMQ holds their jobs), then finished ones, most recently finished first.
   */
  list(
    organisations: OrganisationScope,
    filter: TransferFilter,
    offset: number,
    count: number,
  ): Promise<{ ids: string[]; total: number }>;
  /** How many of those organisations' transfers are in each state. */
  countByState(organisations: OrganisationScope): Promise<Record<TransferState, number>>;
  /** How many of those organisations' transfers completed with outstanding records. */
  countOutstanding(organisations: OrganisationScope): Promise<number>;
  /**
   * What an unfinished transfer is doing, as BullMQ's job says (the record keeps outcomes only):
   * `waiting` also when its job is not stored (a claim whose start died) or is an ended run's.
   * Never scans the jobs waiting, however many there are.
   */
  liveStateOf(transferId: string): Promise<UnfinishedState>;
  /**
   * The stored ids, of those organisations, that are these transfer ids but for case (ids are
   * kept as Trac spells them): for a search whose ids as typed found nothing.
   */
  findIgnoringCase(organisations: OrganisationScope, transferIds: readonly string[]): Promise<string[]>;
  /**
   * The same queries for one page that asks several of them at once (its counts and its lists):
   * what an organisation's unfinished transfers are is read from BullMQ's lists once for all of
   * them. Made per request, so that a page never sees a read older than itself.
   */
  forOnePage(): TransferQueries;
}

type IndexReads = ReturnType<typeof createIndexReads>;

/** `liveIdsOf`, each read made once for this object's life (its callers: one page's queries). */
function sharedOnce(liveIdsOf: IndexReads['liveIdsOf']): IndexReads['liveIdsOf'] {
  const made = new Map<string, ReturnType<IndexReads['liveIdsOf']>>();
  return (states, codes) => {
    const key = `${states.join(',')}|${codes.join(',')}`;
    const read = made.get(key) ?? liveIdsOf(states, codes);
    made.set(key, read);
    return read;
  };
}

export function createTransferQueries(redis: Redis, prefix: string, queue: TransferQueue): TransferQueries {
  const reads = createIndexReads(redis, prefix, queue);
  const outstanding = createOutstandingReads(redis, prefix);
  return queriesOver(redis, prefix, queue, reads, outstanding, reads.liveIdsOf);
}

function queriesOver(
  redis: Redis,
  prefix: string,
  queue: TransferQueue,
  reads: IndexReads,
  outstanding: ReturnType<typeof createOutstandingReads>,
  liveIdsOf: IndexReads['liveIdsOf'],
): TransferQueries {
  const { organisationIndexesFilled, reasonIndexesFilled, indexKeys, reasonIndexKeys } = reads;
  const { jobCounts, finishedIds } = reads;

  /** A page: the unfinished transfers (BullMQ's lists, or those given), then the finished ones. */
  async function page(
    states: readonly TransferState[],
    keys: readonly string[],
    liveIds: string[] | undefined,
    offset: number,
    count: number,
  ) {
    const [live, finishedTotals] = await Promise.all([
      liveIds ? [{ ids: liveIds, count: liveIds.length }] : jobCounts(states),
      Promise.all(keys.map((key) => redis.zcard(key))),
    ]);
    const ids: string[] = [];
    let skip = offset;
    for (const entry of live) {
      if (ids.length < count && skip < entry.count) {
        const to = skip + count - ids.length - 1;
        ids.push(
          ...('ids' in entry ? entry.ids.slice(skip, to + 1) : await queue.getRanges([entry.type], skip, to)),
        );
      }
      skip = Math.max(0, skip - entry.count);
    }
    if (ids.length < count && keys.length > 0) {
      ids.push(...(await finishedIds(keys, skip, skip + count - ids.length - 1)));
    }
    return { ids, total: sum([...live.map((entry) => entry.count), ...finishedTotals]) };
  }

  return {
    forOnePage: () => queriesOver(redis, prefix, queue, reads, outstanding, sharedOnce(reads.liveIdsOf)),

    async findIgnoringCase(organisations, transferIds) {
      const codes = organisationsToRead(organisations);
      const permitted = transferIds.filter((id) => !codes || codes.some((code) => id.startsWith(`${code}-`)));
      return idsIgnoringCase(redis, prefix, reads, permitted);
    },

    async countByState(organisations) {
      const counts: Record<TransferState, number> = {
        waiting: 0,
        active: 0,
        delayed: 0,
        completed: 0,
        failed: 0,
      };
      const codes = organisationsToRead(organisations);
      if (codes?.length === 0) return counts;
      if (codes) await organisationIndexesFilled();
      const [live, completed, failed] = await Promise.all([
        codes
          ? liveIdsOf(TRANSFER_STATES, codes).then((lists) =>
              lists.map(({ state, ids }) => ({ state, count: ids.length })),
            )
          : jobCounts(TRANSFER_STATES),
        Promise.all(indexKeys(['completed'], codes).map((key) => redis.zcard(key))).then(sum),
        Promise.all(indexKeys(['failed'], codes).map((key) => redis.zcard(key))).then(sum),
      ]);
      for (const { state, count } of live) counts[state] += count;
      return { ...counts, completed, failed };
    },

    async countOutstanding(organisations) {
      const codes = organisationsToRead(organisations);
      return codes?.length === 0 ? 0 : outstanding.count(codes);
    },

    async list(organisations, filter, offset, count) {
      const states: readonly TransferState[] = filter.state ? [filter.state] : TRANSFER_STATES;
      const codes = organisationsToRead(organisations, filter.organisationCode);
      if (codes?.length === 0) return { ids: [], total: 0 };
      if (filter.outstanding) {
        // such transfers are completed and have no reason
        if (!states.includes('completed') || filter.reason) return { ids: [], total: 0 };
        return outstanding.page(codes, offset, count);
      }
      if (filter.reason) {
        // unfinished transfers have no reason yet, and a reason belongs to one final state: its
        // indexes hold exactly the transfers that ended with it, so only the page's range is read
        if (!states.includes(REASONS[filter.reason].state)) return { ids: [], total: 0 };
        await reasonIndexesFilled();
        return page([], reasonIndexKeys(filter.reason, codes), [], offset, count);
      }
      if (codes) await organisationIndexesFilled();
      const liveIds = codes && (await liveIdsOf(states, codes)).flatMap((entry) => entry.ids);
      return page(states, indexKeys(states, codes), liveIds, offset, count);
    },

    async liveStateOf(transferId) {
      // asked of the delayed set and the active list (as long as the workers' concurrency) only:
      // `getJobState` would scan the wait list, which holds every queued transfer at the peak
      const [delayed, active] = await Promise.all([
        queue.backend.isJobInState('delayed', transferId),
        queue.backend.isJobInState('active', transferId),
      ]);
      if (delayed) return 'delayed';
      return active ? 'active' : 'waiting';
    },
  };
}
