import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { findFreePort } from '../../scripts/free-port';
import { createTransferQueue, type TransferQueue } from '../../src/store/transfer-queue';
import type { FaultSettingsInput } from '../../sandbox';
import { createTransferStore } from '../../src/store/transfer-store';
import { type TransferStore } from '../../src/transfer/transfer';
import { aRedisClient } from '../helpers/redis';
import { aWebhookSecret } from '../helpers/webhooks';
import { ChaosLoop } from './chaos-loop';
import {
  RestartableRedis,
  startCaptured,
  stopCaptured,
  WorkerFleet,
  type CapturedProcess,
} from './connector-processes';
import { checkEsr, checkPersonalData, checkQueue, checkTransfers, secretsOfRun } from './fault-checks';
import { planFaultRun, seededRandom, type TransferPlan } from './fault-plan';
import {
  failedShareOf,
  machineOf,
  plannedByKind,
  reportedOptions,
  writeOutputs,
  type FaultSuiteOptions,
  type FaultSuiteReport,
} from './fault-report';
import { startFaultSandboxes, type FaultSandboxes } from './fault-sandboxes';
import { waitUntilSettled } from './settle';
import { addStrayJobs, checkStrayJobs } from './stray-jobs';
import { fireWebhooks, type FireResult } from './webhook-firer';

export type { FaultSuiteOptions, FaultSuiteReport } from './fault-report';

export const QUEUE_PREFIX = 'faults';
const STALL_LIMIT_WORKER = 'test/faults/worker-with-stall-limit.ts';
const REDIS_DOWN_MS = 1000;
/** Redis restarts once this share of the deliveries is settled: webhooks and transfers are in flight. */
const RESTART_AT_SHARE = 0.4;
/** Stray jobs are added once this share of the deliveries is settled. */
const STRAY_JOBS_AT_SHARE = 0.25;
/** The chaos (kills, ESR faults) stops after this share of the time budget at the latest. */
const CHAOS_SHARE_OF_BUDGET = 0.6;
const RECEIVER_READY_MS = 60_000;

/** ESR's failures, summing to `share`: 40 % outages, 20 % each 429s, timeouts and lost answers. */
export function esrFaultsFor(share: number): FaultSettingsInput {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    errorRate: round(share * 0.4),
    rateLimitRate: round(share * 0.2),
    retryAfterSeconds: 1,
    timeoutRate: round(share * 0.2),
    lostResponseRate: round(share * 0.2),
  };
}

/** What a run has started, so that `finally` stops exactly that. */
interface Running {
  dataDir: string;
  chaos: ChaosLoop;
  redis?: RestartableRedis;
  sandboxes?: FaultSandboxes;
  client?: Redis;
  queue?: TransferQueue;
  receiver?: CapturedProcess;
  fleet?: WorkerFleet;
}

/** The connector as deployed: every variable the receiver and the workers need, on loopback. */
export function connectorEnv(redisUrl: string, sandboxes: FaultSandboxes, port: number, secret: string) {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX,
    TRAC_BASE_URL: sandboxes.tracUrl,
    ESR_BASE_URL: sandboxes.esrUrl,
    WEBHOOK_SECRETS: secret,
    ADMIN_USERS: 'hr-admin:fault-suite-admin',
    SUPPORT_USERS: 'support:fault-suite-support',
    HTTP_TIMEOUT_MS: '1500', // a held (timed-out) sandbox request costs 1.5 s, not the default 10
    TRANSFER_ATTEMPTS: '25',
    ESR_RATE_LIMIT_PER_SECOND: '2000',
    WORKER_CONCURRENCY: '10',
    LOG_LEVEL: 'info',
  };
}

interface Connector {
  url: string;
  secret: string;
  /** The environment the receiver and workers run with (its secrets are scanned for). */
  env: Readonly<Record<string, string>>;
  store: TransferStore;
  queue: TransferQueue;
  client: Redis;
  redis: RestartableRedis;
  sandboxes: FaultSandboxes;
  fleet: WorkerFleet;
}

