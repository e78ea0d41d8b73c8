import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { createTransferQueries } from '../../../src/store/transfer-queries';
import { createTransferQueue, type TransferQueue } from '../../../src/store/transfer-queue';
import { compactFinishedTransfers } from '../../../src/store/transfer-compaction';
import { createTransferStore } from '../../../src/store/transfer-store';
import { allRecords, type TransferStore } from '../../../src/transfer/transfer';
import { aFreshPrefix, aRedisClient } from '../../helpers/redis';
import {
  COMPACTION_EVERY_MS,
  COMPACTION_SCHEDULER_ID,
  PREVIEW_REMOVAL_SCHEDULER_ID,
} from '../../../src/store/compaction-queue';
import { startCompactionWorker } from '../../../workers/start-compaction-worker';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/platform/logger';

const DAY_MS = 24 * 60 * 60 * 1000;
const RETENTION_DAYS = 400;
let redis: Redis;
let prefix: string;
let store: TransferStore;
let queue: TransferQueue;

beforeAll(() => {
  redis = aRedisClient();
});
beforeEach(() => {
  prefix = aFreshPrefix('compact');
  store = createTransferStore(redis, prefix);
  queue = createTransferQueue(redis, prefix, 3);
});
afterEach(async () => {
  await queue.close();
});
afterAll(async () => {
  await redis.quit();
});

/** A transfer that finished in a state, with a ledger entry for dbs when `sent`. */
async function aFinishedTransfer(
  applicantId: string,
  state: 'completed' | 'failed',
  reason: 'NO_ESR_MATCH' | 'STATUS_CHANGED' | null,
  sent = false,
): Promise<string> {
  const id = `R0A-${applicantId}`;
  await store.claim(id, 'R0A', applicantId, 'manual');
  if (sent) await store.recordSent(id, 'dbs', { esrRecordId: 'ESR-1', sentAt: '2025-01-01T00:00:00.000Z' });
  await store.update(id, {
    state,
    reason,
    message: reason ? 'a sentence for HR' : null,
    records: { ...allRecords('NOT_RECORDED'), dbs: sent ? 'SENT' : 'NOT_SENT' },
    attempts: 2,
    finishedAt: new Date().toISOString(),
  });
  return id;
}

const afterRetention = () => new Date(Date.now() + (RETENTION_DAYS + 1) * DAY_MS);

