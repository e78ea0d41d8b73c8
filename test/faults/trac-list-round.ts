import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../scripts/embedded-redis';
import { findFreePort } from '../../scripts/free-port';
import { createSweepQueue, queueSweepNow } from '../../src/store/sweep-queue';
import { createSweepLog } from '../../src/store/sweep-log';
import { createTransferQueue, type TransferQueue } from '../../src/store/transfer-queue';
import { createTransferStore } from '../../src/store/transfer-store';
import { jobSettled } from '../helpers/jobs';
import { aRedisClient } from '../helpers/redis';
import { aWebhookSecret } from '../helpers/webhooks';
import { startCaptured, stopCaptured, WorkerFleet, type CapturedProcess } from './connector-processes';
import { planFaultRun, seededRandom } from './fault-plan';
import { machineOf, writeOutputs } from './fault-report';
import { startFaultSandboxes, type FaultSandboxes } from './fault-sandboxes';
import { connectorEnv, esrFaultsFor, QUEUE_PREFIX } from './fault-suite';
import { sweepThroughAdminApi } from './failover-sweep';
import { waitUntilSettled } from './settle';
import { checkTracListRun } from './trac-list-checks';
import { withLostWebhooks, type TracListPlan } from './trac-list-plan';
import {
  reportedTracListOptions,
  type Misbehaviour,
  type TracListRoundOptions,
  type TracListRoundReport,
} from './trac-list-report';
import { fireWebhooks } from './webhook-firer';

export type { TracListRoundOptions, TracListRoundReport } from './trac-list-report';

const WORKER_WITH_SWEEPS = 'test/faults/worker-with-sweeps.ts';
const READY_MS = 60_000;
/** The misbehaviour starts once this share of the deliveries is settled: transfers are flowing. */
const MISBEHAVE_AT_SHARE = 0.3;
/** ESR answers a little slowly, so that transfers are still in flight while the sweeps run. */
const ESR_LATENCY_MS = 20;

/** What the round has started, so that `finally` stops exactly that. */
interface Running {
  dataDir: string;
  redis?: EmbeddedRedis;
  sandboxes?: FaultSandboxes;
  client?: Redis;
  queue?: TransferQueue;
  processes: CapturedProcess[];
  fleet?: WorkerFleet;
}

/** Redis, the sandboxes, a receiver and two workers that also take sweeps (none scheduled), each ready. */
async function startConnector(run: Running, plan: TracListPlan) {
  const redis = (run.redis = await startEmbeddedRedis({ dataDir: run.dataDir }));
  const sandboxes = (run.sandboxes = await startFaultSandboxes(plan.seed));
  const client = (run.client = aRedisClient(redis.url));
  run.queue = createTransferQueue(client, QUEUE_PREFIX, 1);
  const secret = aWebhookSecret();
  const port = await findFreePort();
  const env = { ...connectorEnv(redis.url, sandboxes, port, secret), RECONCILE_INTERVAL_SECONDS: '0' };
  const receiver = startCaptured('receiver', 'src/server.ts', env);
  run.processes.push(receiver);
  run.fleet = new WorkerFleet(2, env, WORKER_WITH_SWEEPS);
  await Promise.all([receiver.process.waitFor('receiver listening', READY_MS), run.fleet.start()]);
  return { sandboxes, client, queue: run.queue, secret, env, base: `http://127.0.0.1:${port}` };
}
type Connector = Awaited<ReturnType<typeof startConnector>>;

