import type { StartedSandboxes } from '../../sandbox';
import { sweepCountsKey } from '../../src/store/sweep-log';
import { WATERMARK_OVERLAP_MS } from '../../src/transfer/sweep';
import { eventually } from '../helpers/admin';
import {
  aStatusChangeWithoutWebhook,
  aSweepHarness,
  withASandboxPerTest,
  type SweepHarness,
} from '../helpers/sweeps';

describe('sweeps that fail, overlap or are switched off', () => {
  let sandboxes: StartedSandboxes;
  let h: SweepHarness;
  withASandboxPerTest(
    (started) => (sandboxes = started),
    () => h,
  );

  it('when Trac fails mid-list, then the sweep is recorded failed, the watermark stays, and the retry completes and moves it', async () => {
    h = aSweepHarness(sandboxes);
    const ids = ['A-100234', 'A-100304', 'A-100306'];
    for (const id of ids) aStatusChangeWithoutWebhook(sandboxes, id);
    sandboxes.trac.setListPaging({ maxItemsPerPage: 1 });
    sandboxes.trac.setListFaults({ errorRate: 1, afterRequests: 1 }); // page 1 answered, then 5xx
    h.startSweeper();
    // the retry waits long enough for the test to see the failed attempt first
    const jobId = await h.sweepNow({ attempts: 3, delayMs: 1500 });

    await eventually(async () => (await h.log.latest()).some((sweep) => sweep.outcome === 'failed'));
    expect(await h.log.latest()).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        listed: 1,
        started: 1,
        finishedAt: expect.any(String) as unknown,
      }),
    ]);
    expect(await h.log.watermark()).toBeUndefined();
    sandboxes.trac.setListFaults({});

    expect(await h.settled(jobId)).toBe('completed');
    const [retry, failed] = await h.log.latest();
    expect(retry).toMatchObject({ outcome: 'completed', listed: 3, started: 2 });
    expect(failed).toMatchObject({ outcome: 'failed' });
    expect((await h.log.watermark())?.getTime()).toBe(
      Date.parse(retry?.startedAt ?? '') - WATERMARK_OVERLAP_MS,
    );
    for (const id of ids) {
      expect(await h.transfers.waitUntilFinished(`R0A-${id}`)).toMatchObject({ trigger: 'reconciliation' });
    }
    // what the receiver's /metrics reads: attempts by outcome, transfers started across both
    expect(await h.redis.hgetall(sweepCountsKey(h.prefix))).toEqual({
      failed: '1',
      completed: '1',
      started: '3',
    });
  });

  it('when two worker processes take sweeps, then never two sweeps run at once', async () => {
    h = aSweepHarness(sandboxes);
    aStatusChangeWithoutWebhook(sandboxes, 'A-100234');
    sandboxes.trac.setListFaults({ latencyMs: 150 }); // each list page takes a while
    await Promise.all([h.startSweeper().ready, h.startSweeper().ready]);

    // asked for one after another: a request while a sweep waits is answered with that sweep
    const jobs: string[] = [];
    let mostActive = 0;
    for (let i = 0; i < 4; i += 1) {
      const jobId = await h.sweepNow();
      jobs.push(jobId);
      await eventually(async () => {
        mostActive = Math.max(mostActive, (await h.queue.getJobCounts('active')).active ?? 0);
        return (await h.queue.getJob(jobId).then((job) => job?.getState())) !== 'waiting';
      });
    }
    expect(new Set(jobs).size).toBe(4);
    await eventually(async () => {
      mostActive = Math.max(mostActive, (await h.queue.getJobCounts('active')).active ?? 0);
      const states = await Promise.all(jobs.map((id) => h.queue.getJob(id).then((job) => job?.getState())));
      return states.every((state) => state === 'completed');
    }, 20_000);

    expect(mostActive).toBe(1);
    const sweeps = (await h.log.latest()).reverse();
    expect(sweeps).toHaveLength(4);
    sweeps.slice(1).forEach((sweep, i) => {
      expect(Date.parse(sweep.startedAt)).toBeGreaterThanOrEqual(Date.parse(sweeps[i]?.finishedAt ?? ''));
    });
  });

  it('when the interval is 0, then the scheduler is removed but a sweep asked for still runs', async () => {
    h = aSweepHarness(sandboxes, { intervalSeconds: 3600 });
    await h.startSweeper().ready;
    expect(await h.queue.getJobSchedulers()).toHaveLength(1);
    // the scheduler's first sweep runs at once; the next would be in an hour
    await eventually(async () => (await h.log.latest())[0]?.outcome === 'completed');
    aStatusChangeWithoutWebhook(sandboxes, 'A-100304');

    await h.startSweeper({ reconcileIntervalSeconds: 0 }).ready;
    expect(await h.queue.getJobSchedulers()).toEqual([]);
    expect(await h.queue.getJobCounts('delayed', 'waiting')).toEqual({ delayed: 0, waiting: 0 });

    expect(await h.settled(await h.sweepNow())).toBe('completed');
    expect((await h.log.latest())[0]).toMatchObject({ outcome: 'completed', listed: 1, started: 1 });
    expect(await h.transfers.waitUntilFinished('R0A-A-100304')).toMatchObject({ trigger: 'reconciliation' });
  });
});