describe('compaction of finished transfers (TRANSFER_RETENTION_DAYS)', () => {
  it('when a transfer that completed is older than the retention, then it becomes a small marker that still refuses to run again', async () => {
    const id = await aFinishedTransfer('A-1', 'completed', null, true);

    await expect(compactFinishedTransfers(redis, prefix, RETENTION_DAYS, afterRetention())).resolves.toBe(1);

    const marker = await redis.hgetall(`${prefix}:transfer:${id}`);
    expect(Object.keys(marker).sort()).toEqual(
      [
        'applicantId',
        'archivedAt',
        'finishedAt',
        'organisationCode',
        'reason',
        'records',
        'state',
        'trigger',
      ].sort(),
    );
    expect(Number(await redis.memory('USAGE', `${prefix}:transfer:${id}`))).toBeLessThanOrEqual(512);
    await expect(redis.exists(`${prefix}:ledger:${id}`)).resolves.toBe(0);
    await expect(store.listFinished('completed', 0, 10)).resolves.toEqual({ ids: [], total: 0 });
    await expect(store.claim(id, 'R0A', 'A-1', 'webhook')).resolves.toMatchObject({ duplicate: 'completed' });
    await expect(store.reopen(id)).resolves.toMatchObject({
      refused: 'completed',
    });
    await expect(store.get(id)).resolves.toMatchObject({
      state: 'completed',
      reason: null,
      trigger: 'manual',
      records: { dbs: 'SENT', references: 'NOT_RECORDED' },
    });
  });

  it('when a transfer that completed with outstanding records is compacted, then it is outstanding no more (the records are for HR to enter by hand)', async () => {
    const id = await aFinishedTransfer('A-4', 'completed', null, true);
    await store.update(id, { outstanding: ['references'], esrApplicantId: '4417807' });
    const queries = createTransferQueries(redis, prefix, queue);
    await expect(queries.countOutstanding('*')).resolves.toBe(1);

    await compactFinishedTransfers(redis, prefix, RETENTION_DAYS, afterRetention());

    await expect(queries.countOutstanding('*')).resolves.toBe(0);
    await expect(queries.list('*', { outstanding: true }, 0, 50)).resolves.toEqual({ ids: [], total: 0 });
    await expect(store.get(id)).resolves.toMatchObject({ outstanding: [], esrApplicantId: null });
    await expect(store.requestOutstanding(id)).resolves.toBe('nothing_outstanding');
  });

  it('when a failed transfer is compacted, then its ledger stays, and a re-queue re-opens it without sending again what ESR holds', async () => {
    const id = await aFinishedTransfer('A-2', 'failed', 'NO_ESR_MATCH', true);

    await compactFinishedTransfers(redis, prefix, RETENTION_DAYS, afterRetention());

    await expect(store.ledger(id)).resolves.toMatchObject({ dbs: { esrRecordId: 'ESR-1' } });
    await expect(store.reopen(id)).resolves.toBe('requeued');
    const reopened = await store.get(id);
    expect(reopened).toMatchObject({ state: null, reason: null, records: { dbs: 'SENT' } });
    await expect(redis.hexists(`${prefix}:transfer:${id}`, 'archivedAt')).resolves.toBe(0);
  });

  it('when a transfer that completed out of scope is compacted, then a later trigger still re-runs it', async () => {
    const id = await aFinishedTransfer('A-3', 'completed', 'STATUS_CHANGED');

    await compactFinishedTransfers(redis, prefix, RETENTION_DAYS, afterRetention());

    await expect(store.claim(id, 'R0A', 'A-3', 'webhook')).resolves.toBe('rerun');
    await expect(store.get(id)).resolves.toMatchObject({ state: null, trigger: 'manual' });
  });

  it('when transfers are within the retention, or unfinished, then compaction leaves them whole', async () => {
    const recent = await aFinishedTransfer('A-4', 'completed', null, true);
    await store.claim('R0A-A-5', 'R0A', 'A-5', 'webhook');

    await expect(compactFinishedTransfers(redis, prefix, RETENTION_DAYS)).resolves.toBe(0);
    await expect(compactFinishedTransfers(redis, prefix, RETENTION_DAYS, afterRetention())).resolves.toBe(1);

    await expect(store.get('R0A-A-5')).resolves.toMatchObject({ state: null });
    await expect(redis.hexists(`${prefix}:transfer:${recent}`, 'archivedAt')).resolves.toBe(1);
    await expect(compactFinishedTransfers(redis, prefix, RETENTION_DAYS, afterRetention())).resolves.toBe(0);
  });

  it('when two worker processes start, then one compaction scheduler exists, every six hours, and one for previews, every hour', async () => {
    const logger = createLogger({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
    const config = { queuePrefix: prefix, transferRetentionDays: RETENTION_DAYS };
    const first = startCompactionWorker(config, redis, logger);
    const second = startCompactionWorker(config, redis, logger);
    await Promise.all([first.ready, second.ready]);
    const compactionQueue = new Queue('transfer-compaction', { connection: redis, prefix });
    try {
      const schedulers = await compactionQueue.getJobSchedulers();
      expect(schedulers).toHaveLength(2);
      expect(schedulers).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: COMPACTION_SCHEDULER_ID, every: COMPACTION_EVERY_MS }),
          expect.objectContaining({ key: PREVIEW_REMOVAL_SCHEDULER_ID, every: 60 * 60 * 1000 }),
        ]),
      );
    } finally {
      await compactionQueue.close();
      await Promise.all([first.close(), second.close()]);
    }
  });
});