/** Replaces one of the Trac sandbox's list controls, as a tester would, over HTTP. */
async function setTracList(c: Connector, control: string, settings: object): Promise<void> {
  const answer = await fetch(`${c.sandboxes.tracUrl}/sandbox/${control}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  if (!answer.ok) throw new Error(`PUT /sandbox/${control}: ${answer.status}`);
}

/**
 * The misbehaviours in turn, each met by one sweep (one attempt, as "sweep now" queues it, so that
 * no retry runs into the next), then the first sweep after they ended, through the admin API. R0A's
 * list carries an applicant of 7A1 all along, a Trac misconfigured for good.
 */
async function misbehaveWhileTransfersFlow(c: Connector, deadline: number, log: (line: string) => void) {
  const reconciliation = createSweepQueue(c.client, QUEUE_PREFIX);
  const sweepLog = createSweepLog(c.client, QUEUE_PREFIX);
  const watermark = async () => (await sweepLog.watermark())?.toISOString() ?? null;
  const inFlight = await c.queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
  const found: Pick<TracListRoundReport, 'sweeps' | 'sweepSeconds' | 'watermarks' | 'transfersInFlight'> = {
    sweeps: {},
    sweepSeconds: {},
    watermarks: {},
    transfersInFlight: Object.values(inFlight).reduce((a, b) => a + b, 0),
  };
  const wrongItem = { otherOrganisationItem: true, organisationCode: 'R0A' };
  const meet = async (misbehaviour: Misbehaviour) => {
    const jobId = await queueSweepNow(c.client, QUEUE_PREFIX, { attempts: 1, delayMs: 1000 });
    await jobSettled(reconciliation, jobId, Math.max(1000, deadline - Date.now()));
    const [sweep] = await sweepLog.latest();
    found.sweeps[misbehaviour] = sweep;
    found.sweepSeconds[misbehaviour] =
      (Date.parse(sweep?.finishedAt ?? '') - Date.parse(sweep?.startedAt ?? '')) / 1000;
    found.watermarks[misbehaviour] = await watermark();
    log(`  ${misbehaviour}: ${JSON.stringify(sweep)}`);
  };
  try {
    await setTracList(c, 'list-paging', { maxItemsPerPage: 1 });
    await setTracList(c, 'list-misbehaviour', { ...wrongItem, cursorLoopFromPage: 2 });
    await meet('cursorLoop');
    await setTracList(c, 'list-misbehaviour', wrongItem);
    await setTracList(c, 'list-faults', { errorRate: 1, afterRequests: 1 }); // R0A's page 1, then 5xx
    await meet('serverErrorMidListing');
    await setTracList(c, 'list-faults', {});
    const after = await sweepThroughAdminApi(c.base, deadline);
    found.sweeps.after = after.sweep;
    found.watermarks.after = await watermark();
    log(`  after: ${JSON.stringify(after.sweep ?? after.error)}`);
    return found;
  } finally {
    await reconciliation.close();
  }
}

async function stopEverything(run: Running, outputDir: string | undefined): Promise<void> {
  const processes = [...run.processes, ...(run.fleet?.started ?? [])];
  await Promise.all([run.fleet?.stopAll(), ...run.processes.map(stopCaptured)]);
  if (outputDir) writeOutputs(join(outputDir, 'trac-list'), processes);
  await run.queue?.close();
  await run.client?.quit().catch(() => run.client?.disconnect());
  await run.sandboxes?.close();
  await run.redis?.stop();
  rmSync(run.dataDir, { recursive: true, force: true });
}

/**
 * The Trac list round of the fault suite (issue 17): the connector as real processes (a receiver,
 * two workers) while webhooks flow, some of them lost for good; once transfers are flowing, Trac's
 * list misbehaves — R0A's loops on a cursor, then a 5xx comes mid-listing, and R0A's list carries
 * an applicant of 7A1 throughout — and a sweep meets each; then the first sweep after the
 * misbehaviour. Then the suite's checks: every transfer completes once, and the sweeps started
 * exactly the transfers whose webhooks were lost.
 */
export async function runTracListRound(options: TracListRoundOptions): Promise<TracListRoundReport> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? randomInt(2 ** 31);
  const startedAt = Date.now();
  const random = seededRandom(seed);
  const planned = planFaultRun({ ...options, strayJobs: 0, random });
  const plan = withLostWebhooks(planned, Math.max(3, options.r0aLost ?? 4), random);
  const run: Running = { dataDir: mkdtempSync(join(tmpdir(), 'dit-faults-trac-list-')), processes: [] };
  try {
    const c = await startConnector(run, plan);
    const startUp = Date.now() - startedAt;
    const deadline = Date.now() + options.timeoutMs;
    c.sandboxes.esr.setFaults({ ...esrFaultsFor(options.esrFailureShare ?? 0), latencyMs: ESR_LATENCY_MS });
    log(
      `trac-list round: start-up ${startUp} ms; ${plan.deliveries.length} deliveries, ${plan.lost.length} lost (seed ${seed})`,
    );
    const misbehaveAfter = Math.ceil(plan.deliveries.length * MISBEHAVE_AT_SHARE);
    let sweeping: ReturnType<typeof misbehaveWhileTransfersFlow> | undefined;
    let sweepsStarted = 0;
    let sweepsEnded = 0;
    const misbehave = () => {
      sweepsStarted = Date.now();
      const phases = misbehaveWhileTransfersFlow(c, deadline, log).finally(() => (sweepsEnded = Date.now()));
      phases.catch(() => undefined); // awaited once the firing is over
      return phases;
    };
    const fired = await fireWebhooks({
      url: `${c.base}/webhooks/trac`,
      secret: c.secret,
      deliveries: plan.deliveries,
      concurrency: 10,
      maxAttempts: 40,
      deadline,
      onSettled: (settled) => {
        if (settled >= misbehaveAfter) sweeping ??= misbehave();
      },
    });
    const firing = Date.now() - startedAt - startUp;
    const found = await (sweeping ?? misbehave());
    const sweeps = sweepsEnded - sweepsStarted;
    c.sandboxes.esr.setFaults({});
    const store = createTransferStore(c.client, QUEUE_PREFIX);
    const settled = await waitUntilSettled(store, c.queue, plan.transfers.length, deadline, log);
    const settling = Date.now() - Math.max(sweepsEnded, startedAt + startUp + firing);

    const checksStarted = Date.now();
    const processes = [...run.processes, ...(run.fleet?.started ?? [])];
    const workerStartFailures = run.fleet?.startFailures ?? [];
    const checked = await checkTracListRun(
      { ...c, store, processes, fired, found, settled, workerStartFailures },
      plan,
    );
    return {
      round: 'trac-list',
      ...checked,
      options: reportedTracListOptions(options, seed),
      machine: machineOf(await c.client.info('server')),
      durationsMs: {
        total: Date.now() - startedAt,
        startUp,
        firing,
        sweeps,
        settling,
        checks: Date.now() - checksStarted,
      },
    };
  } finally {
    await stopEverything(run, options.outputDir);
  }
}