/** Redis, the sandboxes, the receiver and two workers, each ready before this returns. */
async function startConnector(
  run: Running,
  plan: TransferPlan,
  options: FaultSuiteOptions,
): Promise<Connector> {
  const redis = (run.redis = await RestartableRedis.start(run.dataDir));
  const sandboxes = (run.sandboxes = await startFaultSandboxes(plan.seed));
  const client = (run.client = aRedisClient(redis.url));
  const queue = (run.queue = createTransferQueue(client, QUEUE_PREFIX, 1));
  const secret = aWebhookSecret();
  const port = await findFreePort();
  const env = connectorEnv(redis.url, sandboxes, port, secret);
  const receiver = (run.receiver = startCaptured('receiver', 'src/server.ts', env));
  const fleet = (run.fleet =
    options.maxStalledCount === undefined
      ? new WorkerFleet(2, env)
      : new WorkerFleet(
          2,
          { ...env, FAULTS_MAX_STALLED_COUNT: String(options.maxStalledCount) },
          STALL_LIMIT_WORKER,
        ));
  await Promise.all([receiver.process.waitFor('receiver listening', RECEIVER_READY_MS), fleet.start()]);
  const store = createTransferStore(client, QUEUE_PREFIX);
  return {
    url: `http://127.0.0.1:${port}/webhooks/trac`,
    secret,
    env,
    store,
    queue,
    client,
    redis,
    sandboxes,
    fleet,
  };
}

interface UnderFaults {
  fired: FireResult;
  /** The ids of the stray jobs added mid-run, and adds that failed. */
  strays: { ids: string[]; errors: string[] };
  settled: boolean;
  esrFaults: FaultSettingsInput;
  answersWhileFaulty: Record<string, number>;
  durationsMs: { chaos: number; firing: number; settling: number };
}

/**
 * Fires the webhooks with ESR failing, workers killed and Redis restarted once; when everything
 * settled (or the chaos budget ran out) clears the faults, restarts any missing worker and waits,
 * within the time budget, until every transfer is final.
 */
async function runUnderFaults(
  run: Running,
  c: Connector,
  plan: TransferPlan,
  options: FaultSuiteOptions,
): Promise<UnderFaults> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const chaosUntil = started + options.timeoutMs * CHAOS_SHARE_OF_BUDGET;
  const esrFaults = esrFaultsFor(options.esrFailureShare);
  c.sandboxes.esr.setFaults(esrFaults);
  run.chaos.start(c.fleet, options.killEveryMs, chaosUntil, log);
  const restartAfter = Math.ceil(plan.deliveries.length * RESTART_AT_SHARE);
  const restarting = options.restartRedis
    ? run.chaos.armRedisRestart(c.redis, REDIS_DOWN_MS, log)
    : undefined;

  const strayAfter = Math.ceil(plan.deliveries.length * STRAY_JOBS_AT_SHARE);
  let straysAdded: Promise<{ ids: string[]; errors: string[] }> | undefined;
  const addStrays = () => (straysAdded ??= addStrayJobs(c.queue, plan.strayJobs, chaosUntil));

  const fired = await fireWebhooks({
    url: c.url,
    secret: c.secret,
    deliveries: plan.deliveries,
    concurrency: 20,
    maxAttempts: 40,
    deadline,
    onSettled: (settled) => {
      if (settled >= strayAfter) void addStrays();
      if (settled >= restartAfter) restarting?.trigger();
    },
  });
  restarting?.trigger();
  const strays = await addStrays();
  const firing = Date.now() - started;
  log(`fired in ${firing} ms: ${JSON.stringify(fired.answers)}`);

  await waitUntilSettled(c.store, c.queue, plan.transfers.length, chaosUntil, log);
  log(`stray jobs added: ${strays.ids.length} of ${plan.strayJobs.length}`);
  await run.chaos.stop();
  const answersWhileFaulty = { ...c.sandboxes.esrAnswers };
  c.sandboxes.esr.setFaults({});
  const chaos = Date.now() - started;
  await c.fleet.ensureAllRunning();
  log(`chaos over: ${c.fleet.kills} worker kills, ${c.redis.restarts} Redis restarts; faults cleared`);
  const settled = await waitUntilSettled(c.store, c.queue, plan.transfers.length, deadline, log);
  const settling = Date.now() - started - firing;
  return { fired, strays, settled, esrFaults, answersWhileFaulty, durationsMs: { chaos, firing, settling } };
}

