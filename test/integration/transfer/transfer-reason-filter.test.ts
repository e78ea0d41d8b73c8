import type Redis from 'ioredis';
import { compactFinishedTransfers } from '../../../src/store/transfer-compaction';
import { keysOf } from '../../../src/store/transfer-keys';
import { createTransferQueries, type TransferQueries } from '../../../src/store/transfer-queries';
import type { TransferQueue } from '../../../src/store/transfer-queue';
import type { ReasonCode } from '../../../src/platform/errors';
import { parseTransferId } from '../../../src/transfer/transfer-ids';
import type { TransferStore } from '../../../src/transfer/transfer';
import { aStoredTransfer } from '../../helpers/admin';
import { commandsDuring, withTransferQueries } from '../../helpers/transfer-queries';

let redis: Redis;
let prefix: string;
let store: TransferStore;
let queue: TransferQueue;
let queries: TransferQueries;

withTransferQueries('reason', (fixture) => ({ redis, prefix, store, queue, queries } = fixture));

const failed = (organisationCode: string, reason: ReasonCode) =>
  aStoredTransfer(store, { organisationCode, state: 'failed', reason });
const completed = (organisationCode: string, reason: ReasonCode | null) =>
  aStoredTransfer(store, { organisationCode, state: 'completed', reason });

/** Every transfer in one reason filter: each organisation's, or those of `scope`. */
const listed = (reason: ReasonCode, scope: '*' | string[] = '*') =>
  queries.list(scope, { reason }, 0, 100).then((page) => page.ids);

/** The commands Redis runs while `read` does (MONITOR: commands inside scripts too). */
const commandsOf = async (read: () => Promise<unknown>) =>
  (await commandsDuring(redis, prefix, read)).map(({ command }) => command);

