import type Redis from 'ioredis';
import { Counter, type Histogram, type Registry } from 'prom-client';
import { readWithin, type Metrics } from './metrics';

/*
 * Metrics that worker processes keep in Redis (record outcomes, transfer outcomes, Trac and ESR
 * latency) and that the receiver's `/metrics` reads at scrape, so one endpoint covers every process.
 */

/** Buckets of the Trac and ESR latency histograms, seconds. */
export const EXTERNAL_LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** Hash of Trac and ESR request latencies: `api|operation|status|le|<bound>`, `…|sum`, `…|count`. */
export const externalLatencyKey = (prefix: string) => `${prefix}:metrics:latency`;

export type ExternalApi = 'trac' | 'esr';

export interface LatencyRecorder {
  /** The `observe` callback for `createTracClient`/`createEsrClient`. */
  observe: (operation: string, status: number | 'error', seconds: number) => void;
  /** Writes what is buffered now (at shutdown); never rejects. */
  flush(): Promise<void>;
}

/** Increments of Redis hash fields, added up in memory and written as one MULTI. */
export interface BufferedIncrements {
  /** Adds `amount` to `field` of `key` (a float when `float`); written by the next flush. */
  add(key: string, field: string, amount: number, float?: boolean): void;
  /** Writes what is buffered now (at shutdown); never rejects. */
  flush(): Promise<void>;
}

/**
 * Metrics that workers keep in Redis never slow a transfer down or fail it: increments add up in
 * memory and go out as one MULTI at most every `flushEveryMs` (0: at once), not one per event.
 */
export function createBufferedIncrements(redis: Redis, flushEveryMs = 0): BufferedIncrements {
  /** `key`, `field`, float? → what to add. */
  const pending = new Map<string, { key: string; field: string; float: boolean; amount: number }>();
  let timer: NodeJS.Timeout | undefined;

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return Promise.resolve();
    const multi = redis.multi();
    for (const { key, field, float, amount } of pending.values()) {
      if (float) multi.hincrbyfloat(key, field, amount);
      else multi.hincrby(key, field, amount);
    }
    pending.clear();
    return multi.exec().then(
      () => undefined,
      () => undefined,
    );
  }

  return {
    add(key, field, amount, float = false) {
      const id = `${key}\n${field}`;
      const entry = pending.get(id) ?? { key, field, float, amount: 0 };
      entry.amount += amount;
      pending.set(id, entry);
      if (flushEveryMs <= 0) void flush();
      else timer ??= setTimeout(() => void flush(), flushEveryMs).unref();
    },
    flush,
  };
}

/**
 * Counts each Trac or ESR request's latency into Redis without waiting (see
 * `createBufferedIncrements`); call `flush()` at shutdown.
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

/** Where the receiver reads the counts the workers keep (`outcome-counters.ts`, the recorder above). */
export interface StoredMetricsSource {
  redis: Redis;
  /** `state|reason` → finished transfers. */
  transfersKey: string;
  /** `type|outcome` → record outcomes. */
  recordsKey: string;
  /** `externalLatencyKey(prefix)`. */
  latencyKey: string;
}

type HistogramValue = { labels: Record<string, string | number>; value: number; metricName: string };

/** Cumulative bucket, sum and count lines of one histogram from the latency hash. */
export function latencyHistogramValues(hash: Record<string, string>, api: ExternalApi, name: string) {
  const series = new Map<string, { buckets: Map<string, number>; sum: number; count: number }>();
  for (const [field, raw] of Object.entries(hash)) {
    const [fieldApi, operation, status, kind, bound] = field.split('|');
    if (fieldApi !== api || operation === undefined || status === undefined) continue;
    const id = `${operation}|${status}`;
    const entry = series.get(id) ?? { buckets: new Map<string, number>(), sum: 0, count: 0 };
    series.set(id, entry);
    if (kind === 'le' && bound !== undefined) entry.buckets.set(bound, Number(raw));
    else if (kind === 'sum') entry.sum = Number(raw);
    else if (kind === 'count') entry.count = Number(raw);
  }
  const values: HistogramValue[] = [];
  for (const [id, entry] of series) {
    const [operation = '', status = ''] = id.split('|');
    let cumulative = 0;
    for (const le of EXTERNAL_LATENCY_BUCKETS) {
      cumulative += entry.buckets.get(String(le)) ?? 0;
      values.push({ metricName: `${name}_bucket`, labels: { operation, status, le }, value: cumulative });
    }
    values.push({
      metricName: `${name}_bucket`,
      labels: { operation, status, le: '+Inf' },
      value: entry.count,
    });
    values.push({ metricName: `${name}_sum`, labels: { operation, status }, value: entry.sum });
    values.push({ metricName: `${name}_count`, labels: { operation, status }, value: entry.count });
  }
  return values;
}

/**
 * prom-client cannot load bucket counts into a Histogram, so this one is a metric object of its
 * own whose `get()` reads Redis at scrape; the registry renders it like any histogram.
 */
function registerStoredHistogram(
  registry: Registry,
  name: string,
  help: string,
  read: () => Promise<HistogramValue[]>,
) {
  const describe = async () => ({ name, help, type: 'histogram', aggregator: 'sum', values: await read() });
  const metric = { name, help, type: 'histogram', aggregator: 'sum', get: describe, reset: () => undefined };
  registry.registerMetric(metric as unknown as Histogram);
}

function registerStoredCounter(
  registry: Registry,
  name: string,
  help: string,
  labels: [string, string],
  read: () => Promise<Record<string, string> | undefined>,
) {
  new Counter({
    name,
    help,
    labelNames: labels,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [field, count] of Object.entries((await read()) ?? {})) {
        const [first = '', second = ''] = field.split('|');
        this.inc({ [labels[0]]: first, [labels[1]]: second }, Number(count));
      }
    },
  });
}

/**
 * Adds the deployment-wide metrics read from Redis at scrape: `dit_transfers_total{state,reason}`,
 * `dit_records_total{record_type,outcome}`, `dit_trac_request_duration_seconds` and
 * `dit_esr_request_duration_seconds{operation,status}`. Registering twice is a no-op.
 */
export function registerStoredMetrics(metrics: Metrics, source: StoredMetricsSource): void {
  const { registry } = metrics;
  if (registry.getSingleMetric('dit_transfers_total')) return;
  const hash = (key: string) => readWithin(source.redis.hgetall(key));
  registerStoredCounter(
    registry,
    'dit_transfers_total',
    'Finished transfers by state and reason (none: sent what it should), all workers.',
    ['state', 'reason'],
    () => hash(source.transfersKey),
  );
  registerStoredCounter(
    registry,
    'dit_records_total',
    'Record outcomes of finished transfers by ESR record type, all workers.',
    ['record_type', 'outcome'],
    () => hash(source.recordsKey),
  );
  for (const api of ['trac', 'esr'] as const) {
    const name = `dit_${api}_request_duration_seconds`;
    const help = `${api === 'trac' ? 'Trac' : 'ESR'} API request latency by operation and status (error: no answer), all processes.`;
    registerStoredHistogram(registry, name, help, async () =>
      latencyHistogramValues((await hash(source.latencyKey)) ?? {}, api, name),
    );
  }
}
