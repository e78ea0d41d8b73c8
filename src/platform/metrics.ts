import type { RequestHandler } from 'express';
import type Redis from 'ioredis';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one process, on a registry of its own (not prom-client's global one) so
 * that tests can build many apps. Names start with `dit_`. Labels carry outcomes and reason codes,
 * never identifiers or personal data, which keeps their cardinality bounded. Later features add
 * their metrics to `registry` (transfers by outcome and reason, records by type and outcome, ESR
 * and Trac latency).
 */
export interface Metrics {
  registry: Registry;
  /** `dit_webhooks_total{outcome,reason}`: every answer to `POST /webhooks/trac`. */
  webhooks: Counter<'outcome' | 'reason'>;
  /** `dit_http_request_duration_seconds{route,method,status}`: every HTTP answer. */
  httpRequestDuration: Histogram<'route' | 'method' | 'status'>;
  /** `dit_requeues_total{role}`: transfers re-queued from the admin API, page or a manual start. */
  requeues: Counter<'role'>;
  /** `dit_admin_login_failures_total`: admin requests with wrong credentials. */
  adminLoginFailures: Counter;
}

export type WebhookOutcome = 'queued' | 'duplicate' | 'ignored' | 'rejected' | 'unavailable';

/** What the queue-depth gauge reads on each scrape; a BullMQ Queue fits. */
export interface QueueDepthSource {
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

export interface MetricsOptions {
  /** Queue whose depth by state is read on each scrape (`dit_queue_jobs{state}`). */
  queue?: QueueDepthSource;
  /** Process metrics (CPU, memory, event loop, GC); default true. */
  defaultMetrics?: boolean;
}

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'] as const;

/** A scrape must answer even when Redis does not: the depth is then left out, not stale. */
const QUEUE_DEPTH_TIMEOUT_MS = 1000;

/** The value, or undefined when it fails or takes longer than a scrape may wait. */
export async function readWithin<T>(work: Promise<T>, ms = QUEUE_DEPTH_TIMEOUT_MS): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((done) => {
    timer = setTimeout(() => done(undefined), ms);
  });
  const value = await Promise.race([work.catch(() => undefined), timeout]);
  clearTimeout(timer);
  return value;
}

function registerQueueDepth(registry: Registry, queue: QueueDepthSource): void {
  new Gauge({
    name: 'dit_queue_jobs',
    help: 'Transfer jobs in the queue by state, read from Redis on each scrape.',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await readWithin(queue.getJobCounts(...QUEUE_STATES));
      for (const [state, count] of Object.entries(counts ?? {})) this.set({ state }, count);
    },
  });
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  if (options.queue) registerQueueDepth(registry, options.queue);
  return {
    registry,
    webhooks: new Counter({
      name: 'dit_webhooks_total',
      help: 'Answers to Trac webhook deliveries by outcome (and reason for ignored or rejected ones).',
      labelNames: ['outcome', 'reason'],
      registers: [registry],
    }),
    httpRequestDuration: new Histogram({
      name: 'dit_http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by route pattern, method and status.',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    requeues: new Counter({
      name: 'dit_requeues_total',
      help: 'Transfers re-queued by an admin (retry, bulk retry, manual start of a failed one), by role.',
      labelNames: ['role'],
      registers: [registry],
    }),
    adminLoginFailures: new Counter({
      name: 'dit_admin_login_failures_total',
      help: 'Admin requests refused for wrong credentials (not those without any).',
      registers: [registry],
    }),
  };
}

/** Counts one webhook answer; `reason` only for ignored and rejected ones. */
export function countWebhook(metrics: Metrics, outcome: WebhookOutcome, reason?: string): void {
  metrics.webhooks.inc(reason ? { outcome, reason } : { outcome });
}

/**
 * Marks the requests under a mount path so that their latency is labelled by route pattern
 * (`/admin/transfers/:transferId`), not by URL: express forgets the mount path on error paths.
 */
export function labelRoute(mountPath: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.routePrefix = mountPath;
    next();
  };
}

/** Observes every answer's latency; unknown paths share one `unmatched` label. */
export function observeRequestDuration(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const stop = metrics.httpRequestDuration.startTimer();
    res.once('finish', () => {
      const prefix = res.locals.routePrefix as string | undefined;
      const routePath = (req.route as { path?: unknown } | undefined)?.path;
      const suffix = typeof routePath === 'string' && routePath !== '/' ? routePath : '';
      const route = prefix === undefined ? 'unmatched' : `${prefix}${suffix}`;
      stop({ route, method: req.method, status: String(res.statusCode) });
    });
    next();
  };
}

/*
 * Deployment-wide counts kept in Redis. Workers run in other processes (as many as wanted), so
 * they write their counts into Redis hashes and the receiver's `/metrics` reads them at scrape:
 * one place to scrape, nothing lost when a worker restarts.
 */

/** Buckets of the Trac and ESR latency histograms, seconds. */
export const EXTERNAL_LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** Hash of Trac and ESR request latencies: `api|operation|status|le|<bound>`, `…|sum`, `…|count`. */
export const externalLatencyKey = (prefix: string) => `${prefix}:metrics:latency`;

export type ExternalApi = 'trac' | 'esr';

/**
 * An `observe` callback for `createTracClient`/`createEsrClient`: counts each request's latency into
 * Redis without waiting (metrics never slow down or fail a transfer).
 */
export function createLatencyRecorder(redis: Redis, prefix: string, api: ExternalApi) {
  const key = externalLatencyKey(prefix);
  return (operation: string, status: number | 'error', seconds: number): void => {
    const series = `${api}|${operation}|${status}`;
    const bound = EXTERNAL_LATENCY_BUCKETS.find((le) => seconds <= le) ?? '+Inf';
    redis
      .multi()
      .hincrby(key, `${series}|le|${bound}`, 1)
      .hincrby(key, `${series}|count`, 1)
      .hincrbyfloat(key, `${series}|sum`, seconds)
      .exec()
      .catch(() => undefined);
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
