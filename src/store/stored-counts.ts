import type Redis from 'ioredis';
import type { FieldCounts, StoredCounts } from '../platform/stored-metrics';
import { externalLatencyKey } from './latency-counters';
import { recordCountsKey, transferCountsKey } from './outcome-counters';
import { sweepCountsKey } from './sweep-log';
import { tracListCountsKey } from './trac-list-counts';

/**
 * The counts the worker processes keep in Redis hashes (one per kind, fields as `StoredCounts`
 * says), each read whole with one `HGETALL`.
 */
export function createStoredCounts(redis: Redis, prefix: string): StoredCounts {
  const read = async (key: string): Promise<FieldCounts> => {
    const hash = await redis.hgetall(key);
    return Object.fromEntries(Object.entries(hash).map(([field, count]) => [field, Number(count)]));
  };
  return {
    transfers: () => read(transferCountsKey(prefix)),
    records: () => read(recordCountsKey(prefix)),
    latencies: () => read(externalLatencyKey(prefix)),
    sweeps: () => read(sweepCountsKey(prefix)),
    tracListItems: () => read(tracListCountsKey(prefix)),
  };
}
