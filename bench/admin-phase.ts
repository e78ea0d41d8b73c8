import { randomBytes } from 'node:crypto';
import {
  ADMIN_PAGES,
  createAdminClient,
  timePages,
  type AdminClient,
  type AdminPage,
  type PageFigures,
} from './admin-requests';
import { seedFinishedTransfers } from './admin-seed';
import type { BenchEnvironment } from './bench-environment';
import { fireWebhooks } from './fire-webhooks';
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
  /** p95 at `transfers` ÷ p95 at `smaller.transfers`, per page. */
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

/** One run: seed, start a receiver and a worker, time the pages and the bulk re-queue under webhooks. */
async function runLevel(
  env: BenchEnvironment,
  options: AdminPhaseOptions,
  level: number,
  webhookApplicantIds: readonly string[],
  scope: RunScope,
): Promise<AdminLevelFigures> {
  const prefix = env.prefixFor(`admin${level}`);
  const plan = { transfers: level, failed: options.failed, outstanding: options.outstanding };
  options.log(
    `admin: seeding ${level} finished transfers (${plan.failed} failed, ${plan.outstanding} outstanding)`,
  );
  const seeded = await seedFinishedTransfers(
    env.redisUrl,
    prefix,
    { total: level, failed: plan.failed, outstanding: plan.outstanding, applicantPrefix: `AD${level}-` },
    scope.signal,
    (done) => options.log(`admin: ${done} of ${level} seeded`),
  );
  const redisUsedBytes = await usedMemoryBytes(env.redis);
  const password = randomBytes(12).toString('base64url');
  const receiver = await env.startReceiver(prefix, { ADMIN_USERS: `${HR_USER}:${password}` });
  const worker = await env.startWorker(prefix, options.concurrency, 0);
  const client = createAdminClient(receiver.url, HR_USER, password);
  const stop = new AbortController();
  try {
    const webhooks = fireWebhooks({
      receiverUrl: receiver.url,
      applicantIds: webhookApplicantIds,
      sign: createDeliverySigner(env.webhookSecret, `${prefix}-admin`),
      inFlight: 20,
      perSecond: options.webhooksPerSecond,
      signal: scope.signal,
      stop: stop.signal,
    });
    webhooks.catch(() => undefined); // an aborted run rejects it; the pages' error is the one reported
    const meter = startCpuMeter({ receiver: receiver.child.pid, worker: worker.pid, redis: env.redisPid });
    options.log(
      `admin: ${level} transfers: ${options.samples} requests of each page, webhooks at ${options.webhooksPerSecond}/s`,
    );
    const pages = await timePages(client, seeded, options.samples, scope.signal);
    const cpu = meter.read(options.samples * ADMIN_PAGES.length);
    options.log(`admin: ${level} transfers: bulk re-queue of the failed ones`);
    const requeue = await bulkRequeue(client);
    stop.abort();
    const fired = await webhooks;
    const latency = distributionOf(fired.latenciesMs);
    return {
      ...plan,
      seedingSeconds: seeded.seconds,
      redisUsedBytes,
      pages,
      bulkRequeue: requeue,
      webhooks: {
        perSecond: round(fired.latenciesMs.length / (fired.elapsedMs / 1000)),
        sent: fired.latenciesMs.length,
        non2xx: fired.latenciesMs.length - (fired.answers['202'] ?? 0) - (fired.answers['200'] ?? 0),
        p50Ms: latency.p50,
        p99Ms: latency.p99,
      },
      cpu,
    };
  } finally {
    stop.abort();
    client.close();
    await worker.stop();
    await receiver.child.stop();
    await deleteKeysUnder(env.redis, prefix);
  }
}

/**
 * The HR side at the national peak: for each number of finished transfers (made through the
 * connector's own start and store code), a real receiver and worker on a prefix of their own; the
 * overview, a filtered list, a search, a transfer's page and the JSON list timed while webhooks
 * arrive at `webhooksPerSecond`, then a bulk re-queue of the failed transfers.
 */
export async function runAdminPhase(
  env: BenchEnvironment,
  options: AdminPhaseOptions,
  scope: RunScope,
): Promise<AdminFigures> {
  const share = Math.floor(options.webhookApplicantIds.length / options.levels.length);
  const runs: AdminLevelFigures[] = [];
  for (const [i, level] of options.levels.entries()) {
    const applicants = options.webhookApplicantIds.slice(i * share, (i + 1) * share);
    runs.push(await runLevel(env, options, level, applicants, scope));
  }
  const largest = runs[runs.length - 1];
  if (!largest) throw new Error('admin phase: no run');
  const smaller = runs.length > 1 ? runs[0] : undefined;
  if (!smaller) return largest;
  const growth = Object.fromEntries(
    ADMIN_PAGES.map((page) => [page, round(largest.pages[page].p95Ms / smaller.pages[page].p95Ms, 2)]),
  ) as Record<AdminPage, number>;
  return { ...largest, smaller, growth };
}
