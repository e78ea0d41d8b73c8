import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { jobSettled } from './jobs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type Redis from 'ioredis';
import type { Organisation } from '../../config/organisations';
import { createLogger } from '../../src/platform/logger';
import {
  createSweepQueue,
  queueSweepNow,
  type SweepQueue,
  type SweepRetry,
} from '../../src/store/sweep-queue';
import { createSweepLog } from '../../src/store/sweep-log';
import type { SweepLog } from '../../src/transfer/sweep';
import { startSweepWorker, type SweepWorker, type SweepWorkerConfig } from '../../workers/start-sweep-worker';
import { startSandboxes, type StartedSandboxes } from '../../sandbox';
import { aRedisClient } from './redis';
import { aTestWorker, type TestWorker } from './worker';

/** Sweep retries in tests: five runs, `delayMs` apart and doubling. */
export const FAST_SWEEP_RETRY: SweepRetry = { attempts: 5, delayMs: 200 };

/** config/organisations.json with some organisations enabled or disabled, in a file of its own. */
export function anOrganisationsFile(enabled: Record<string, boolean> = {}): string {
  const list = JSON.parse(readFileSync('config/organisations.json', 'utf8')) as Organisation[];
  const file = join(mkdtempSync(join(tmpdir(), 'sweep-orgs-')), 'organisations.json');
  writeFileSync(file, JSON.stringify(list.map((o) => ({ ...o, enabled: enabled[o.code] ?? o.enabled }))));
  return file;
}

/**
 * As if the applicant's status changed (again) just now, its webhook lost: the sandbox's applicant
 * gets `statusChangedAt` = now, optionally another status.
 */
export function aStatusChangeWithoutWebhook(
  sandboxes: StartedSandboxes,
  applicantId: string,
  status?: string,
) {
  const stored = sandboxes.trac.getApplicant(applicantId);
  if (!stored) throw new Error(`the Trac sandbox holds no ${applicantId}`);
  sandboxes.trac.upsertApplicant({
    ...stored,
    applicant: {
      ...stored.applicant,
      statusChangedAt: new Date().toISOString(),
      ...(status ? { status } : {}),
    },
  });
}

export interface SweepHarness {
  prefix: string;
  redis: Redis;
  /** A transfer worker on the same prefix: what runs the transfers the sweeps start. */
  transfers: TestWorker;
  queue: SweepQueue;
  log: SweepLog;
  logs: string[];
  /** Another worker process's sweep edge on the same Redis and prefix. */
  startSweeper(overrides?: Partial<SweepWorkerConfig>, retry?: SweepRetry): SweepWorker;
  /** Queues a sweep as `POST /admin/reconciliation` does (its retries its own); returns its job id. */
  sweepNow(retry?: SweepRetry): Promise<string>;
  /** Waits for a sweep job to finish for good; returns its final state. */
  settled(jobId: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * Registers a sandbox of its own for each test (the sweep tests move demo applicants'
 * `statusChangedAt` and the list's settings), handed to `use`; after each test, the harness the
 * test made (`harness()`) and the sandbox are closed.
 */
export function withASandboxPerTest(
  use: (sandboxes: StartedSandboxes) => void,
  harness: () => SweepHarness | undefined,
): void {
  let sandboxes: StartedSandboxes | undefined;
  beforeEach(async () => {
    sandboxes = await startSandboxes();
    use(sandboxes);
  });
  afterEach(async () => {
    await harness()?.close();
    await sandboxes?.close();
  });
}

export interface SweepHarnessOptions {
  organisationsFile?: string;
  intervalSeconds?: number;
}

export function aSweepHarness(sandboxes: StartedSandboxes, options: SweepHarnessOptions = {}): SweepHarness {
  const organisationsFile = options.organisationsFile ?? 'config/organisations.json';
  const transfers = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl, organisationsFile });
  const { prefix, redis } = transfers;
  const logs: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
  const logger = createLogger({ stream, level: 'debug' });
  const queue = createSweepQueue(redis, prefix);
  const sweepers: SweepWorker[] = [];
  const connections: Redis[] = [];
  const config: SweepWorkerConfig = {
    queuePrefix: prefix,
    organisationsFile,
    triggerStatuses: ['Outcome: Recruited'],
    transferAttempts: 4,
    httpTimeoutMs: 2000,
    trac: { baseUrl: sandboxes.tracUrl, clientId: 'dit-connector', clientSecret: 'trac-sandbox-secret' },
    reconcileIntervalSeconds: options.intervalSeconds ?? 0,
    reconcileLookbackHours: 72,
  };
  return {
    prefix,
    redis,
    transfers,
    queue,
    log: createSweepLog(redis, prefix),
    logs,
    startSweeper(overrides = {}, retry = FAST_SWEEP_RETRY) {
      const connection = aRedisClient();
      connections.push(connection);
      const sweeper = startSweepWorker({ ...config, ...overrides }, connection, logger, { retry });
      sweepers.push(sweeper);
      return sweeper;
    },
    sweepNow: (retry = FAST_SWEEP_RETRY) => queueSweepNow(redis, prefix, retry),
    settled: (jobId, timeoutMs) => jobSettled(queue, jobId, timeoutMs),
    async close() {
      await Promise.all(sweepers.map((sweeper) => sweeper.close()));
      await queue.close();
      await Promise.all(connections.map((connection) => connection.quit()));
      await transfers.close();
    },
  };
}
