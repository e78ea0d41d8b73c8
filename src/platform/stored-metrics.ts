import { Counter, type Histogram, type Registry } from 'prom-client';
import { readWithin, type Metrics } from './metrics';

/*
 * Metrics that worker processes keep in the store (record outcomes, transfer outcomes, Trac and ESR
 * latency) and that the receiver's `/metrics` reads at scrape, so one endpoint covers every process.
 */

/** Buckets of the Trac and ESR latency histograms, seconds. */
export const EXTERNAL_LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export type ExternalApi = 'trac' | 'esr';

/** Counts by field, as the worker processes keep them for the whole deployment. */
export type FieldCounts = Record<string, number>;

/**
 * The counts worker processes keep (outcome counters, latency recorders, sweeps, Trac listings),
 * read at each scrape; `createStoredCounts` in src/store reads them from Redis. Each field's form is
 * given; a read may reject (the scrape then shows nothing for it).
 */
export interface StoredCounts {
  /** Finished transfers, `state|reason`. */
  transfers(): Promise<FieldCounts>;
  /** Record outcomes of finished transfers, `type|outcome`. */
  records(): Promise<FieldCounts>;
  /** Trac and ESR request latencies, `api|operation|status|le|<bound>`, `…|sum`, `…|count`. */
  latencies(): Promise<FieldCounts>;
  /** Sweeps: `completed`, `failed` (attempts by outcome), `started` (transfers started). */
  sweeps(): Promise<FieldCounts>;
  /** Items of the workers' Trac listings left out, `skipped|<reason>`. */
  tracListItems(): Promise<FieldCounts>;
}

type HistogramValue = { labels: Record<string, string | number>; value: number; metricName: string };

/** Cumulative bucket, sum and count lines of one histogram from the latency counts. */
export function latencyHistogramValues(counts: FieldCounts, api: ExternalApi, name: string) {
  const series = new Map<string, { buckets: Map<string, number>; sum: number; count: number }>();
  for (const [field, count] of Object.entries(counts)) {
    const [fieldApi, operation, status, kind, bound] = field.split('|');
    if (fieldApi !== api || operation === undefined || status === undefined) continue;
    const id = `${operation}|${status}`;
    const entry = series.get(id) ?? { buckets: new Map<string, number>(), sum: 0, count: 0 };
    series.set(id, entry);
    if (kind === 'le' && bound !== undefined) entry.buckets.set(bound, count);
    else if (kind === 'sum') entry.sum = count;
    else if (kind === 'count') entry.count = count;
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
 * own whose `get()` reads the store at scrape; the registry renders it like any histogram.
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
  read: () => Promise<FieldCounts | undefined>,
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
        this.inc({ [labels[0]]: first, [labels[1]]: second }, count);
      }
    },
  });
}

/**
 * Adds the deployment-wide metrics read from the store at scrape: `dit_transfers_total{state,reason}`,
 * `dit_records_total{record_type,outcome}`, `dit_trac_request_duration_seconds` and
 * `dit_esr_request_duration_seconds{operation,status}`. Registering twice is a no-op.
 */
export function registerStoredMetrics(metrics: Metrics, counts: StoredCounts): void {
  const { registry } = metrics;
  if (registry.getSingleMetric('dit_transfers_total')) return;
  registerStoredCounter(
    registry,
    'dit_transfers_total',
    'Finished transfers by state and reason (none: sent what it should), all workers.',
    ['state', 'reason'],
    () => readWithin(counts.transfers()),
  );
  registerStoredCounter(
    registry,
    'dit_records_total',
    'Record outcomes of finished transfers by ESR record type, all workers.',
    ['record_type', 'outcome'],
    () => readWithin(counts.records()),
  );
  for (const api of ['trac', 'esr'] as const) {
    const name = `dit_${api}_request_duration_seconds`;
    const help = `${api === 'trac' ? 'Trac' : 'ESR'} API request latency by operation and status (error: no answer), all processes.`;
    registerStoredHistogram(registry, name, help, async () =>
      latencyHistogramValues((await readWithin(counts.latencies())) ?? {}, api, name),
    );
  }
}
