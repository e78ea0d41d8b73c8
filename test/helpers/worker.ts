import type { Worker } from 'bullmq';
import type Redis from 'ioredis';
import { createLogger, type Logger } from '../../src/platform/logger';
import { createTransferQueue, queueTransfer, type TransferQueue } from '../../src/store/transfer-queue';
import { transferIdOf } from '../../src/transfer/transfer-ids';
import {
  startTransferWorker,
  type WorkerConfig,
  type WorkerTuning,
} from '../../workers/start-transfer-worker';
import { createTransferStore } from '../../src/store/transfer-store';
import { type TransferRecord, type TransferStore } from '../../src/transfer/transfer';
import { aFreshPrefix, aRedisClient } from './redis';
import { PassThrough } from 'node:stream';

export interface TestWorkerOptions {
  /** Redis of the test run by default; a private one for tests that stop Redis. */
  redisUrl?: string;
  tracUrl: string;
  esrUrl: string;
  attempts?: number;
  concurrency?: number;
  organisationsFile?: string;
  esrRateLimitPerSecond?: number;
  httpTimeoutMs?: number;
  tuning?: WorkerTuning;
  /** Start the BullMQ worker at once (default true). */
  start?: boolean;
}

export interface TestWorker {
  prefix: string;
  queue: TransferQueue;
  store: TransferStore;
  redis: Redis;
  worker: Worker | undefined;
  logs: string[];
  startWorker(): Worker;
  /** Claims and queues a transfer as the receiver does; returns its id. */
  enqueue(organisationCode: string, applicantId: string): Promise<string>;
  waitUntilFinished(transferId: string, timeoutMs?: number): Promise<TransferRecord>;
  close(): Promise<void>;
}

function aCapturingLogger(lines: string[]): Logger {
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  return createLogger({ stream, level: 'debug' });
}

/** A real BullMQ worker on the test Redis with a fresh prefix, against the given Trac and ESR. */
export function aTestWorker(options: TestWorkerOptions): TestWorker {
  const prefix = aFreshPrefix('worker');
  const redis = aRedisClient(options.redisUrl);
  const attempts = options.attempts ?? 4;
  const queue = createTransferQueue(redis, prefix, attempts);
  const store = createTransferStore(redis, prefix);
  const logs: string[] = [];
  const logger = aCapturingLogger(logs);
  const workerConnections: Redis[] = [];
  const config: WorkerConfig = {
    queuePrefix: prefix,
    organisationsFile: options.organisationsFile ?? 'config/organisations.json',
    triggerStatuses: ['Outcome: Recruited'],
    workerConcurrency: options.concurrency ?? 4,
    esrRateLimitPerSecond: options.esrRateLimitPerSecond ?? 1000,
    httpTimeoutMs: options.httpTimeoutMs ?? 2000,
    trac: { baseUrl: options.tracUrl, clientId: 'dit-connector', clientSecret: 'trac-sandbox-secret' },
    esr: { baseUrl: options.esrUrl, clientId: 'dit-connector', clientSecret: 'esr-sandbox-secret' },
  };

  const harness: TestWorker = {
    prefix,
    queue,
    store,
    redis,
    worker: undefined,
    logs,
    startWorker() {
      const connection = aRedisClient(options.redisUrl);
      workerConnections.push(connection);
      const worker = startTransferWorker(config, connection, logger, {
        backoff: { baseMs: 50, maxMs: 400 },
        ...options.tuning,
      });
      harness.worker = worker;
      return worker;
    },
    async enqueue(organisationCode, applicantId) {
      const transferId = transferIdOf(organisationCode, applicantId);
      await store.claim(transferId, organisationCode, applicantId, 'manual');
      await queueTransfer(queue, {
        organisationCode,
        applicantId,
        receivedAt: new Date().toISOString(),
        trigger: 'manual',
      });
      return transferId;
    },
    async waitUntilFinished(transferId, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const [transfer, job] = await Promise.all([store.get(transferId), queue.getJob(transferId)]);
        const jobSettled = !job || (await job.isCompleted()) || (await job.isFailed());
        if (transfer && (transfer.state === 'completed' || transfer.state === 'failed') && jobSettled)
          return transfer;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`transfer ${transferId} did not finish within ${timeoutMs} ms`);
    },
    async close() {
      await harness.worker?.close();
      await queue.close();
      await Promise.all(workerConnections.map((c) => c.quit()));
      await redis.quit();
    },
  };
  if (options.start ?? true) harness.startWorker();
  return harness;
}
