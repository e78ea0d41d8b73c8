import type { RequestHandler } from 'express';
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
  /** `dit_admin_refused_total{status}`: admin requests refused `401`, `403` or `429` (connector.md). */
  adminRefused: Counter<'status'>;
  /** `dit_transfer_records_unreadable_total`: stored transfers skipped because they cannot be read. */
  unreadableTransfers: Counter;
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
      help: 'Transfers re-queued by an admin (one, in bulk, or by a manual start of a failed one), by role.',
      labelNames: ['role'],
      registers: [registry],
    }),
    adminLoginFailures: new Counter({
      name: 'dit_admin_login_failures_total',
      help: 'Admin requests refused for wrong credentials (not those without any).',
      registers: [registry],
    }),
    adminRefused: new Counter({
      name: 'dit_admin_refused_total',
      help: "Admin and dashboard requests refused, by status: 401 no valid credentials, 403 not allowed, 404 another organisation's transfer or preview, 429 locked out.",
      labelNames: ['status'],
      registers: [registry],
    }),
    unreadableTransfers: new Counter({
      name: 'dit_transfer_records_unreadable_total',
      help: 'Stored transfer records the admin views skipped because they do not match the transfer schema.',
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
