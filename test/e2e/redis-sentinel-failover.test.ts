import type Redis from 'ioredis';
import { SANDBOX_CREDENTIALS } from '../../config';
import { DEMO_SEED, generateApplicants, mergeSeeds } from '../../sandbox';
import { findFreePort } from '../../scripts/free-port';
import { createLogger } from '../../src/platform/logger';
import { createPersistentConnection } from '../../src/store/redis-connections';
import { createTransferQueue, type TransferQueue } from '../../src/store/transfer-queue';
import { createTransferStore } from '../../src/store/transfer-store';
import { transferIdOf } from '../../src/transfer/transfer-ids';
import type { TransferRecord, TransferStore } from '../../src/transfer/transfer';
import type { PlannedDelivery } from '../faults/fault-plan';
import { fireWebhooks, type FireResult } from '../faults/webhook-firer';
import { startTsProcess, type ManagedProcess } from '../helpers/processes';
import { probeReadiness, type ReadinessProbe } from '../helpers/readiness-probe';
import { aFreshPrefix } from '../helpers/redis';
import {
  sentinelHookTimeout,
  startSentinelCluster,
  type SentinelCluster,
} from '../helpers/redis-sentinel-cluster';
import { setSandboxFaults, withSandboxes } from '../helpers/sandbox';
import { aWebhookBody, aWebhookId, aWebhookSecret } from '../helpers/webhooks';

/**
 * Issue 11: the connector on Redis Sentinel (a master, a replica, three sentinels). A receiver and
 * a worker, as real processes configured only through REDIS_SENTINELS, take a flood of signed
 * webhooks; the master is SIGKILLed mid-flood and the sentinels promote the replica.
 */
const TRANSFERS = 40;
const REDELIVERIES = 8;
/** The master dies once this many deliveries are acknowledged: webhooks and transfers are in flight. */
const KILL_AFTER = 12;
const ANSWER_WITHIN_MS = 2000;

const generated = generateApplicants(TRANSFERS, { idPrefix: 'S' });
const sandboxes = withSandboxes({ seed: mergeSeeds(DEMO_SEED, generated) });
const applicants = generated.trac.applicants.map(({ applicant }) => applicant);
const transferIds = applicants.map((a) => transferIdOf(a.organisationCode, a.applicantId));

let cluster: SentinelCluster;
let client: Redis;
let store: TransferStore;
let queue: TransferQueue;
let receiver: ManagedProcess;
let worker: ManagedProcess;
let probe: ReadinessProbe;
let fired: FireResult;
let killedAt = 0;
let ports: { old: number; new: number };
let finished: (TransferRecord | undefined)[];

function deliveries(): PlannedDelivery[] {
  const firsts = applicants.map((a) => ({
    webhookId: aWebhookId(),
    kind: 'first' as const,
    // identifiers only: the Trac applicant also holds names and check contents
    body: aWebhookBody({
      timestamp: new Date().toISOString(),
      data: { organisationCode: a.organisationCode, applicantId: a.applicantId },
    }),
  }));
  return [...firsts, ...firsts.slice(0, REDELIVERIES).map((d) => ({ ...d, kind: 'redelivery' as const }))];
}

async function connectorEnv(prefix: string, secret: string): Promise<Record<string, string>> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(await findFreePort()),
    REDIS_URL: '', // never inherited: Sentinel only
    ...cluster.env,
    QUEUE_PREFIX: prefix,
    TRAC_BASE_URL: sandboxes.tracUrl,
    TRAC_CLIENT_ID: SANDBOX_CREDENTIALS.trac.clientId,
    TRAC_CLIENT_SECRET: SANDBOX_CREDENTIALS.trac.clientSecret,
    ESR_BASE_URL: sandboxes.esrUrl,
    ESR_CLIENT_ID: SANDBOX_CREDENTIALS.esr.clientId,
    ESR_CLIENT_SECRET: SANDBOX_CREDENTIALS.esr.clientSecret,
    WEBHOOK_SECRETS: secret,
    ADMIN_USERS: 'hr-admin:sentinel-admin',
    SUPPORT_USERS: 'support:sentinel-support',
    HTTP_TIMEOUT_MS: '2000',
    TRANSFER_ATTEMPTS: '25',
    ESR_RATE_LIMIT_PER_SECOND: '2000',
    WORKER_CONCURRENCY: '8',
  };
}

