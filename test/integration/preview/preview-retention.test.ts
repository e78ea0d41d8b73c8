import { Writable } from 'node:stream';
import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { createLogger } from '../../../src/platform/logger';
import {
  createPreviewQueue,
  PREVIEW_QUEUE_NAME,
  queuePreview,
  type PreviewQueue,
} from '../../../src/store/preview-queue';
import { createPreviewStore, type PreviewStore } from '../../../src/store/preview-store';
import { startCompactionWorker, type CompactionWorker } from '../../../workers/start-compaction-worker';
import { eventually } from '../../helpers/admin';
import { aFreshPrefix, aRedisClient } from '../../helpers/redis';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const TOKEN = 'preview-retention-test';

let redis: Redis;
let prefix: string;
let queue: PreviewQueue;
let store: PreviewStore;
/** A worker without a processor: the test runs previews' jobs itself, as the preview worker would. */
let runner: Worker;
let retention: CompactionWorker | undefined;
const logs: string[] = [];
const logger = createLogger({
  stream: new Writable({
    write: (chunk: Buffer, _encoding, done) => void (logs.push(chunk.toString()), done()),
  }),
});

beforeAll(() => {
  redis = aRedisClient();
});
beforeEach(() => {
  prefix = aFreshPrefix('preview-retention');
  queue = createPreviewQueue(redis, prefix);
  store = createPreviewStore(redis, prefix);
  runner = new Worker(PREVIEW_QUEUE_NAME, null, { connection: redis, prefix, autorun: false });
  logs.length = 0;
});
afterEach(async () => {
  await retention?.close();
  retention = undefined;
  await runner.close();
  await queue.close();
});
afterAll(() => redis.quit());

/** A preview of R0A that ran and ended as `state` now (real time), with one item kept. */
async function aFinishedPreview(state: 'completed' | 'failed'): Promise<string> {
  const request = { organisationCode: 'R0A', statuses: [], changedSince: null };
  const previewId = await store.create(request, new Date());
  await queuePreview(queue, { previewId, ...request }, 1);
  const job = (await runner.getNextJob(TOKEN, { block: false })) as Job | undefined;
  if (job?.id !== previewId) throw new Error(`expected the job of ${previewId}, got ${job?.id}`);
  await store.saveItem(previewId, {
    applicantId: 'A-100400',
    result: 'MATCHED',
    hints: [],
    esrApplicantIds: ['4418400'],
  });
  await store.update(previewId, { state, finishedAt: new Date().toISOString() });
  if (state === 'completed') await job.moveToCompleted({ listed: 1, checked: 1 }, TOKEN, false);
  else await job.moveToFailed(new Error('Trac kept failing'), TOKEN, false);
  expect(await job.getState()).toBe(state);
  return previewId;
}

/** Everything Redis holds of a preview: its job, its hash and items, its place in the indexes. */
async function whatIsKeptOf(previewId: string) {
  return {
    job: (await queue.getJob(previewId))?.id ?? null,
    keys: (await redis.keys(`${prefix}:preview:${previewId}*`)).length,
    indexed: [
      await redis.zscore(`${prefix}:previews`, previewId),
      await redis.zscore(`${prefix}:previews:R0A`, previewId),
    ].filter((score) => score !== null).length,
  };
}

/** The retention runs of the worker process, on a clock `aheadMs` ahead, every 100 ms. */
function startRetentionAhead(aheadMs: number): CompactionWorker {
  const config = { queuePrefix: prefix, transferRetentionDays: 400 };
  retention = startCompactionWorker(config, redis, logger, {
    now: () => new Date(Date.now() + aheadMs),
    previewsEveryMs: 100,
  });
  return retention;
}
const previewRuns = () => logs.filter((line) => line.includes('finished match previews removed')).length;

describe('a match preview is gone 7 days after it finished, whatever else runs', () => {
  it('when 7 days have passed since previews completed or failed and no other preview ran, then their jobs and all they kept are gone', async () => {
    const completed = await aFinishedPreview('completed');
    const failed = await aFinishedPreview('failed');
    expect(await whatIsKeptOf(completed)).toEqual({ job: completed, keys: 2, indexed: 2 });

    await startRetentionAhead(7 * DAY_MS).ready;

    await eventually(async () => (await queue.getJob(completed)) === undefined);
    await eventually(async () => (await queue.getJob(failed)) === undefined);
    expect(await whatIsKeptOf(completed)).toEqual({ job: null, keys: 0, indexed: 0 });
    expect(await whatIsKeptOf(failed)).toEqual({ job: null, keys: 0, indexed: 0 });
  });

  it('when less than 6 days and 23 hours have passed, then everything of the preview is kept', async () => {
    const completed = await aFinishedPreview('completed');

    await startRetentionAhead(6 * DAY_MS + 22 * HOUR_MS).ready;
    await eventually(() => Promise.resolve(previewRuns() >= 3));

    expect(await whatIsKeptOf(completed)).toEqual({ job: completed, keys: 2, indexed: 2 });
  });

  it('when a preview waits or runs, then however old it is, it is not removed', async () => {
    const request = { organisationCode: 'R0A', statuses: [], changedSince: null };
    const waiting = await store.create(request, new Date());
    await queuePreview(queue, { previewId: waiting, ...request }, 1);

    await startRetentionAhead(30 * DAY_MS).ready;
    await eventually(() => Promise.resolve(previewRuns() >= 3));

    expect((await queue.getJob(waiting))?.id).toBe(waiting);
    expect(await queue.getJobState(waiting)).toBe('waiting');
  });
});
