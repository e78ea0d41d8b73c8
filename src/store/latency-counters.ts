import type Redis from 'ioredis';
import { EXTERNAL_LATENCY_BUCKETS, type ExternalApi } from '../platform/stored-metrics';
import { createBufferedIncrements } from './buffered-increments';

/** Hash of Trac and ESR request latencies: `api|operation|status|le|<bound>`, `…|sum`, `…|count`. */
export const externalLatencyKey = (prefix: string) => `${prefix}:metrics:latency`;

export interface LatencyRecorder {
  /** The `observe` callback for `createTracClient`/`createEsrClient`. */
  observe: (operation: string, status: number | 'error', seconds: number) => void;
  /** Writes what is buffered now (at shutdown); never rejects. */
  flush(): Promise<void>;
}

/**
 * Counts each Trac or ESR request's latency into Redis without waiting (see
 * `createBufferedIncrements`); call `flush()` at shutdown. The receiver's `/metrics` reads the
 * counts of every process (`registerStoredMetrics`).
 */
export function createLatencyRecorder(
  redis: Redis,
  prefix: string,
  api: ExternalApi,
  flushEveryMs = 0,
): LatencyRecorder {
  const key = externalLatencyKey(prefix);
  const increments = createBufferedIncrements(redis, flushEveryMs);
  return {
    observe: (operation, status, seconds) => {
      const series = `${api}|${operation}|${status}`;
      const bound = EXTERNAL_LATENCY_BUCKETS.find((le) => seconds <= le) ?? '+Inf';
      increments.add(key, `${series}|le|${bound}`, 1);
      increments.add(key, `${series}|count`, 1);
      increments.add(key, `${series}|sum`, seconds, true);
    },
    flush: () => increments.flush(),
  };
}
