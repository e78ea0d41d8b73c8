import type { AddressInfo } from 'node:net';
import { UnrecoverableError, Worker } from 'bullmq';
import request from 'supertest';
import type { ReasonCode } from '../../src/platform/errors';
import { parseTransferId, transferIdOf } from '../../src/transfer/transfer-ids';
import { TRANSFER_QUEUE_NAME } from '../../src/store/transfer-job';
import { reasonMessage } from '../../src/transfer/reasons';
import type { RecordOutcomes, TransferStore } from '../../src/transfer/transfer';
import { allRecords } from '../../src/transfer/transfer';
import type { StartedSandboxes } from '../../sandbox';
import { buildTestApp, type TestApp, type TestAppOptions } from './app';
import { builtInBeforeAll } from './built-in-before-all';
import { aRedisClient } from './redis';
import { aTestWorker, type TestWorker, type TestWorkerOptions } from './worker';
import { anApplicantId } from './webhooks';

export interface Credentials {
  user: string;
  password: string;
}

export const HR_ADMIN: Credentials = { user: 'hr1', password: 'hr-password-1' };
export const SUPPORT: Credentials = { user: 'support1', password: 'support-password-1' };
export const WRONG_PASSWORD: Credentials = { user: 'hr1', password: 'not-the-password' };

/** The four ways a request can arrive at an admin endpoint. */
export const CALLERS = {
  'an HR admin': HR_ADMIN,
  'a support user': SUPPORT,
  'a wrong password': WRONG_PASSWORD,
  'no credentials': undefined,
} as const;

export function basicAuth(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
}

export interface AdminTestAppOptions extends TestAppOptions {
  /** Trac for the manual start's check (default: none, manual starts answer 503). */
  tracUrl?: string;
}

/** The receiver app with HR admin `hr1` and support user `support1` configured. */
export function buildAdminTestApp(options: AdminTestAppOptions = {}): Promise<TestApp> {
  const { tracUrl, ...rest } = options;
  return buildTestApp({
    ...rest,
    env: {
      ADMIN_USERS: `${HR_ADMIN.user}:${HR_ADMIN.password}`,
      SUPPORT_USERS: `${SUPPORT.user}:${SUPPORT.password}`,
      ...(tracUrl ? { TRAC_BASE_URL: tracUrl } : {}),
      ...rest.env,
    },
  });
}

/**
 * The admin app for a test file: built in `beforeAll`, closed in `afterAll`. Options may be a
 * function, for values only known once other `beforeAll`s have run (the sandboxes' URLs).
 */
export function withAdminTestApp(options?: AdminTestAppOptions | (() => AdminTestAppOptions)): TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await buildAdminTestApp(typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await app?.close();
    app = undefined;
  });
  return builtInBeforeAll('withAdminTestApp()', () => app);
}

/**
 * A transfer worker against the sandboxes and the admin app on its queue (manual starts check
 * Trac): what a test of an admin action that runs transfers needs. Both closed in `afterAll`.
 */
export function withWorkerAndAdminApp(
  sandboxes: StartedSandboxes,
  workerOptions: Partial<TestWorkerOptions> = {},
): { t: TestApp; harness: TestWorker } {
  let built: { t: TestApp; harness: TestWorker } | undefined;
  beforeAll(async () => {
    const harness = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl, ...workerOptions });
    const t = await buildAdminTestApp({ prefix: harness.prefix, tracUrl: sandboxes.tracUrl });
    built = { t, harness };
  });
  afterAll(async () => {
    await built?.t.close();
    await built?.harness.close();
    built = undefined;
  });
  return {
    t: builtInBeforeAll('withWorkerAndAdminApp()', () => built?.t),
    harness: builtInBeforeAll('withWorkerAndAdminApp()', () => built?.harness),
  };
}

