import { randomBytes } from 'node:crypto';
import {
  ADMIN_PAGES,
  createAdminClient,
  timePages,
  type AdminClient,
  type AdminPage,
  type PageFigures,
  type PageSite,
} from './admin-requests';
import { seedFinishedTransfers } from './admin-seed';
import type { BenchEnvironment, StartedReceiver } from './bench-environment';
import type { BenchChild } from './child-process';
import { fireWebhooks, type FiredWebhooks } from './fire-webhooks';
import { round, startCpuMeter, type CpuReading } from './process-stats';
import { deleteKeysUnder, usedMemoryBytes } from './redis-tools';
import type { RunScope } from './run-scope';
import { createDeliverySigner } from './signed-delivery';
import { distributionOf } from './stats';

/** The HR side with `transfers` finished transfers in Redis, while webhooks arrive. */
export interface AdminLevelFigures {
  transfers: number;
  failed: number;
  outstanding: number;
  /** Seeding through the store and worker code, seconds, and Redis `used_memory` after it. */
  seedingSeconds: number;
  redisUsedBytes: number;
  pages: Record<AdminPage, PageFigures>;
  /** `POST /admin/transfers/retry` of every failed transfer (at most 1,000), as one HR admin's request. */
  bulkRequeue: { requeued: number; status: number; seconds: number };
  /** The webhooks that arrived meanwhile (paced), and how they were answered. */
  webhooks: { perSecond: number; sent: number; non2xx: number; p50Ms: number; p99Ms: number };
  /** Receiver, worker and Redis CPU while the pages were timed; per unit = per page request. */
  cpu: CpuReading;
}

export interface AdminFigures extends AdminLevelFigures {
  /** The same at the smaller number of transfers, so that growth shows. */
  smaller?: AdminLevelFigures;
  /** p50 at `transfers` ÷ p50 at `smaller.transfers`, per page (measured side by side). */
  growth?: Record<AdminPage, number>;
}

export interface AdminPhaseOptions {
  /** Finished transfers of each run, smallest first (default 5,000 then 50,000). */
  levels: readonly number[];
  failed: number;
  outstanding: number;
  /** Requests of each page per run. */
  samples: number;
  webhooksPerSecond: number;
  /** Sandbox applicants for the webhooks, split evenly between the runs. */
  webhookApplicantIds: readonly string[];
  concurrency: number;
  log: (line: string) => void;
}

const HR_USER = 'bench-hr';

/** Issue 22's peak: 1,000 failed transfers (one bulk re-queue) and 2,000 with outstanding records. */
export const ADMIN_FAILED = 1000;
export const ADMIN_OUTSTANDING = 2000;

async function bulkRequeue(client: AdminClient): Promise<AdminLevelFigures['bulkRequeue']> {
  const answer = await client.post('/admin/transfers/retry', {});
  const body = (answer.status === 202 ? JSON.parse(answer.body) : {}) as { requeued?: number };
  return { requeued: body.requeued ?? 0, status: answer.status, seconds: round(answer.ms / 1000, 2) };
}

/** One number of finished transfers: its Redis prefix, receiver, worker, HR client and webhooks. */
interface Site extends PageSite {
  level: number;
  prefix: string;
  redisUsedBytes: number;
  receiver: StartedReceiver;
  worker: BenchChild;
  stop: AbortController;
  webhooks?: Promise<FiredWebhooks>;
}

async function seedSite(env: BenchEnvironment, options: AdminPhaseOptions, level: number, scope: RunScope) {
  const prefix = env.prefixFor(`admin${level}`);
  options.log(
    `admin: seeding ${level} finished transfers (${options.failed} failed, ${options.outstanding} outstanding)`,
  );
  const plan = { total: level, failed: options.failed, outstanding: options.outstanding };
  const seeded = await seedFinishedTransfers(
    env.redisUrl,
    prefix,
    { ...plan, applicantPrefix: `AD${level}-` },
    scope.signal,
    (done) => options.log(`admin: ${done} of ${level} seeded`),
  );
  return { level, prefix, seeded, redisUsedBytes: await usedMemoryBytes(env.redis) };
}

async function startSite(
  env: BenchEnvironment,
  options: AdminPhaseOptions,
  seededSite: Awaited<ReturnType<typeof seedSite>>,
  sites: Site[],
): Promise<void> {
  const password = randomBytes(12).toString('base64url');
  const receiver = await env.startReceiver(seededSite.prefix, { ADMIN_USERS: `${HR_USER}:${password}` });
  const worker = await env.startWorker(seededSite.prefix, options.concurrency, sites.length);
  const client = createAdminClient(receiver.url, HR_USER, password);
  sites.push({ ...seededSite, receiver, worker, client, stop: new AbortController() });
}

