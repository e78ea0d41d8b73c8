import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { findFreePort } from '../../scripts/free-port';
import { createLogger } from '../../src/platform/logger';
import { createPersistentConnection } from '../../src/store/redis-connections';
import { createTransferQueue, type TransferQueue } from '../../src/store/transfer-queue';
import { createTransferStore } from '../../src/store/transfer-store';
import { startSentinelCluster, type SentinelCluster } from '../helpers/redis-sentinel-cluster';
import { aWebhookSecret } from '../helpers/webhooks';
import { startCaptured, stopCaptured, WorkerFleet, type CapturedProcess } from './connector-processes';
import { checkEsr, checkPersonalData, checkQueue, checkTransfers, secretsOfRun } from './fault-checks';
import { planFaultRun, seededRandom, type TransferPlan } from './fault-plan';
import { machineOf, plannedByKind, writeOutputs } from './fault-report';
import { startFaultSandboxes, type FaultSandboxes } from './fault-sandboxes';
import { connectorEnv, esrFaultsFor, QUEUE_PREFIX } from './fault-suite';
import { floodWithFailovers, type Flood } from './failover-flood';
import type { FailoverRoundOptions, FailoverRoundReport } from './failover-report';
import { processRestarts, reportedFailoverOptions } from './failover-report';
import { reconcileAfterFailovers, statusesChangedNow, type Reconciled } from './failover-sweep';
import { waitUntilSettled } from './settle';

export type { FailoverRoundOptions, FailoverRoundReport } from './failover-report';

const WORKER_WITH_SWEEPS = 'test/faults/worker-with-sweeps.ts';
const WORKERS = 2;
const READY_MS = 60_000;
/** ESR answers a little slowly, so that transfers are in flight when the master dies. */
const ESR_LATENCY_MS = 20;

/** What the round has started, so that `finally` stops exactly that. */
interface Running {
  cluster?: SentinelCluster;
  sandboxes?: FaultSandboxes;
  client?: Redis;
  queue?: TransferQueue;
  receivers: CapturedProcess[];
  fleet?: WorkerFleet;
}

/** Sentinel, the sandboxes, the receivers and two workers (with the sweep worker), each ready. */
async function startConnector(run: Running, plan: TransferPlan, receivers: number) {
  const cluster = (run.cluster = await startSentinelCluster());
  const sandboxes = (run.sandboxes = await startFaultSandboxes(plan.seed));
  const quiet = createLogger({ level: 'error', service: 'fault-suite' });
  const client = (run.client = createPersistentConnection(cluster.target, quiet));
  run.queue = createTransferQueue(client, QUEUE_PREFIX, 1);
  const secret = aWebhookSecret();
  const ports = await Promise.all(Array.from({ length: receivers }, () => findFreePort()));
  const env = {
    ...connectorEnv('', sandboxes, 0, secret),
    REDIS_URL: '', // Sentinel only
    ...cluster.env,
    RECONCILE_INTERVAL_SECONDS: '0', // sweeps only when asked for
  };
  run.receivers = ports.map((port, n) =>
    startCaptured(`receiver-${n + 1}`, 'src/server.ts', { ...env, PORT: String(port) }),
  );
  run.fleet = new WorkerFleet(WORKERS, env, WORKER_WITH_SWEEPS);
  await Promise.all([
    ...run.receivers.map((r) => r.process.waitFor('receiver listening', READY_MS)),
    run.fleet.start(),
  ]);
  const bases = ports.map((port) => `http://127.0.0.1:${port}`);
  return {
    cluster,
    sandboxes,
    client,
    queue: run.queue,
    secret,
    env,
    bases,
    store: createTransferStore(client, QUEUE_PREFIX),
  };
}

async function stopEverything(run: Running, outputDir: string | undefined): Promise<void> {
  const processes = [...run.receivers, ...(run.fleet?.started ?? [])];
  await Promise.all([run.fleet?.stopAll(), ...run.receivers.map(stopCaptured)]);
  if (outputDir) writeOutputs(join(outputDir, 'failover'), processes);
  await run.queue?.close();
  await run.client?.quit().catch(() => run.client?.disconnect());
  await run.sandboxes?.close();
  await run.cluster?.stop();
}

/** The round's own assertions: deliveries acknowledged, the sweep, the failback. */
function roundFailures(options: FailoverRoundOptions, flood: Flood, reconciled: Reconciled): string[] {
  const { run, notFinalBeforeSweep, beyondSweep, settled } = reconciled;
  const started = run.sweep?.started ?? 0;
  const findable = notFinalBeforeSweep.length - beyondSweep.length;
  const [first, second] = flood.failovers;
  return [
    ...(settled ? [] : ['not every transfer reached a final state (see the mismatches)']),
    ...flood.fired.unacknowledged
      .slice(0, 20)
      .map((u) => `delivery ${u.webhookId} (${u.kind}) never acknowledged: ${u.lastAnswer}`),
    ...(run.error ? [`sweep: ${run.error}`] : []),
    ...(run.sweep && started !== findable
      ? [`the sweep started ${started} transfers, but ${findable} were lost and findable`]
      : []),
    ...(options.failovers === 2 && second?.newMasterPort !== first?.killedPort
      ? ['the second failover did not promote the restarted node']
      : []),
  ];
}

