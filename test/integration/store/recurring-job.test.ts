import { Writable } from 'node:stream';
import type Redis from 'ioredis';
import { createLogger } from '../../../src/platform/logger';
import { startRecurringJob, type RecurringJob } from '../../../src/store/recurring-job';
import { eventually } from '../../helpers/admin';
import { aFreshPrefix, aRedisClient } from '../../helpers/redis';

const QUEUE = 'recurring-test';
const HOUR_MS = 60 * 60 * 1000;
const silent = createLogger({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
let redis: Redis;
let prefix: string;
let started: RecurringJob<unknown, unknown>[];

beforeAll(() => {
  redis = aRedisClient();
});
beforeEach(() => {
  prefix = aFreshPrefix('recurring');
  started = [];
});
afterEach(async () => {
  await Promise.all(started.map((job) => job.close()));
});
afterAll(async () => {
  await redis.quit();
});

/** A worker process's recurring job: a scheduler every `every` ms (none when undefined). */
function aRecurringJob(every: number | undefined, process?: () => Promise<unknown>) {
  const job = startRecurringJob<unknown, unknown>(redis, prefix, silent, {
    queueName: QUEUE,
    label: 'test',
    schedules: [{ id: 'every-hour', repeat: every ? { every } : undefined, job: { name: 'tick', opts: {} } }],
    ...(process ? { process } : {}),
  });
  started.push(job);
  return job;
}

describe('a recurring job (src/store/recurring-job.ts)', () => {
  it('when three worker processes start it at once, then one scheduler exists and the queue runs one job at a time', async () => {
    const jobs = [aRecurringJob(HOUR_MS), aRecurringJob(HOUR_MS), aRecurringJob(HOUR_MS)];
    await Promise.all(jobs.map((job) => job.ready));
    const { queue } = jobs[0]!;

    expect(await queue.getJobSchedulers()).toEqual([
      expect.objectContaining({ key: 'every-hour', every: HOUR_MS }),
    ]);
    expect(await queue.getGlobalConcurrency()).toBe(1);
  });

  it('when a process starts it with no time, then the scheduler goes', async () => {
    await aRecurringJob(HOUR_MS).ready;

    const off = aRecurringJob(undefined);
    await off.ready;

    expect(await off.queue.getJobSchedulers()).toEqual([]);
  });

  it('when two processes run it and several jobs wait, then no two jobs run at once', async () => {
    let running = 0;
    let most = 0;
    let done = 0;
    const run = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running -= 1;
      done += 1;
    };
    const [first, second] = [aRecurringJob(undefined, run), aRecurringJob(undefined, run)];
    await Promise.all([first.ready, second.ready]);

    await first.queue.addBulk([1, 2, 3, 4, 5, 6].map((n) => ({ name: 'now', data: { n } })));
    await eventually(() => Promise.resolve(done === 6));

    expect(most).toBe(1);
  });
});
