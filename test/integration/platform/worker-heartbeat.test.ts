import { Worker } from 'bullmq';
import type Redis from 'ioredis';
import request from 'supertest';
import { createLogger } from '../../../src/platform/logger';
import { countLiveWorkers, workerHeartbeatsKey } from '../../../src/store/worker-heartbeats';
import { createWorkerHealthServer } from '../../../workers/worker-health-server';
import { startWorkerHeartbeat, type WorkerHeartbeat } from '../../../workers/worker-heartbeat';
import { aFreshPrefix, aRedisClient } from '../../helpers/redis';

// A worker that stops taking jobs while its process runs on (paused, or its BullMQ worker closed)
// must say so too: the heartbeat, on a real BullMQ worker and a real Redis, with short intervals.
const EVERY_MS = 100;
const STALE_MS = 600;
const logger = createLogger({ level: 'error' });
let redis: Redis;
let prefix: string;
let worker: Worker;
let heartbeat: WorkerHeartbeat;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await sleep(25);
  }
}

beforeEach(async () => {
  redis = aRedisClient();
  prefix = aFreshPrefix('heartbeat');
  worker = new Worker('heartbeat-test', () => Promise.resolve(), { connection: redis, prefix });
  await worker.waitUntilReady();
  heartbeat = startWorkerHeartbeat(worker, redis, prefix, logger, {
    everyMs: EVERY_MS,
    staleMs: STALE_MS,
    workerId: 'host-a:1',
  });
  await until(() => heartbeat.problem() === undefined);
});

afterEach(async () => {
  await heartbeat.close();
  await worker.close();
  await redis.quit();
});

describe('the worker heartbeat', () => {
  it('when the worker takes jobs, then it is counted alive and its health endpoint says ready', async () => {
    const answer = await request(createWorkerHealthServer(heartbeat)).get('/health/ready');

    expect(answer.status).toBe(200);
    expect(await countLiveWorkers(redis, prefix, Date.now(), STALE_MS)).toBe(1);
  });

  it('when the worker is paused, then it says worker_paused, answers 503 and drops out of the count', async () => {
    await worker.pause(true);

    const answer = await request(createWorkerHealthServer(heartbeat)).get('/health/ready');
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ status: 'unavailable', reason: 'worker_paused' });
    await sleep(STALE_MS + EVERY_MS);
    expect(await countLiveWorkers(redis, prefix, Date.now(), STALE_MS)).toBe(0);

    await worker.resume();
    await until(async () => (await countLiveWorkers(redis, prefix, Date.now(), STALE_MS)) === 1);
    expect(heartbeat.problem()).toBeUndefined();
  });

  it('when the BullMQ worker is closed, then it says worker_not_running', async () => {
    await worker.close();

    expect(heartbeat.problem()).toBe('worker_not_running');
    const answer = await request(createWorkerHealthServer(heartbeat)).get('/health/ready');
    expect(answer.body).toEqual({ status: 'unavailable', reason: 'worker_not_running' });
  });

  it('when the heartbeat is closed, then its mark is removed at once and the process still answers /health/live', async () => {
    await heartbeat.close();

    expect(await redis.zscore(workerHeartbeatsKey(prefix), 'host-a:1')).toBeNull();
    const live = await request(createWorkerHealthServer(heartbeat)).get('/health/live');
    expect(live.body).toEqual({ status: 'ok' });
  });

  it('when a path other than the two health paths is asked for, then it answers 404', async () => {
    const answer = await request(createWorkerHealthServer(heartbeat)).get('/metrics');

    expect(answer.status).toBe(404);
  });
});
