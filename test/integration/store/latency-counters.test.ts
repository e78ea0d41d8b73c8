import type Redis from 'ioredis';
import { latencyHistogramValues } from '../../../src/platform/stored-metrics';
import { createLatencyRecorder, externalLatencyKey } from '../../../src/store/latency-counters';
import { createStoredCounts } from '../../../src/store/stored-counts';
import { aFreshPrefix, aRedisClient } from '../../helpers/redis';

let redis: Redis;
beforeAll(() => {
  redis = aRedisClient();
});
afterAll(async () => {
  await redis.quit();
});

const stored = (prefix: string) => redis.hgetall(externalLatencyKey(prefix));

/** Polls until the hash has a value (immediate writes are not awaited by `observe`). */
async function eventuallyStored(prefix: string): Promise<Record<string, string>> {
  for (let polls = 0; polls < 100; polls += 1) {
    const hash = await stored(prefix);
    if (Object.keys(hash).length > 0) return hash;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('nothing stored');
}

describe('external latency recorder', () => {
  it('when it writes at once, then each request is counted in its bucket, count and sum', async () => {
    const prefix = aFreshPrefix('latency');
    const recorder = createLatencyRecorder(redis, prefix, 'trac');

    recorder.observe('get-applicant', 200, 0.02);

    expect(await eventuallyStored(prefix)).toEqual({
      'trac|get-applicant|200|le|0.025': '1',
      'trac|get-applicant|200|count': '1',
      'trac|get-applicant|200|sum': '0.02',
    });
  });

  it('when it buffers, then nothing is written before the flush and the flush writes the totals of every request, as /metrics reads them', async () => {
    const prefix = aFreshPrefix('latency');
    const recorder = createLatencyRecorder(redis, prefix, 'esr', 60_000);

    recorder.observe('search', 200, 0.02);
    recorder.observe('search', 200, 0.2);
    recorder.observe('post-dbs', 'error', 12);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await stored(prefix)).toEqual({});
    await recorder.flush();

    const values = latencyHistogramValues(await createStoredCounts(redis, prefix).latencies(), 'esr', 'h');
    const value = (metricName: string, labels: Record<string, string | number>) =>
      values.find((v) => v.metricName === metricName && JSON.stringify(v.labels) === JSON.stringify(labels))
        ?.value;
    expect(value('h_count', { operation: 'search', status: '200' })).toBe(2);
    expect(value('h_sum', { operation: 'search', status: '200' })).toBeCloseTo(0.22);
    expect(value('h_bucket', { operation: 'search', status: '200', le: 0.025 })).toBe(1);
    expect(value('h_bucket', { operation: 'search', status: '200', le: 0.25 })).toBe(2);
    expect(value('h_bucket', { operation: 'post-dbs', status: 'error', le: 10 })).toBe(0);
    expect(value('h_bucket', { operation: 'post-dbs', status: 'error', le: '+Inf' })).toBe(1);
  });

  it('when the buffer window passes, then the totals are written without a flush', async () => {
    const prefix = aFreshPrefix('latency');
    const recorder = createLatencyRecorder(redis, prefix, 'esr', 50);

    recorder.observe('search', 200, 0.02);
    recorder.observe('search', 200, 0.02);

    expect(await eventuallyStored(prefix)).toMatchObject({ 'esr|search|200|count': '2' });
  });
});