function figuresOf(site: Site, pages: Record<AdminPage, PageFigures>, fired: FiredWebhooks, cpu: CpuReading) {
  const latency = distributionOf(fired.latenciesMs);
  const answered = (fired.answers['202'] ?? 0) + (fired.answers['200'] ?? 0);
  return {
    transfers: site.level,
    failed: site.seeded.failed.length,
    outstanding: site.seeded.outstanding.length,
    seedingSeconds: site.seeded.seconds,
    redisUsedBytes: site.redisUsedBytes,
    pages,
    webhooks: {
      perSecond: round(fired.latenciesMs.length / (fired.elapsedMs / 1000)),
      sent: fired.latenciesMs.length,
      non2xx: fired.latenciesMs.length - answered,
      p50Ms: latency.p50,
      p99Ms: latency.p99,
    },
    cpu,
  };
}

/**
 * The HR side at the national peak: for each number of finished transfers (made through the
 * connector's own start and store code), a real receiver and worker on a prefix of their own,
 * running side by side; webhooks arrive at each at `webhooksPerSecond` while the overview, a
 * filtered list, a search, a transfer's page and the JSON list are timed, each page on every site
 * in turn (so that the machine's load falls on all alike); then a bulk re-queue of each site's
 * failed transfers.
 */
export async function runAdminPhase(
  env: BenchEnvironment,
  options: AdminPhaseOptions,
  scope: RunScope,
): Promise<AdminFigures> {
  const share = Math.floor(options.webhookApplicantIds.length / options.levels.length);
  const seeded = [];
  for (const level of options.levels) seeded.push(await seedSite(env, options, level, scope));
  const sites: Site[] = [];
  try {
    for (const site of seeded) await startSite(env, options, site, sites);
    const meters = sites.map((site, i) => {
      site.webhooks = fireWebhooks({
        receiverUrl: site.receiver.url,
        applicantIds: options.webhookApplicantIds.slice(i * share, (i + 1) * share),
        sign: createDeliverySigner(env.webhookSecret, `${site.prefix}-admin`),
        inFlight: 20,
        perSecond: options.webhooksPerSecond,
        signal: scope.signal,
        stop: site.stop.signal,
      });
      site.webhooks.catch(() => undefined); // an aborted run rejects it; the pages' error is reported
      return startCpuMeter({
        receiver: site.receiver.child.pid,
        worker: site.worker.pid,
        redis: env.redisPid,
      });
    });
    options.log(
      `admin: ${options.levels.join(' and ')} transfers side by side: ${options.samples} requests of each page, webhooks at ${options.webhooksPerSecond}/s`,
    );
    const pages = await timePages(sites, options.samples, scope.signal);
    const cpu = meters.map((meter) => meter.read(options.samples * ADMIN_PAGES.length));
    const runs: AdminLevelFigures[] = [];
    for (const [i, site] of sites.entries()) {
      options.log(`admin: ${site.level} transfers: bulk re-queue of the failed ones`);
      const bulk = await bulkRequeue(site.client);
      site.stop.abort();
      const fired = await (site.webhooks ?? Promise.reject(new Error('no webhooks')));
      const sitePages = pages[i];
      const siteCpu = cpu[i];
      if (!sitePages || !siteCpu) throw new Error('admin phase: a site was not timed');
      runs.push({ ...figuresOf(site, sitePages, fired, siteCpu), bulkRequeue: bulk });
    }
    return summarise(runs);
  } finally {
    for (const site of sites) {
      site.stop.abort();
      site.client.close();
      await site.worker.stop();
      await site.receiver.child.stop();
    }
    for (const site of seeded) await deleteKeysUnder(env.redis, site.prefix);
  }
}

/** The largest run's figures, with the smaller one and the growth between them. */
function summarise(runs: AdminLevelFigures[]): AdminFigures {
  const largest = runs[runs.length - 1];
  if (!largest) throw new Error('admin phase: no run');
  const smaller = runs.length > 1 ? runs[0] : undefined;
  if (!smaller) return largest;
  const growth = Object.fromEntries(
    ADMIN_PAGES.map((page) => [page, round(largest.pages[page].p50Ms / smaller.pages[page].p50Ms, 2)]),
  ) as Record<AdminPage, number>;
  return { ...largest, smaller, growth };
}
