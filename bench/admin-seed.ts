import Redis from 'ioredis';
import { createOrganisationDirectory } from '../config/organisations';
import { RECORD_TYPES, type RecordOutcome, type RecordType } from '../src/records/record-types';
import { createTransferStore } from '../src/store/transfer-store';
import { transferIdOf } from '../src/transfer/transfer-ids';
import { updateOf } from '../src/transfer/run-storage';
import { type RecordOutcomes, type TransferStore } from '../src/transfer/transfer';
import { openTransferRun } from '../src/transfer/transfer-run';
import { createLogger } from '../src/platform/logger';

/** What the admin phase seeds: `total` finished transfers, of which some failed and some with outstanding records. */
export interface SeedPlan {
  total: number;
  failed: number;
  outstanding: number;
  /** `AD5000-` for the 5,000 level: each level's applicants are its own. */
  applicantPrefix: string;
}

export interface SeededTransfers {
  /** Transfer ids, in the order seeded (the newest finished last). */
  failed: string[];
  outstanding: string[];
  completed: string[];
  seconds: number;
}

/** Transfers in flight while seeding: Redis round trips overlap (the connection pipelines them). */
const SEEDING_CONCURRENCY = 200;
/** One transfer in five is 7A1's (in runs of five), the others R0A's: two organisations' indexes, as in production. */
const organisationOf = (index: number) => (Math.floor(index / 5) % 5 === 0 ? '7A1' : 'R0A');

type Kind = 'failed' | 'outstanding' | 'completed';

/** `count` of `total` picked evenly (the `i`-th is picked when ⌊(i+1)·count/total⌋ steps up). */
const picked = (i: number, count: number, total: number) =>
  Math.floor(((i + 1) * count) / total) > Math.floor((i * count) / total);

/** Each transfer's kind: the failed and the outstanding ones spread evenly through the run. */
function kindsOf(plan: SeedPlan): Kind[] {
  const kinds: Kind[] = Array.from({ length: plan.total }, (_, i) =>
    picked(i, plan.failed, plan.total) ? 'failed' : 'completed',
  );
  const rest = kinds.flatMap((kind, i) => (kind === 'completed' ? [i] : []));
  rest.forEach((i, n) => {
    if (picked(n, plan.outstanding, rest.length)) kinds[i] = 'outstanding';
  });
  return kinds;
}

/** The outcomes of a run: every record sent, or two of them not yet complete in Trac. */
function outcomesOf(kind: Kind): Record<RecordType, RecordOutcome> {
  const outcomes = Object.fromEntries(RECORD_TYPES.map((type) => [type, 'SENT'])) as RecordOutcomes;
  if (kind === 'outstanding') {
    outcomes.dbs = 'NOT_COMPLETE';
    outcomes.references = 'NOT_RECORDED';
  }
  return outcomes;
}

const logger = createLogger({ level: 'error', service: 'bench-admin-seed' });
const organisations = createOrganisationDirectory('config/organisations.json');

/**
 * One finished transfer, made as the connector makes it: the claim a start makes, then a run's life
 * cycle (src/transfer/transfer-run.ts) as the worker drives it (begun; the records `PENDING` once;
 * per record sent its attempted marker and ledger entry; then completed with its outcomes, or
 * failed `NO_ESR_MATCH` with the match's cause). Trac, ESR and BullMQ are left out.
 */
async function seedOne(store: TransferStore, index: number, kind: Kind, plan: SeedPlan): Promise<string> {
  const organisationCode = organisationOf(index);
  const applicantId = `${plan.applicantPrefix}${String(index + 1).padStart(6, '0')}`;
  const transferId = transferIdOf(organisationCode, applicantId);
  await store.claim(transferId, organisationCode, applicantId, 'webhook');
  const existing = await store.get(transferId);
  if (!existing) throw new Error(`seeding: ${transferId} was not claimed`);
  const ports = { store, logger, organisations, now: () => new Date() };
  const attempt = { attempt: 1, attempts: 1, deferrals: 0, canDefer: false };
  const run = openTransferRun(ports, existing, attempt, updateOf(store, existing), () => undefined);
  const { tracker } = run;
  await run.begin();
  if (kind === 'failed') {
    tracker.failedMatch = { hints: ['NO_CANDIDATE'], esrApplicantIds: [] };
    await run.fail('NO_ESR_MATCH', 'no in-scope ESR applicant matches');
    return transferId;
  }
  const outcomes = outcomesOf(kind);
  const sending = RECORD_TYPES.filter((type) => outcomes[type] === 'SENT');
  for (const type of RECORD_TYPES) if (outcomes[type] !== 'SENT') tracker.note(type, outcomes[type]);
  await tracker.sending(sending);
  for (const type of sending) {
    await tracker.markAttempted(type);
    await tracker.sent(type, { esrRecordId: `ESR-${type}-${index + 1}`, sentAt: new Date().toISOString() });
  }
  tracker.matchedEsrApplicantId = `ESR-APP-${index + 1}`;
  await run.complete({ reason: null });
  return transferId;
}

/**
 * Seeds the plan's finished transfers under `prefix` through the connector's own store and worker
 * code (not hand-written keys), `SEEDING_CONCURRENCY` at a time on one pipelining connection.
 */
export async function seedFinishedTransfers(
  redisUrl: string,
  prefix: string,
  plan: SeedPlan,
  signal: AbortSignal,
  progress: (seeded: number) => void,
): Promise<SeededTransfers> {
  const startedAt = performance.now();
  const redis = new Redis(redisUrl, { enableAutoPipelining: true, maxRetriesPerRequest: null });
  const store = createTransferStore(redis, prefix);
  const seeded: SeededTransfers = { failed: [], outstanding: [], completed: [], seconds: 0 };
  const kinds = kindsOf(plan);
  let next = 0;
  async function lane(): Promise<void> {
    while (next < plan.total) {
      signal.throwIfAborted();
      const index = next++;
      const kind = kinds[index] ?? 'completed';
      seeded[kind].push(await seedOne(store, index, kind, plan));
      if ((index + 1) % 5000 === 0) progress(index + 1);
    }
  }
  try {
    await Promise.all(Array.from({ length: SEEDING_CONCURRENCY }, lane));
  } finally {
    await store.close();
    await redis.quit();
  }
  return { ...seeded, seconds: Math.round((performance.now() - startedAt) / 100) / 10 };
}