/** `http://127.0.0.1:port` of the test app's server. */
export function urlOf(t: Pick<TestApp, 'server'>): string {
  return `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
}

/** A supertest agent whose requests carry the given credentials (none when undefined). */
export function asCaller(t: Pick<TestApp, 'server'>, credentials: Credentials | undefined) {
  const authorise = (test: request.Test) =>
    credentials ? test.set('Authorization', basicAuth(credentials)) : test;
  return {
    get: (path: string) => authorise(request(t.server).get(path)),
    post: (path: string) => authorise(request(t.server).post(path)),
    put: (path: string) => authorise(request(t.server).put(path)),
  };
}

export interface StoredTransferOptions {
  organisationCode?: string;
  applicantId?: string;
  state?: 'failed' | 'completed' | 'waiting' | 'active' | 'delayed';
  reason?: ReasonCode | null;
  records?: RecordOutcomes;
  attempts?: number;
}

/**
 * A transfer written straight into the store, as a worker would have left it (no job). The record
 * keeps outcomes only: `waiting` is a claim no run has begun (attempts 0), `active` and `delayed`
 * one whose run began; what HR reads for them is BullMQ's (no job: `waiting`).
 */
let lastStoredAt = 0;

export async function aStoredTransfer(
  store: TransferStore,
  options: StoredTransferOptions = {},
): Promise<string> {
  const organisationCode = options.organisationCode ?? 'R0A';
  const applicantId = options.applicantId ?? anApplicantId();
  const transferId = transferIdOf(organisationCode, applicantId);
  const state = options.state ?? 'failed';
  const reason = options.reason === undefined ? (state === 'failed' ? 'NO_ESR_MATCH' : null) : options.reason;
  await store.claim(transferId, organisationCode, applicantId, 'webhook');
  const finished = state === 'failed' || state === 'completed';
  // Lists are newest first by the millisecond a transfer entered its state; two stored in the
  // same millisecond have no order, so each one waits for the clock to move on.
  while (Date.now() <= lastStoredAt) await new Promise((resolve) => setTimeout(resolve, 1));
  await store.update(transferId, {
    ...(finished ? { state } : {}),
    reason,
    message: reason ? reasonMessage(reason, { organisationCode, applicantId }) : null,
    records: options.records ?? allRecords('NOT_SENT'),
    attempts: options.attempts ?? (state === 'waiting' ? 0 : 1),
    finishedAt: finished ? new Date().toISOString() : null,
  });
  lastStoredAt = Date.now();
  return transferId;
}

/** Resolves once `check` returns true, polling every 50 ms; throws after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

/** A job that really failed in BullMQ: a throw-away worker on the app's prefix fails it for good. */
export async function aFailedJob(t: Pick<TestApp, 'queue' | 'prefix'>, transferId: string): Promise<void> {
  const ids = parseTransferId(transferId);
  if (!ids) throw new Error(`not a transfer id: ${transferId}`);
  const connection = aRedisClient();
  const worker = new Worker(
    TRANSFER_QUEUE_NAME,
    () => Promise.reject(new UnrecoverableError('NO_ESR_MATCH')),
    {
      connection,
      prefix: t.prefix,
    },
  );
  const failed = new Promise<void>((resolve) =>
    worker.on('failed', (job) => {
      if (job?.id === transferId) resolve();
    }),
  );
  await t.queue.add(
    'transfer',
    { ...ids, receivedAt: new Date().toISOString(), trigger: 'webhook' },
    // taken next, before any job earlier tests left waiting
    { jobId: transferId, lifo: true },
  );
  await failed;
  await worker.close();
  await connection.quit();
}

/**
 * The transfer's job in BullMQ in an unfinished state, which is what HR reads for a transfer with
 * no outcome: `active` is taken by a throw-away worker (closed by the returned function).
 */
export async function aJobIn(
  t: Pick<TestApp, 'queue' | 'prefix'>,
  transferId: string,
  state: 'waiting' | 'active' | 'delayed',
): Promise<() => Promise<void>> {
  const ids = parseTransferId(transferId);
  if (!ids) throw new Error(`not a transfer id: ${transferId}`);
  const data = { ...ids, receivedAt: new Date().toISOString(), trigger: 'webhook' as const };
  await t.queue.add('transfer', data, {
    jobId: transferId,
    ...(state === 'delayed' ? { delay: 60_000 } : {}),
    // taken next, before any job earlier tests left waiting
    ...(state === 'active' ? { lifo: true } : {}),
  });
  if (state !== 'active') return () => Promise.resolve();
  const connection = aRedisClient();
  const worker = new Worker(TRANSFER_QUEUE_NAME, null, { connection, prefix: t.prefix });
  const taken = await worker.getNextJob('test-token');
  if (taken?.id !== transferId) throw new Error(`another job was taken: ${taken?.id}`);
  return async () => {
    await worker.close(true);
    await connection.quit();
  };
}

/** A JSON answer's body, typed for the assertions that follow. */
export function bodyOf<T = Record<string, unknown>>(answer: { body: unknown }): T {
  return answer.body as T;
}

/** The items of a paged admin answer (`{items, page, total}`). */
export function itemsOf<T = Record<string, unknown>>(answer: { body: unknown }): T[] {
  return (answer.body as { items: T[] }).items;
}
