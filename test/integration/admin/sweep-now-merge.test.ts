import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import {
  createSweepQueue,
  SWEEP_QUEUE_NAME,
  sweepSchedule,
  type SweepQueue,
} from '../../../src/store/sweep-queue';
import { keepSchedules } from '../../../src/store/recurring-job';
import { asCaller, bodyOf, HR_ADMIN, itemsOf, withAdminTestApp } from '../../helpers/admin';
import { aRedisClient } from '../../helpers/redis';

const t = withAdminTestApp();
let queue: SweepQueue;
/** A worker without a processor: the test takes sweeps itself, as a worker process would. */
let taker: Worker;
let takerConnection: Redis;
const TOKEN = 'sweep-now-merge-test';
beforeAll(() => {
  queue = createSweepQueue(t.redis, t.prefix);
  takerConnection = aRedisClient();
  taker = new Worker(SWEEP_QUEUE_NAME, null, {
    connection: takerConnection,
    prefix: t.prefix,
    autorun: false,
  });
});
afterAll(async () => {
  await taker.close();
  await takerConnection.quit();
  await queue.close();
});
afterEach(async () => {
  await queue.removeJobScheduler('reconciliation-sweep');
  await queue.obliterate({ force: true });
});

const sweepNow = () => asCaller(t, HR_ADMIN).post('/admin/reconciliation');
const waitingIds = async () => (await queue.getWaiting()).map((job) => job.id);
/** The sweeps the latest `count` audited requests were answered with, oldest first. */
async function sweepsAnswered(count: number): Promise<string[]> {
  const audit = itemsOf<{ action: string; target: string; result: string }>(
    await asCaller(t, HR_ADMIN).get('/admin/audit'),
  );
  return audit
    .filter((entry) => entry.action === 'reconciliation' && entry.result === '202')
    .slice(0, count)
    .map((entry) => entry.target.replace(/^reconciliation /, ''))
    .reverse();
}
/** Takes the next waiting sweep, as a worker does: it is then active. */
async function takeNextSweep(): Promise<Job> {
  const job = (await taker.getNextJob(TOKEN, { block: false })) as Job | undefined;
  if (!job) throw new Error('no sweep was waiting');
  return job;
}

describe('"Sweep now" while a sweep is waiting adds nothing', () => {
  it('when 200 HR requests arrive at once, then each answers 202 queued, one sweep waits, and every audit entry names it', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, () => sweepNow()));

    expect(answers.map((answer) => answer.status)).toEqual(Array(200).fill(202));
    for (const answer of answers) expect(bodyOf(answer)).toEqual({ status: 'queued' });
    const waiting = await waitingIds();
    expect(waiting).toHaveLength(1);
    expect(new Set(await sweepsAnswered(200))).toEqual(new Set(waiting));
  });

  it('when a sweep runs, then a request queues a new one, and later requests are answered with that one', async () => {
    await sweepNow();
    const running = await takeNextSweep();

    await sweepNow();
    await Promise.all([sweepNow(), sweepNow()]);

    const waiting = await waitingIds();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).not.toBe(running.id);
    expect(await sweepsAnswered(3)).toEqual([waiting[0], waiting[0], waiting[0]]);
    expect(await queue.getJobCounts('active')).toEqual({ active: 1 });
  });

  it('when the waiting sweep has run and finished, then the next request queues a new sweep', async () => {
    await sweepNow();
    const first = await takeNextSweep();
    await first.moveToCompleted({ listed: 0 }, TOKEN, false);

    await sweepNow();

    const waiting = await waitingIds();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).not.toBe(first.id);
    expect(await first.getState()).toBe('completed');
  });

  it('when a sweep failed an attempt and waits to retry, then a request queues a new sweep beside it', async () => {
    await sweepNow();
    const retrying = await takeNextSweep();
    await retrying.moveToFailed(new Error('Trac answered 503'), TOKEN, false);
    expect(await retrying.getState()).toBe('delayed');

    await sweepNow();

    const waiting = await waitingIds();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).not.toBe(retrying.id);
  });

  it('when a scheduled sweep is waiting, then a request is answered with it and queues nothing', async () => {
    await keepSchedules(queue, [sweepSchedule(3600)]); // the scheduler's first sweep waits at once
    const [scheduled] = await waitingIds();
    expect(scheduled).toMatch(/^repeat:reconciliation-sweep:\d+$/);

    await sweepNow();

    expect(await waitingIds()).toEqual([scheduled]);
    expect(await sweepsAnswered(1)).toEqual([scheduled]);
  });
});
