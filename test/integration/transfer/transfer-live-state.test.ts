import type Redis from 'ioredis';
import type { TransferQueries } from '../../../src/store/transfer-queries';
import { TRANSFER_JOB_NAME, type TransferQueue } from '../../../src/store/transfer-queue';
import { aJobIn } from '../../helpers/admin';
import { commandsDuring, withTransferQueries } from '../../helpers/transfer-queries';

let redis: Redis;
let prefix: string;
let queue: TransferQueue;
let queries: TransferQueries;

withTransferQueries('live', (fixture) => ({ redis, prefix, queue, queries } = fixture));

/** `count` transfers queued after the one a test reads, as at the peak of a rotation. */
async function queuedAfter(count: number): Promise<void> {
  const receivedAt = new Date().toISOString();
  const jobs = Array.from({ length: count }, (_, i) => {
    const data = { organisationCode: 'R0A', applicantId: `Q-${i}`, receivedAt, trigger: 'webhook' as const };
    return { name: TRANSFER_JOB_NAME, data, opts: { jobId: `R0A-Q-${i}` } };
  });
  await queue.addBulk(jobs);
}

describe("an unfinished transfer's state, as BullMQ's job says", () => {
  it('when its job waits behind 5,000 others, then its state is read without scanning the jobs waiting', async () => {
    await aJobIn({ queue, prefix }, 'R0A-A-1', 'waiting');
    await queuedAfter(5000);

    let state: string | undefined;
    const seen = await commandsDuring(redis, prefix, async () => {
      state = await queries.liveStateOf('R0A-A-1');
    });
    const commands = seen.map(({ command }) => command);

    expect(state).toBe('waiting');
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.filter((command) => command.includes(`${prefix}:transfers:wait`))).toEqual([]);
  });

  it('when its job is delayed (a retry later), then it is delayed', async () => {
    await aJobIn({ queue, prefix }, 'R0A-A-2', 'delayed');

    await expect(queries.liveStateOf('R0A-A-2')).resolves.toBe('delayed');
  });

  it('when a worker runs its job, then it is active', async () => {
    const release = await aJobIn({ queue, prefix }, 'R0A-A-3', 'active');
    try {
      await expect(queries.liveStateOf('R0A-A-3')).resolves.toBe('active');
    } finally {
      await release();
    }
  });

  it('when no job is stored for it (a start that died after its claim), then it is waiting', async () => {
    await expect(queries.liveStateOf('R0A-A-4')).resolves.toBe('waiting');
  });
});
