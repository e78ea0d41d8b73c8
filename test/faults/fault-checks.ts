import type Redis from 'ioredis';
import { RECORD_TYPES } from '../../src/records/record-types';
import type { TransferQueue } from '../../src/store/transfer-queue';
import { idempotencyKeyOf } from '../../src/transfer/transfer-ids';
import { NEVER_SENT_MARKERS, type EsrSandbox } from '../../sandbox';
import { FINISHED_STATES, type TransferRecord, type TransferStore } from '../../src/transfer/transfer';
import type { CapturedProcess } from './connector-processes';
import type { ExpectedTransfer, TransferPlan } from './fault-plan';
import {
  dumpRedis,
  findPersonalData,
  personalDataOf,
  secretTokensOf,
  type PersonalDataHit,
} from './personal-data-scan';

/** A section of the report and the assertions it broke (empty when all held). */
export interface Checked<Section> {
  section: Section;
  failures: string[];
}

/** Lists at most this many offenders in the report; counts are always complete. */
const SHOWN = 20;

function failIf(failures: string[], offenders: readonly string[], what: string): void {
  if (offenders.length > 0)
    failures.push(`${offenders.length} ${what}: ${offenders.slice(0, SHOWN).join('; ')}`);
}

function tally(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export interface TransfersSection {
  expected: number;
  byState: Record<string, number>;
  byReason: Record<string, number>;
  /** Transfers that needed more than one attempt, and the most any needed. */
  retriedTransfers: number;
  maxAttempts: number;
  /** Transfers whose state, reason or record outcomes differ from the contract's. */
  mismatches: string[];
}

function mismatchOf(expected: ExpectedTransfer, transfer: TransferRecord | undefined): string | undefined {
  if (!transfer) return `${expected.transferId}: no transfer stored`;
  const { state, reason, records } = expected.expected;
  if (transfer.state !== state || transfer.reason !== reason)
    return `${expected.transferId}: ${transfer.state} ${transfer.reason ?? 'null'}, expected ${state} ${reason ?? 'null'}`;
  const wrong = RECORD_TYPES.filter((type) => transfer.records[type] !== records[type]);
  if (wrong.length > 0)
    return `${expected.transferId}: ${wrong.map((t) => `${t} ${transfer.records[t]} (expected ${records[t]})`).join(', ')}`;
  return undefined;
}

/** What BullMQ says of a transfer's job, to explain a mismatch: `BullMQ: failed "…", stalled 4×`. */
async function jobStoryOf(queue: TransferQueue, transferId: string): Promise<string> {
  const job = await queue.getJob(transferId);
  if (!job) return 'BullMQ: no job';
  const state = await job.getState();
  const reason = job.failedReason ? ` "${job.failedReason}"` : '';
  return `BullMQ: ${state}${reason}, ${job.attemptsMade} attempts, stalled ${job.stalledCounter}×`;
}

/** Every transfer final, as the contract prescribes; none for an ignored delivery. */
export async function checkTransfers(
  store: TransferStore,
  queue: TransferQueue,
  plan: TransferPlan,
): Promise<Checked<TransfersSection>> {
  const section: TransfersSection = {
    expected: plan.transfers.length,
    byState: {},
    byReason: {},
    retriedTransfers: 0,
    maxAttempts: 0,
    mismatches: [],
  };
  for (const expected of plan.transfers) {
    const transfer = await store.get(expected.transferId);
    tally(section.byState, transfer?.state ?? 'missing');
    tally(section.byReason, transfer?.reason ?? 'null');
    if (transfer && transfer.attempts > 1) section.retriedTransfers += 1;
    section.maxAttempts = Math.max(section.maxAttempts, transfer?.attempts ?? 0);
    const mismatch = mismatchOf(expected, transfer);
    if (mismatch) section.mismatches.push(`${mismatch} (${await jobStoryOf(queue, expected.transferId)})`);
  }
  const failures: string[] = [];
  failIf(failures, section.mismatches, 'transfers did not end as the contract prescribes');
  const ignored = [];
  for (const id of plan.ignoredTransferIds) if (await store.get(id)) ignored.push(id);
  failIf(failures, ignored, 'transfers were created by deliveries that must be ignored');
  // every transfer is final: the final-state indexes hold each once
  const indexed = await Promise.all(FINISHED_STATES.map((state) => store.listFinished(state, 0, 1)));
  const total = indexed.reduce((sum, { total: n }) => sum + n, 0);
  if (total !== plan.transfers.length)
    failures.push(`the final-state indexes hold ${total} transfers, expected ${plan.transfers.length}`);
  return { section, failures };
}

export interface EsrSection {
  expectedRecords: number;
  storedRecords: number;
  /** Record POSTs ESR received (retries, replays and faulted ones included). */
  recordPosts: number;
  keysStoredMoreThanOnce: string[];
  missing: string[];
  unexpected: string[];
  /** Records stored for an ESR applicant that must receive none (no match, out of scope, …). */
  recordsForApplicantsWithoutTransfer: number;
  markersInBodies: string[];
}

/** ESR holds exactly the SENT records, each once under its key, and nothing for anyone else. */
export function checkEsr(esr: EsrSandbox, plan: TransferPlan): Checked<EsrSection> {
  const stored = esr.records();
  const expectedKeys = new Map<string, string>();
  for (const t of plan.transfers) {
    if (!t.esrApplicantId) continue;
    for (const type of RECORD_TYPES)
      if (t.expected.records[type] === 'SENT')
        expectedKeys.set(`${t.esrApplicantId} ${type}`, idempotencyKeyOf(t.transferId, type));
  }
  const seen = new Map<string, number>();
  const unexpected: string[] = [];
  const keysStoredMoreThanOnce = new Set<string>();
  for (const record of stored) {
    const slot = `${record.esrApplicantId} ${record.recordType}`;
    seen.set(slot, (seen.get(slot) ?? 0) + 1);
    if (record.timesKeyStored !== 1) keysStoredMoreThanOnce.add(record.idempotencyKey);
    if (expectedKeys.get(slot) !== record.idempotencyKey)
      unexpected.push(`${slot} (${record.idempotencyKey})`);
  }
  const missing = [...expectedKeys.keys()].filter((slot) => !seen.has(slot));
  const twice = [...seen].filter(([, n]) => n > 1).map(([slot, n]) => `${slot} ×${n}`);
  const withTransfer = new Set(plan.transfers.map((t) => t.esrApplicantId));
  const bodies = esr.requests().map((post) => post.body);
  const section: EsrSection = {
    expectedRecords: expectedKeys.size,
    storedRecords: stored.length,
    recordPosts: bodies.length,
    keysStoredMoreThanOnce: [...keysStoredMoreThanOnce],
    missing,
    unexpected,
    recordsForApplicantsWithoutTransfer: stored.filter((r) => !withTransfer.has(r.esrApplicantId)).length,
    markersInBodies: NEVER_SENT_MARKERS.filter((marker) => bodies.some((body) => body.includes(marker))),
  };
  const failures: string[] = [];
  failIf(failures, [...twice, ...section.keysStoredMoreThanOnce], 'records stored more than once');
  failIf(failures, missing, 'expected records missing in ESR');
  failIf(failures, unexpected, 'records in ESR that must not be there');
  failIf(failures, section.markersInBodies, 'never-sent Trac values found in ESR request bodies');
  if (bodies.length === 0) failures.push('ESR received no record POST at all');
  return { section, failures };
}

export type QueueSection = Record<string, number>;

/**
 * Nothing left active, waiting or delayed; one finished job per transfer and per stray job. With
 * `jobsMayBeLost` (a Redis failover's lost writes), a transfer that ended as planned may have no
 * job left: its job was lost with the old master while its worker ran it on, and the worker wrote
 * the outcome to the new one. Such transfers are counted in `jobLost`, not expected among the
 * finished jobs.
 */
export async function checkQueue(
  queue: TransferQueue,
  plan: TransferPlan,
  strayJobs: number,
  jobsMayBeLost = false,
): Promise<Checked<QueueSection>> {
  const section = await queue.getJobCounts(
    'active',
    'waiting',
    'delayed',
    'prioritized',
    'waiting-children',
    'completed',
    'failed',
  );
  const failures: string[] = [];
  const unfinished = Object.entries(section).filter(
    ([state, n]) => n > 0 && !['completed', 'failed'].includes(state),
  );
  failIf(
    failures,
    unfinished.map(([state, n]) => `${n} ${state}`),
    'BullMQ states still hold jobs',
  );
  const lost: ExpectedTransfer[] = [];
  if (jobsMayBeLost) {
    for (const t of plan.transfers) if (!(await queue.getJob(t.transferId))) lost.push(t);
    section.jobLost = lost.length;
  }
  const withJobs = plan.transfers.filter((t) => !lost.includes(t));
  const finished = (section.completed ?? 0) + (section.failed ?? 0);
  if (finished !== withJobs.length + strayJobs)
    failures.push(`BullMQ holds ${finished} finished jobs, expected ${withJobs.length + strayJobs}`);
  // every stray job ends failed: the workers refuse to run it
  const failedExpected = withJobs.filter((t) => t.expected.state === 'failed').length + strayJobs;
  if ((section.failed ?? 0) !== failedExpected)
    failures.push(`BullMQ holds ${section.failed ?? 0} failed jobs, expected ${failedExpected}`);
  return { section, failures };
}

export interface PersonalDataSection {
  tokens: number;
  redisKeys: number;
  redisBytes: number;
  processes: number;
  logBytes: number;
  hits: PersonalDataHit[];
}

/** The secrets of a run: every value of the connector's environment that is one, and the sandboxes' tokens. */
export function secretsOfRun(
  env: Readonly<Record<string, string>>,
  issuedTokens: readonly string[],
): string[] {
  const passwords = [env.ADMIN_USERS, env.SUPPORT_USERS]
    .flatMap((users) => (users ?? '').split(','))
    .map((entry) => entry.split(':')[1] ?? '')
    .filter(Boolean);
  const secrets = [env.WEBHOOK_SECRETS, env.TRAC_CLIENT_SECRET, env.ESR_CLIENT_SECRET, env.REDIS_PASSWORD]
    .flatMap((value) => (value ?? '').split(','))
    .filter(Boolean);
  // without TRAC_/ESR_CLIENT_SECRET the connector uses the sandboxes' own (config/index.ts)
  return [...secrets, ...passwords, 'trac-sandbox-secret', 'esr-sandbox-secret', ...issuedTokens];
}

/**
 * No name, date of birth, certificate, registration or share-code number in Redis or in any log;
 * nor any secret of the run (`secretsOfRun`): webhook secrets, passwords, client secrets, tokens.
 */
export async function checkPersonalData(
  redis: Redis,
  processes: readonly CapturedProcess[],
  plan: TransferPlan,
  secrets: readonly string[],
): Promise<Checked<PersonalDataSection>> {
  const tokens = [...personalDataOf(plan.seed), ...secretTokensOf(secrets)];
  const dump = await dumpRedis(redis);
  const hits = findPersonalData(dump.entries.join('\n'), 'redis', tokens);
  let logBytes = 0;
  for (const captured of processes) {
    const text = Buffer.concat(captured.chunks).toString('utf8');
    logBytes += text.length;
    hits.push(...findPersonalData(text, `${captured.name} output`, tokens));
  }
  const section: PersonalDataSection = {
    tokens: tokens.length,
    redisKeys: dump.keys,
    redisBytes: dump.bytes,
    processes: processes.length,
    logBytes,
    hits,
  };
  const failures: string[] = [];
  failIf(
    failures,
    hits.map((hit) => `${hit.kind} "${hit.token}" in ${hit.where}: …${hit.context}…`),
    'personal data found',
  );
  if (dump.keys === 0) failures.push('the Redis dump is empty: the scan proved nothing');
  if (logBytes === 0) failures.push('no process output was captured: the log scan proved nothing');
  return { section, failures };
}