describe('the reason filter reads the reason indexes', () => {
  it('when transfers complete or fail with several reasons, then each reason lists exactly its own, newest first, paged, with the total', async () => {
    const changed = [await completed('R0A', 'STATUS_CHANGED'), await completed('7A1', 'STATUS_CHANGED')];
    const noMatch = await failed('R0A', 'NO_ESR_MATCH');
    await completed('R0A', null);
    await completed('R0A', 'NOT_DOCTOR_IN_TRAINING');
    changed.push(await completed('RX9', 'STATUS_CHANGED'), await completed('R0A', 'STATUS_CHANGED'));
    const [first, second, third, fourth] = changed;

    await expect(queries.list('*', { reason: 'STATUS_CHANGED' }, 0, 3)).resolves.toEqual({
      ids: [fourth, third, second],
      total: 4,
    });
    await expect(queries.list('*', { reason: 'STATUS_CHANGED' }, 3, 3)).resolves.toEqual({
      ids: [first],
      total: 4,
    });
    await expect(queries.list(['R0A', '7A1'], { reason: 'STATUS_CHANGED' }, 0, 2)).resolves.toEqual({
      ids: [fourth, second],
      total: 3,
    });
    await expect(queries.list(['R0A', '7A1'], { reason: 'STATUS_CHANGED' }, 2, 2)).resolves.toEqual({
      ids: [first],
      total: 3,
    });
    await expect(
      queries.list('*', { reason: 'STATUS_CHANGED', organisationCode: 'RX9' }, 0, 10),
    ).resolves.toEqual({ ids: [third], total: 1 });
    await expect(queries.list('*', { reason: 'STATUS_CHANGED', state: 'failed' }, 0, 10)).resolves.toEqual({
      ids: [],
      total: 0,
    });
    await expect(listed('NO_ESR_MATCH', ['R0A'])).resolves.toEqual([noMatch]);
    await expect(listed('NO_ESR_MATCH', ['7A1'])).resolves.toEqual([]);
    await expect(listed('ESR_REJECTED')).resolves.toEqual([]);
  });

  it('when a transfer is re-queued, re-run by a new trigger, or run again from Bull Board, then it leaves its old reason’s list', async () => {
    const requeued = await failed('R0A', 'NO_ESR_MATCH');
    const rerun = await completed('R0A', 'STATUS_CHANGED');
    const retried = await failed('R0A', 'ESR_REJECTED');
    const kept = await failed('R0A', 'NO_ESR_MATCH');

    await expect(store.reopen(requeued)).resolves.toBe('requeued');
    await expect(store.claim(rerun, 'R0A', parseTransferId(rerun)!.applicantId, 'webhook')).resolves.toBe(
      'rerun',
    );
    // what a run's start writes when its finished job runs again (Bull Board's retry)
    await store.update(retried, { state: null, attempts: 2, reason: null, message: null });

    await expect(listed('NO_ESR_MATCH')).resolves.toEqual([kept]);
    await expect(listed('NO_ESR_MATCH', ['R0A'])).resolves.toEqual([kept]);
    await expect(listed('STATUS_CHANGED', ['R0A'])).resolves.toEqual([]);
    await expect(listed('ESR_REJECTED')).resolves.toEqual([]);

    // the run ends again with another reason: it is in that reason's list alone
    await store.update(retried, { state: 'failed', reason: 'TRAC_REJECTED', message: 'a sentence' });
    await expect(listed('TRAC_REJECTED', ['R0A'])).resolves.toEqual([retried]);
    await expect(listed('ESR_REJECTED', ['R0A'])).resolves.toEqual([]);
  });

  it('when compaction archives a transfer, then it leaves its reason’s list, and its re-queue does not bring it back', async () => {
    const archived = await failed('R0A', 'NO_ESR_MATCH');

    await expect(compactFinishedTransfers(redis, prefix, 0, new Date(Date.now() + 1000))).resolves.toBe(1);

    await expect(queries.list('*', { reason: 'NO_ESR_MATCH' }, 0, 10)).resolves.toEqual({
      ids: [],
      total: 0,
    });
    await expect(listed('NO_ESR_MATCH', ['R0A'])).resolves.toEqual([]);
    await expect(store.reopen(archived)).resolves.toBe('requeued');
    await expect(listed('NO_ESR_MATCH')).resolves.toEqual([]);
  });

  it('when a completed-state reason is filtered, then only its page is read: no other completed transfer, no transfer record', async () => {
    for (let i = 0; i < 30; i += 1) await completed('R0A', null);
    const changed = [await completed('R0A', 'STATUS_CHANGED'), await completed('7A1', 'STATUS_CHANGED')];
    await queries.list('*', { reason: 'STATUS_CHANGED' }, 0, 1); // the one-off fill, on nothing older

    for (const scope of ['*', ['R0A', '7A1']] as const) {
      let page: unknown;
      const commands = await commandsOf(async () => {
        page = await queries.list(scope, { reason: 'STATUS_CHANGED' }, 0, 1);
      });

      expect(page).toEqual({ ids: [changed[1]], total: 2 });
      expect(commands.filter((command) => command.includes(`${prefix}:transfer:`))).toEqual([]);
      expect(commands.filter((command) => command.includes(':transfer-index:completed'))).toEqual([]);
      expect(commands.length).toBeLessThanOrEqual(6);
    }
  });

  it('when transfers finished before the reason indexes existed, then the first reason filter files them once, as they are then', async () => {
    const older = [await failed('R0A', 'NO_ESR_MATCH'), await completed('7A1', 'STATUS_CHANGED')];
    const requeued = await failed('R0A', 'NO_ESR_MATCH');
    await completed('R0A', null);
    // as an earlier release left them: no reason index, no marker
    const { reasonKey, organisationReasonKey, reasonIndexesMarker } = keysOf(prefix);
    await redis.del(
      reasonKey('NO_ESR_MATCH'),
      reasonKey('STATUS_CHANGED'),
      organisationReasonKey('NO_ESR_MATCH', 'R0A'),
      organisationReasonKey('STATUS_CHANGED', '7A1'),
      reasonIndexesMarker,
    );
    await expect(store.reopen(requeued)).resolves.toBe('requeued');

    const fresh = createTransferQueries(redis, prefix, queue);

    await expect(fresh.list(['R0A'], { reason: 'NO_ESR_MATCH' }, 0, 10)).resolves.toEqual({
      ids: [older[0]],
      total: 1,
    });
    await expect(fresh.list('*', { reason: 'STATUS_CHANGED' }, 0, 10)).resolves.toEqual({
      ids: [older[1]],
      total: 1,
    });
    expect(await redis.exists(reasonIndexesMarker)).toBe(1);
  });
});
