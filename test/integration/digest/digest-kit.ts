import { mkdtempSync, writeFileSync } from 'node:fs';
import { jobSettled } from '../../helpers/jobs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type Redis from 'ioredis';
import type { Organisation } from '../../../config/organisations';
import { createLogger } from '../../../src/platform/logger';
import { createDigestQueue, queueDigestNow, type DigestQueue } from '../../../src/store/digest-queue';
import { createTransferStore } from '../../../src/store/transfer-store';
import type { TransferStore } from '../../../src/transfer/transfer';
import {
  startDigestWorker,
  type DigestWorker,
  type DigestWorkerConfig,
  type DigestWorkerTuning,
} from '../../../workers/start-digest-worker';
import { aFreshPrefix, aRedisClient } from '../../helpers/redis';

export const PUBLIC_BASE_URL = 'https://connector.example.nhs.uk';

/** R0A with an HR inbox and failed transfers to come; the others say why they get nothing. */
export const DIGEST_ORGANISATIONS: Organisation[] = [
  {
    code: 'R0A',
    name: 'Example Teaching Hospitals NHS Foundation Trust',
    ditProvider: 'TIS',
    enabled: true,
    hrEmails: ['hr.team@example.nhs.uk', 'medical.staffing@example.nhs.uk'],
  },
  {
    code: '7A1',
    name: 'Nothing Failed Health Board',
    ditProvider: 'HICOM',
    enabled: true,
    hrEmails: ['hr@7a1.example.nhs.uk'],
  },
  { code: 'R1B', name: 'No HR Inbox Trust', ditProvider: 'TIS', enabled: true },
  {
    code: 'RX9',
    name: 'Disabled Trust',
    ditProvider: 'TIS',
    enabled: false,
    hrEmails: ['hr@rx9.example.nhs.uk'],
  },
];

/** The organisations in a JSON file of their own, as ORGANISATIONS_FILE names one. */
export function anOrganisationsFile(list: readonly Organisation[] = DIGEST_ORGANISATIONS): string {
  const file = join(mkdtempSync(join(tmpdir(), 'digest-')), 'organisations.json');
  writeFileSync(file, JSON.stringify(list));
  return file;
}

export interface DigestHarness {
  prefix: string;
  redis: Redis;
  store: TransferStore;
  queue: DigestQueue;
  logs: string[];
  /** Another worker process's digest edge on the same Redis and prefix (fast retries by default). */
  startWorker(overrides?: Partial<DigestWorkerConfig>, tuning?: DigestWorkerTuning): DigestWorker;
  /** Queues a "send now" run as `POST /admin/digest` does; returns its job id. */
  sendNow(): Promise<string>;
  /** Waits for a digest job to finish; returns its final state. */
  settled(jobId: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

/** Relay retries in tests: five runs, 200 ms apart and doubling. */
export const FAST_RETRY = { attempts: 5, delayMs: 200 };

export function aDigestHarness(
  config: Partial<DigestWorkerConfig> & { smtpUrl: string | undefined },
): DigestHarness {
  const prefix = config.queuePrefix ?? aFreshPrefix('digest');
  const redis = aRedisClient();
  const logs: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
  const logger = createLogger({ stream, level: 'debug' });
  const queue = createDigestQueue(redis, prefix);
  const workers: DigestWorker[] = [];
  const connections: Redis[] = [];
  const full: DigestWorkerConfig = {
    queuePrefix: prefix,
    organisationsFile: anOrganisationsFile(),
    transferAttempts: 3,
    digestFrom: 'dit-checks-connector@example.nhs.uk',
    digestSchedule: '0 8 * * 1-5',
    publicBaseUrl: PUBLIC_BASE_URL,
    ...config,
  };
  return {
    prefix,
    redis,
    store: createTransferStore(redis, prefix),
    queue,
    logs,
    startWorker(overrides = {}, tuning = {}) {
      const connection = aRedisClient();
      connections.push(connection);
      const worker = startDigestWorker({ ...full, ...overrides }, connection, logger, {
        retry: FAST_RETRY,
        ...tuning,
      });
      workers.push(worker);
      return worker;
    },
    sendNow: () => queueDigestNow(redis, prefix, FAST_RETRY),
    settled: (jobId, timeoutMs) => jobSettled(queue, jobId, timeoutMs),
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await queue.close();
      await Promise.all([...connections, redis].map((c) => c.quit()));
    },
  };
}
