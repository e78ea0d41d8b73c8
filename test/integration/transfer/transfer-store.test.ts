import type Redis from 'ioredis';
import { createTransferStore } from '../../../src/store/transfer-store';
import { type TransferStore } from '../../../src/transfer/transfer';
import { aFreshPrefix, aRedisClient } from '../../helpers/redis';

let redis: Redis;
let store: TransferStore;
let prefix: string;

beforeAll(() => {
  redis = aRedisClient();
});
beforeEach(() => {
  prefix = aFreshPrefix('store');
  store = createTransferStore(redis, prefix);
});
afterAll(async () => {
  await redis.quit();
});

describe('transfer store', () => {
  it('when a transfer is claimed for the first time, then it is created with no outcome, no attempt and every record NOT_SENT', async () => {
    await expect(store.claim('R0A-A-1', 'R0A', 'A-1', 'webhook')).resolves.toBe('created');
    const transfer = await store.get('R0A-A-1');
    // waiting, active or delayed is BullMQ's to say: the record stores no state until the outcome
    await expect(redis.hexists(`${prefix}:transfer:R0A-A-1`, 'state')).resolves.toBe(0);
    expect(transfer).toMatchObject({
      state: null,
      attempts: 0,
      reason: null,
      organisationCode: 'R0A',
      applicantId: 'A-1',
    });
    expect(Object.values(transfer?.records ?? {})).toEqual(Array(6).fill('NOT_SENT'));
    // unfinished transfers are listed from BullMQ's jobs; the store indexes finished ones only
    await expect(store.listFinished('completed', 0, 10)).resolves.toEqual({ ids: [], total: 0 });
  });

  it("when BullMQ still keeps a job under a new transfer's id, then the claim creates the transfer and never reads BullMQ's keys", async () => {
    // a hash where BullMQ keeps a job: the store must neither read nor need it (queueTransfer replaces the job)
    await redis.hset(`${prefix}:transfers:R0A-A-8`, 'name', 'transfer', 'finishedOn', '1');
    const monitor = await redis.monitor();
    const commands: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => commands.push(args.join(' ')));

    await expect(store.claim('R0A-A-8', 'R0A', 'A-8', 'webhook')).resolves.toBe('created');
    await new Promise((resolve) => setTimeout(resolve, 50));
    monitor.disconnect();

    await expect(store.get('R0A-A-8')).resolves.toMatchObject({ state: null });
    expect(commands.join('\n')).not.toContain(`${prefix}:transfers:`);
  });

  it('when 50 claims race for one transfer, then exactly one creates it', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => store.claim('R0A-A-2', 'R0A', 'A-2', 'webhook')),
    );
    expect(results.filter((r) => r === 'created')).toHaveLength(1);
  });

  it.each([
    ['started', { attempts: 1 }],
    ['failed', { state: 'failed', reason: 'NO_ESR_MATCH' }],
    ['completed', { state: 'completed', reason: null }],
  ] as const)('when the transfer is %s, then a new claim is a duplicate', async (claimed, change) => {
    await store.claim('R0A-A-3', 'R0A', 'A-3', 'webhook');
    await store.update('R0A-A-3', change);
    await expect(store.claim('R0A-A-3', 'R0A', 'A-3', 'webhook')).resolves.toMatchObject({
      duplicate: claimed,
    });
  });

  it('when a claimed transfer is claimed again before any run began, then the duplicate says unstarted', async () => {
    await store.claim('R0A-A-11', 'R0A', 'A-11', 'webhook');
    await expect(store.claim('R0A-A-11', 'R0A', 'A-11', 'webhook')).resolves.toMatchObject({
      duplicate: 'unstarted',
    });
  });

  it('when a record of an earlier release kept an unfinished state, then it reads as no outcome and its attempts say whether a run began', async () => {
    await store.claim('R0A-A-12', 'R0A', 'A-12', 'webhook');
    await redis.hset(`${prefix}:transfer:R0A-A-12`, 'state', 'active', 'attempts', '2');
    await expect(store.get('R0A-A-12')).resolves.toMatchObject({ state: null, attempts: 2 });
    await expect(store.claim('R0A-A-12', 'R0A', 'A-12', 'webhook')).resolves.toMatchObject({
      duplicate: 'started',
    });
  });

  it.each(['STATUS_CHANGED', 'NOT_DOCTOR_IN_TRAINING'] as const)(
    'when the transfer completed out of scope (%s), then a new claim re-runs it',
    async (reason) => {
      await store.claim('R0A-A-4', 'R0A', 'A-4', 'webhook');
      await store.update('R0A-A-4', { state: 'completed', reason });
      await expect(store.claim('R0A-A-4', 'R0A', 'A-4', 'webhook')).resolves.toBe('rerun');
      await expect(store.get('R0A-A-4')).resolves.toMatchObject({ state: null, reason: null, attempts: 0 });
      await expect(store.listFinished('completed', 0, 10)).resolves.toMatchObject({ total: 0 });
    },
  );

  it('when a transfer fails, then completes after a retry, then it moves from the failed index to the completed one', async () => {
    await store.claim('R0A-A-5', 'R0A', 'A-5', 'webhook');
    await store.update('R0A-A-5', { state: 'failed', reason: 'NO_ESR_MATCH' });
    await expect(store.listFinished('failed', 0, 10)).resolves.toEqual({ ids: ['R0A-A-5'], total: 1 });

    // the retried run begins: no outcome any more
    await store.update('R0A-A-5', { state: null, reason: null, attempts: 2 });
    await expect(store.get('R0A-A-5')).resolves.toMatchObject({ state: null });
    await expect(store.listFinished('failed', 0, 10)).resolves.toMatchObject({ total: 0 });
    await store.update('R0A-A-5', { state: 'completed' });
    await expect(store.listFinished('completed', 0, 10)).resolves.toEqual({ ids: ['R0A-A-5'], total: 1 });
    await expect(store.listFinished('failed', 0, 10)).resolves.toMatchObject({ total: 0 });
  });

  it('when records are sent, then the ledger holds them and survives a re-claim', async () => {
    await store.claim('R0A-A-6', 'R0A', 'A-6', 'webhook');
    await store.recordSent('R0A-A-6', 'dbs', { esrRecordId: 'E1', sentAt: '2026-06-14T10:00:00Z' });
    await store.markAttempted('R0A-A-6', 'professional-registration');
    await expect(store.ledger('R0A-A-6')).resolves.toEqual({
      dbs: { esrRecordId: 'E1', sentAt: '2026-06-14T10:00:00Z' },
    });
    await expect(store.wasAttempted('R0A-A-6', 'professional-registration')).resolves.toBe(true);
    await expect(store.wasAttempted('R0A-A-6', 'dbs')).resolves.toBe(false);
  });

  it('when a PENDING record reaches the ledger, then the transfer shows it SENT at once, the others still PENDING', async () => {
    await store.claim('R0A-A-9', 'R0A', 'A-9', 'webhook');
    const pending = {
      ...(await store.get('R0A-A-9'))!.records,
      dbs: 'PENDING' as const,
      references: 'PENDING' as const,
    };
    await store.update('R0A-A-9', { attempts: 1, records: pending });

    await store.recordSent('R0A-A-9', 'dbs', { esrRecordId: 'E9', sentAt: '2026-06-14T10:00:00Z' });

    await expect(store.ledger('R0A-A-9')).resolves.toEqual({
      dbs: { esrRecordId: 'E9', sentAt: '2026-06-14T10:00:00Z' },
    });
    await expect(store.get('R0A-A-9')).resolves.toMatchObject({
      state: null,
      records: { ...pending, dbs: 'SENT', references: 'PENDING' },
    });
  });

  it("when a transfer is written, then its hash and ledger stay in Redis's compact encoding, and records written as JSON by an earlier version still read", async () => {
    await store.claim('R0A-A-10', 'R0A', 'A-10', 'webhook');
    await store.update('R0A-A-10', {
      state: 'completed',
      reason: null,
      finishedAt: new Date().toISOString(),
    });
    for (const type of ['dbs', 'references', 'eu-status'] as const) {
      await store.recordSent('R0A-A-10', type, {
        esrRecordId: `ESR-REC-${type}-000123`,
        sentAt: new Date().toISOString(),
      });
    }
    await expect(redis.object('ENCODING', `${prefix}:transfer:R0A-A-10`)).resolves.toBe('listpack');
    await expect(redis.object('ENCODING', `${prefix}:ledger:R0A-A-10`)).resolves.toBe('listpack');

    const records = {
      dbs: 'SENT',
      'professional-registration': 'SUPERSEDED_IN_ESR',
      references: 'NOT_RECORDED',
      'employment-checklist': 'NOT_COMPLETE',
      'illegal-working-checklist': 'NOT_REQUIRED',
      'eu-status': 'NOT_SENT',
    };
    await redis.hset(`${prefix}:transfer:R0A-A-10`, 'records', JSON.stringify(records));
    await redis.hset(
      `${prefix}:ledger:R0A-A-10`,
      'dbs',
      JSON.stringify({ esrRecordId: 'E1', sentAt: '2026-06-14T10:00:00Z' }),
    );
    await expect(store.get('R0A-A-10')).resolves.toMatchObject({ records });
    await expect(store.ledger('R0A-A-10')).resolves.toMatchObject({
      dbs: { esrRecordId: 'E1', sentAt: '2026-06-14T10:00:00Z' },
    });
  });

  it('when a transfer has no record (its claim was lost), then an update without its identity writes nothing, and one with it writes the record whole', async () => {
    await store.update('R0A-A-20', {
      state: 'completed',
      reason: null,
      finishedAt: '2026-06-03T09:00:00.000Z',
    });
    await expect(redis.exists(`${prefix}:transfer:R0A-A-20`)).resolves.toBe(0);
    await expect(store.listFinished('completed', 0, 10)).resolves.toEqual({ ids: [], total: 0 });

    const identity = {
      organisationCode: 'R0A',
      applicantId: 'A-20',
      trigger: 'webhook' as const,
      createdAt: '2026-06-03T08:00:00.000Z',
    };
    await store.update(
      'R0A-A-20',
      { state: 'failed', reason: 'NO_ESR_MATCH', message: 'no match' },
      identity,
    );

    await expect(store.read('R0A-A-20')).resolves.toMatchObject({
      kind: 'found',
      transfer: { ...identity, state: 'failed', reason: 'NO_ESR_MATCH' },
    });
    await expect(store.listFinished('failed', 0, 10)).resolves.toEqual({ ids: ['R0A-A-20'], total: 1 });
  });

  it('when a claim is released, then the transfer is gone and can be claimed again', async () => {
    await store.claim('R0A-A-7', 'R0A', 'A-7', 'webhook');
    await store.releaseClaim('R0A-A-7');
    await expect(store.get('R0A-A-7')).resolves.toBeUndefined();
    await expect(store.claim('R0A-A-7', 'R0A', 'A-7', 'webhook')).resolves.toBe('created');
  });

  it('when replicas are expected and none confirms the attempt marker in time, then markAttempted says so, the marker still written', async () => {
    const waiting = createTransferStore(redis, prefix, { replicasToWaitFor: 1, replicaWaitMs: 50 });
    await waiting.claim('R0A-A-11', 'R0A', 'A-11', 'webhook');

    await expect(waiting.markAttempted('R0A-A-11', 'professional-registration')).resolves.toBe(false);
    await expect(store.markAttempted('R0A-A-11', 'dbs')).resolves.toBe(true);

    await expect(waiting.wasAttempted('R0A-A-11', 'professional-registration')).resolves.toBe(true);
    await waiting.close();
  });
});
