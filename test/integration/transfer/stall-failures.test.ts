import { EventEmitter } from 'node:events';
import { UnrecoverableError, Worker } from 'bullmq';
import { createLogger } from '../../../src/platform/logger';
import { TRANSFER_QUEUE_NAME } from '../../../src/store/transfer-job';
import { recordStallFailures } from '../../../workers/record-stall-failures';
import { aRedisClient } from '../../helpers/redis';
import { aTestWorker, type TestWorker } from '../../helpers/worker';

let harness: TestWorker;
afterEach(async () => {
  await harness.close();
});

describe('a job BullMQ fails outside the processor', () => {
  it('when the stall limit fails a transfer whose run began, then the store records it failed with a sentence', async () => {
    harness = aTestWorker({ tracUrl: 'http://127.0.0.1:9', esrUrl: 'http://127.0.0.1:9', start: false });
    const id = await harness.enqueue('R0A', 'A-700001');
    await harness.store.update(id, {
      attempts: 1,
      records: { ...(await harness.store.get(id))!.records, dbs: 'PENDING' },
    });
    const workerEvents = new EventEmitter();
    const base = aRedisClient();
    recordStallFailures(
      workerEvents as unknown as Worker,
      base,
      harness.prefix,
      harness.store,
      createLogger({ level: 'error' }),
    );
    await new Promise((r) => setTimeout(r, 300)); // let the events stream start listening

    const connection = aRedisClient();
    const bullmqAlone = new Worker(
      TRANSFER_QUEUE_NAME,
      () => Promise.reject(new UnrecoverableError('job stalled more than allowable limit')),
      { connection, prefix: harness.prefix },
    );
    let transfer = await harness.store.get(id);
    for (let polls = 0; polls < 100 && transfer?.state !== 'failed'; polls += 1) {
      await new Promise((r) => setTimeout(r, 50));
      transfer = await harness.store.get(id);
    }
    await bullmqAlone.close();
    await connection.quit();
    workerEvents.emit('closed');
    await base.quit();

    expect(transfer).toMatchObject({ state: 'failed', reason: 'RETRIES_EXHAUSTED' });
    expect(transfer?.message).toMatch(/re-queue/);
    expect(transfer?.records.dbs).toBe('NOT_SENT');
  });
});