async function waitUntilAllFinished(deadline: number): Promise<(TransferRecord | undefined)[]> {
  for (;;) {
    const transfers = await Promise.all(transferIds.map((id) => store.get(id))).catch(() => []);
    const counts = await queue.getJobCounts('active', 'waiting', 'delayed').catch(() => undefined);
    const final = transfers.filter((t) => t?.state === 'completed' || t?.state === 'failed');
    const jobsLeft = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 1;
    if ((final.length === TRANSFERS && jobsLeft === 0) || Date.now() > deadline) return transfers;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

beforeAll(async () => {
  cluster = await startSentinelCluster();
  const prefix = aFreshPrefix('sentinel');
  client = createPersistentConnection(cluster.target, createLogger({ level: 'error', service: 'test' }));
  store = createTransferStore(client, prefix);
  queue = createTransferQueue(client, prefix, 1);
  const secret = aWebhookSecret();
  const env = await connectorEnv(prefix, secret);
  receiver = startTsProcess('src/server.ts', env);
  worker = startTsProcess('test/helpers/worker-process.ts', env);
  await Promise.all([receiver.waitFor('receiver listening', 40_000), worker.waitFor('worker-ready', 40_000)]);
  await setSandboxFaults(sandboxes.esrUrl, { latencyMs: 40 }); // transfers stay in flight a while
  const receiverUrl = `http://127.0.0.1:${env.PORT}`;
  probe = probeReadiness(receiverUrl);

  const oldMaster = await cluster.masterPort();
  let killing: Promise<number> | undefined;
  fired = await fireWebhooks({
    url: `${receiverUrl}/webhooks/trac`,
    secret,
    deliveries: deliveries(),
    concurrency: 6,
    maxAttempts: 60,
    deadline: Date.now() + 40_000,
    onSettled: (settled) => {
      if (settled < KILL_AFTER || killing) return;
      killedAt = Date.now();
      killing = cluster.killMaster();
    },
  });
  await killing;
  ports = { old: oldMaster, new: await cluster.waitForNewMaster(oldMaster) };
  finished = await waitUntilAllFinished(Date.now() + 40_000);
  // the probe keeps going until the connector is settled on the new master
  await new Promise((resolve) => setTimeout(resolve, 500));
  await probe.stop();
}, sentinelHookTimeout(50_000));

afterAll(async () => {
  await probe?.stop();
  await Promise.all([receiver?.kill('SIGKILL'), worker?.kill('SIGKILL')]);
  await queue?.close();
  await client?.quit().catch(() => client.disconnect());
  await cluster?.stop();
});

describe('a Redis Sentinel failover mid-flood (master SIGKILLed)', () => {
  it('when the master dies, then the sentinels promote the replica and no connector process restarts', () => {
    expect(killedAt).toBeGreaterThan(0);
    expect(ports.new).not.toBe(ports.old);
    for (const connector of [receiver, worker]) {
      expect(connector.child.exitCode).toBeNull();
      expect(connector.child.signalCode).toBeNull();
    }
    expect(receiver.output.filter((line) => line.includes('receiver listening'))).toHaveLength(1);
    expect(worker.output.filter((line) => line.includes('worker-ready'))).toHaveLength(1);
    expect(receiver.output.some((line) => line.includes('redis connection restored'))).toBe(true);
  });

  it('when webhooks keep coming during the failover, then each is answered (503 while Redis is away) and finally acknowledged', () => {
    expect(fired.unacknowledged).toEqual([]);
    expect(
      Object.keys(fired.answers).filter((answer) => !/^(202 queued|200 duplicate|503 )/.test(answer)),
    ).toEqual([]);
    expect(Object.keys(fired.answers).some((answer) => answer.startsWith('503'))).toBe(true);
  });

  it('when the failover is under way, then /health/ready answers 503 within 2 s and 200 again on the new master', () => {
    const after = probe.answers.filter((answer) => answer.at >= killedAt);

    expect(after.some((answer) => answer.status === 503)).toBe(true);
    expect(after.every((answer) => answer.status !== 0 && answer.ms < ANSWER_WITHIN_MS)).toBe(true);
    expect(after.at(-1)?.status).toBe(200);
  });

  it('when the failover is over, then every transfer completes and ESR holds each record once', () => {
    expect(finished.map((t) => `${t?.state} ${t?.reason ?? null}`)).toEqual(
      transferIds.map(() => 'completed null'),
    );
    const stored = sandboxes.esr.records();
    expect(stored.filter((record) => record.timesKeyStored !== 1)).toEqual([]);
    for (const applicant of applicants) {
      const records = stored.filter((record) => record.esrApplicantId === `ESR-${applicant.applicantId}`);
      expect(new Set(records.map((record) => record.recordType)).size).toBe(records.length);
      expect(records).toHaveLength(6);
    }
  });
});