const restoredLines = (captured: CapturedProcess) =>
  captured.process.output.filter((line) => line.includes('redis connection restored')).length;

/**
 * The failover round of the fault suite (issue 11): the connector as real processes (receivers,
 * two workers) on a Sentinel-monitored master and replica; signed webhooks fired like Trac in two
 * waves, the master SIGKILLed mid-way through each (`failovers: 2`: the second time the sentinels
 * fail back to the first killed node, restarted); then, as operations.md advises after a failover,
 * a sweep through `POST /admin/reconciliation`, to find any delivery acknowledged
 * but lost with the old master. Then the suite's checks, and that no connector process restarted.
 */
export async function runFailoverRound(options: FailoverRoundOptions): Promise<FailoverRoundReport> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? randomInt(2 ** 31);
  const startedAt = Date.now();
  const plan = statusesChangedNow(planFaultRun({ ...options, strayJobs: 0, random: seededRandom(seed) }));
  const run: Running = { receivers: [] };
  try {
    const c = await startConnector(run, plan, options.receivers ?? 2);
    const startUp = Date.now() - startedAt;
    const deadline = Date.now() + options.timeoutMs;
    const esrFaults = { ...esrFaultsFor(options.esrFailureShare ?? 0), latencyMs: ESR_LATENCY_MS };
    c.sandboxes.esr.setFaults(esrFaults);
    log(`failover round: start-up ${startUp} ms; firing ${plan.deliveries.length} deliveries (seed ${seed})`);
    const urls = c.bases.map((base) => `${base}/webhooks/trac`);
    const flood = await floodWithFailovers(
      {
        urls,
        secret: c.secret,
        cluster: c.cluster,
        deadline,
        log,
        lostWriteWindowMs: options.lostWriteWindowMs ?? 0,
      },
      plan.deliveries,
      options.failovers,
    );
    const firing = Date.now() - startedAt - startUp;
    log(`  fired in ${firing} ms: ${JSON.stringify(flood.fired.answers)}`);
    c.sandboxes.esr.setFaults({});
    await waitUntilSettled(c.store, c.queue, plan.transfers.length, deadline, log);
    const settling = Date.now() - startedAt - startUp - firing;
    const reconciled = await reconcileAfterFailovers(
      { store: c.store, queue: c.queue, receiver: c.bases[0] ?? '', deadline, log },
      plan,
    );
    const sweep = Date.now() - startedAt - startUp - firing - settling;

    const checksStarted = Date.now();
    const workers = run.fleet?.started ?? [];
    const processes = [...run.receivers, ...workers];
    const { checked } = reconciled;
    const restarts = processRestarts(run.receivers, workers, WORKERS);
    const transfers = await checkTransfers(c.store, c.queue, checked);
    const esr = checkEsr(c.sandboxes.esr, checked);
    const queue = await checkQueue(c.queue, checked, 0, true);
    const secrets = secretsOfRun(c.env, c.sandboxes.issuedTokens);
    const personalData = await checkPersonalData(c.client, processes, plan, secrets);
    const failures = [
      ...roundFailures(options, flood, reconciled),
      ...restarts,
      ...transfers.failures,
      ...esr.failures,
      ...queue.failures,
      ...personalData.failures,
    ];
    return {
      round: 'failover',
      passed: failures.length === 0,
      failures,
      options: reportedFailoverOptions(options, seed),
      machine: machineOf(await c.client.info('server')),
      durationsMs: {
        total: Date.now() - startedAt,
        startUp,
        firing,
        ...(flood.nodeBackAsReplica === undefined ? {} : { nodeBackAsReplica: flood.nodeBackAsReplica }),
        settling,
        sweep,
        checks: Date.now() - checksStarted,
      },
      deliveries: { ...flood.fired, planned: plannedByKind(plan) },
      failovers: flood.failovers,
      esrFaults,
      processes: {
        receivers: run.receivers.length,
        workers: workers.length,
        restarts,
        reconnects: Object.fromEntries(processes.map((p) => [p.name, restoredLines(p)])),
      },
      reconciliation: {
        notFinalBeforeSweep: reconciled.notFinalBeforeSweep,
        beyondSweep: reconciled.beyondSweep,
        answers: reconciled.run.answers,
        sweep: reconciled.run.sweep,
      },
      transfers: transfers.section,
      esr: esr.section,
      queue: queue.section,
      personalData: personalData.section,
    };
  } finally {
    await stopEverything(run, options.outputDir);
  }
}
