import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../../scripts/embedded-redis';
import { externalLatencyKey } from '../../../src/store/latency-counters';
import { aRedisClient } from '../../helpers/redis';
import { aTestWorker } from '../../helpers/worker';

let redis: EmbeddedRedis;
let observer: Redis;

beforeAll(async () => {
  // a private Redis: its client list holds this test's connections only
  redis = await startEmbeddedRedis({ dataDir: mkdtempSync(join(tmpdir(), 'dit-shutdown-redis-')) });
  observer = aRedisClient(redis.url);
});
afterAll(async () => {
  await observer.quit();
  await redis.stop();
});

const connectedClients = async () =>
  ((await observer.client('LIST')) as string).split('\n').filter(Boolean).length;

describe('worker shutdown', () => {
  it('when a worker is closed and its connection quit, then it leaves no Redis connection open', async () => {
    const harness = aTestWorker({
      redisUrl: redis.url,
      tracUrl: 'http://127.0.0.1:9',
      esrUrl: 'http://127.0.0.1:9',
    });
    await harness.worker?.waitUntilReady();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the stall recorder's events stream connects
    expect(await connectedClients()).toBeGreaterThan(2);

    await harness.close();

    let clients = await connectedClients();
    for (let polls = 0; polls < 50 && clients > 1; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      clients = await connectedClients();
    }
    expect(clients).toBe(1); // the observer
  });

  it('when a worker closes, then the Trac and ESR latencies it still held are written to Redis', async () => {
    const harness = aTestWorker({
      redisUrl: redis.url,
      tracUrl: 'http://127.0.0.1:9', // refused at once: each attempt observes one Trac call
      esrUrl: 'http://127.0.0.1:9',
      tuning: { latencyFlushEveryMs: 600_000 },
    });
    const id = await harness.enqueue('R0A', 'A-800001');
    let attempts = 0;
    for (let polls = 0; polls < 100 && attempts === 0; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      attempts = (await harness.store.get(id))?.attempts ?? 0;
    }
    const latencyKey = externalLatencyKey(harness.prefix);
    expect(attempts).toBeGreaterThan(0);
    expect(await observer.hgetall(latencyKey)).toEqual({}); // held in memory

    await harness.close();

    const stored = await observer.hgetall(latencyKey);
    expect(Number(stored['trac|get-applicant|error|count'])).toBeGreaterThan(0);
  });
});
