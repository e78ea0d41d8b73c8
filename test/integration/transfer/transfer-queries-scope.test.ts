import type Redis from 'ioredis';
import { compactFinishedTransfers } from '../../../src/store/transfer-compaction';
import { createTransferQueries, type TransferQueries } from '../../../src/store/transfer-queries';
import { queueTransfer, type TransferQueue } from '../../../src/store/transfer-queue';
import { keysOf } from '../../../src/store/transfer-keys';
import type { TransferStore } from '../../../src/transfer/transfer';
import { aStoredTransfer } from '../../helpers/admin';
import { commandsDuring, withTransferQueries } from '../../helpers/transfer-queries';
import { anApplicantId } from '../../helpers/webhooks';

let redis: Redis;
let prefix: string;
let store: TransferStore;
let queue: TransferQueue;
let queries: TransferQueries;

withTransferQueries('scope', (fixture) => ({ redis, prefix, store, queue, queries } = fixture));
beforeEach(async () => {
  // the one-off fill of the per-organisation indexes runs now, on nothing: what follows is the
  // store's own upkeep of them
  await queries.list(['R0A'], {}, 0, 1);
});

const failedOf = (organisationCode: string) => aStoredTransfer(store, { organisationCode, state: 'failed' });

/** A transfer claimed and queued as a webhook leaves it (waiting), through the store and the queue. */
async function aWaitingTransferOf(organisationCode: string): Promise<string> {
  const applicantId = anApplicantId();
  const transferId = `${organisationCode}-${applicantId}`;
  await store.claim(transferId, organisationCode, applicantId, 'webhook');
  await queueTransfer(queue, {
    organisationCode,
    applicantId,
    receivedAt: new Date().toISOString(),
    trigger: 'webhook',
  });
  return transferId;
}

describe('transfer lists and counts for the organisations the caller acts for', () => {
  it('when transfers of three organisations are listed for two of them, then pages, order and total hold theirs only', async () => {
    const r0a = [await failedOf('R0A'), await failedOf('R0A')];
    const x7a1 = await failedOf('7A1');
    const rx9 = await failedOf('RX9');
    const waiting = await aWaitingTransferOf('7A1');
    await aWaitingTransferOf('RX9');

    const first = await queries.list(['R0A', '7A1'], {}, 0, 2);
    const second = await queries.list(['R0A', '7A1'], {}, 2, 2);

    // unfinished first, then finished newest first
    expect(first).toEqual({ ids: [waiting, x7a1], total: 4 });
    expect(second).toEqual({ ids: [r0a[1], r0a[0]], total: 4 });
    await expect(queries.list(['R0A'], { state: 'failed', reason: 'NO_ESR_MATCH' }, 0, 10)).resolves.toEqual({
      ids: [r0a[1], r0a[0]],
      total: 2,
    });
    await expect(queries.list(['R0A'], { organisationCode: 'RX9' }, 0, 10)).resolves.toEqual({
      ids: [],
      total: 0,
    });
    await expect(queries.list('*', { organisationCode: 'RX9', state: 'failed' }, 0, 10)).resolves.toEqual({
      ids: [rx9],
      total: 1,
    });
    await expect(queries.list([], {}, 0, 10)).resolves.toEqual({ ids: [], total: 0 });
  });

  it('when states are counted for one organisation, then only its transfers are counted', async () => {
    await failedOf('R0A');
    await aStoredTransfer(store, { organisationCode: '7A1', state: 'completed', reason: null });
    await aWaitingTransferOf('7A1');

    await expect(queries.countByState(['7A1'])).resolves.toEqual({
      waiting: 1,
      active: 0,
      delayed: 0,
      completed: 1,
      failed: 0,
    });
    await expect(queries.countByState('*')).resolves.toMatchObject({ waiting: 1, completed: 1, failed: 1 });
  });

  it('when a transfer is re-queued or compacted, then it leaves its organisation’s list too', async () => {
    const requeued = await failedOf('R0A');
    await failedOf('R0A');

    await expect(store.reopen(requeued)).resolves.toBe('requeued');
    await expect(compactFinishedTransfers(redis, prefix, 0, new Date(Date.now() + 1000))).resolves.toBe(1);

    await expect(queries.list(['R0A'], { state: 'failed' }, 0, 10)).resolves.toEqual({ ids: [], total: 0 });
  });

  it('when transfers finished before the per-organisation indexes existed, then the first scoped read fills them once', async () => {
    const older = [await failedOf('R0A'), await failedOf('7A1')];
    // as an earlier release left them: the indexes of every organisation only
    const { organisationFinishedKey, organisationIndexesMarker } = keysOf(prefix);
    await redis.del(organisationFinishedKey('failed', 'R0A'), organisationFinishedKey('failed', '7A1'));
    await redis.del(organisationIndexesMarker);

    const fresh = createTransferQueries(redis, prefix, queue);

    await expect(fresh.list(['7A1'], { state: 'failed' }, 0, 10)).resolves.toEqual({
      ids: [older[1]],
      total: 1,
    });
    await expect(fresh.countByState(['R0A'])).resolves.toMatchObject({ failed: 1 });
    expect(await redis.exists(organisationIndexesMarker)).toBe(1);
  });
});

describe("one page's queries", () => {
  /** How many times BullMQ's wait list is read whole while `work` runs. */
  const waitListReads = async (work: () => Promise<unknown>) =>
    (await commandsDuring(redis, prefix, work)).filter(
      ({ command }) => command.startsWith('LRANGE') && command.includes(`${prefix}:transfers:wait`),
    ).length;

  it('when a page asks its counts and its list of an organisation at once, then BullMQ’s lists are read once between them, with the same answers', async () => {
    const waiting = [await aWaitingTransferOf('7A1'), await aWaitingTransferOf('7A1')];
    await aWaitingTransferOf('R0A');
    const ask = (asked: TransferQueries) =>
      Promise.all([asked.countByState(['7A1']), asked.list(['7A1'], {}, 0, 25)]);

    let separately: unknown;
    let onePage: unknown;
    const readsSeparately = await waitListReads(async () => (separately = await ask(queries)));
    const readsForOnePage = await waitListReads(async () => (onePage = await ask(queries.forOnePage())));

    expect(readsSeparately).toBe(2);
    expect(readsForOnePage).toBe(1);
    expect(onePage).toEqual(separately);
    expect(onePage).toMatchObject([{ waiting: 2 }, { ids: [waiting[1], waiting[0]], total: 2 }]);
  });

  it('when a transfer is queued after one page read, then the next page sees it', async () => {
    await aWaitingTransferOf('7A1');
    await expect(queries.forOnePage().countByState(['7A1'])).resolves.toMatchObject({ waiting: 1 });

    await aWaitingTransferOf('7A1');

    await expect(queries.forOnePage().countByState(['7A1'])).resolves.toMatchObject({ waiting: 2 });
  });
});