/** Stops what was started, newest first: processes, then clients, sandboxes and Redis. */
async function stopEverything(run: Running, outputDir: string | undefined): Promise<void> {
  await run.chaos.stop();
  const processes = [...(run.receiver ? [run.receiver] : []), ...(run.fleet?.started ?? [])];
  await Promise.all([run.fleet?.stopAll(), ...processes.map(stopCaptured)]);
  if (outputDir) writeOutputs(outputDir, processes);
  await run.queue?.close();
  await run.client?.quit().catch(() => run.client?.disconnect());
  await run.sandboxes?.close();
  await run.redis?.stop();
  rmSync(run.dataDir, { recursive: true, force: true });
}

interface Finished {
  run: Running;
  c: Connector;
  plan: TransferPlan;
  options: FaultSuiteOptions;
  faults: UnderFaults;
  seed: number;
  startedAt: number;
  startUp: number;
}

/** The assertions of issue 6 over the end state, and the figures of the run. */
async function checkRun({ run, c, plan, options, faults, seed, startedAt, startUp }: Finished) {
  const checksStarted = Date.now();
  const processes = [...(run.receiver ? [run.receiver] : []), ...c.fleet.started];
  const transfers = await checkTransfers(c.store, c.queue, plan);
  const esr = checkEsr(c.sandboxes.esr, plan);
  const queue = await checkQueue(c.queue, plan, faults.strays.ids.length);
  const strayJobs = await checkStrayJobs(c.queue, c.store, faults.strays.ids);
  const secrets = secretsOfRun(c.env, c.sandboxes.issuedTokens);
  const personalData = await checkPersonalData(c.client, processes, plan, secrets);
  const failures = [
    ...(faults.settled ? [] : ['not every transfer reached a final state (see the mismatches)']),
    ...faults.fired.unacknowledged
      .slice(0, 20)
      .map((u) => `delivery ${u.webhookId} (${u.kind}) never acknowledged: ${u.lastAnswer}`),
    ...run.chaos.errors,
    ...c.fleet.startFailures.map((failure) => `a worker did not start: ${failure}`),
    ...(options.restartRedis && c.redis.restarts !== 1
      ? [`Redis restarted ${c.redis.restarts} times, not once`]
      : []),
    ...transfers.failures,
    ...esr.failures,
    ...queue.failures,
    ...personalData.failures,
    ...faults.strays.errors,
    ...strayJobs.failures,
  ];
  const report: FaultSuiteReport = {
    passed: failures.length === 0,
    failures,
    options: reportedOptions(options, seed),
    machine: machineOf(await c.client.info('server')),
    durationsMs: {
      total: Date.now() - startedAt,
      startUp,
      ...faults.durationsMs,
      checks: Date.now() - checksStarted,
    },
    deliveries: { ...faults.fired, planned: plannedByKind(plan) },
    chaos: {
      workerKills: c.fleet.kills,
      workerProcesses: c.fleet.started.length,
      redisRestarts: c.redis.restarts,
      esrFaults: faults.esrFaults,
      esrAnswers: c.sandboxes.esrAnswers,
      esrFailedShare: failedShareOf(faults.answersWhileFaulty),
      errors: run.chaos.errors,
    },
    transfers: transfers.section,
    esr: esr.section,
    queue: queue.section,
    personalData: personalData.section,
    strayJobs: strayJobs.section,
  };
  return report;
}

/**
 * The connector as real processes (a receiver, two workers) against the sandboxes and a private
 * redis-server, all on 127.0.0.1: fires the plan's webhooks while workers are SIGKILLed and
 * restarted, Redis restarts once and ESR fails a share of requests; then waits until every transfer
 * is final and checks the outcome. Everything it starts is stopped before it returns or throws.
 */
export async function runFaultSuite(options: FaultSuiteOptions): Promise<FaultSuiteReport> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? randomInt(2 ** 31);
  const startedAt = Date.now();
  const plan = planFaultRun({ ...options, random: seededRandom(seed) });
  const run: Running = { dataDir: mkdtempSync(join(tmpdir(), 'dit-faults-redis-')), chaos: new ChaosLoop() };
  try {
    const c = await startConnector(run, plan, options);
    const startUp = Date.now() - startedAt;
    log(`start-up ${startUp} ms; firing ${plan.deliveries.length} deliveries (seed ${seed})`);
    const faults = await runUnderFaults(run, c, plan, options);
    return await checkRun({ run, c, plan, options, faults, seed, startedAt, startUp });
  } finally {
    await stopEverything(run, options.outputDir);
  }
}
