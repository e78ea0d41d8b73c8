import { z } from 'zod';
import { REASON_CODES, type ReasonCode } from '../platform/errors';
import { DataProblemSchema } from '../records/data-problem';
import { RECORD_TYPES, RECORD_OUTCOMES, type RecordOutcome, type RecordType } from '../records/record-types';
import { MATCH_HINTS } from './classify-match';

/**
 * A transfer as the domain sees it, and the port through which the use case and the admin views
 * reach its durable record (outcome, reason, per-record outcomes, and the ledger of what ESR has
 * stored). The Redis adapter is src/store/transfer-store.ts. Ids and outcomes only, never personal
 * data. The states HR reads (connector.md):
 */
export const TRANSFER_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

/**
 * The states a transfer ends in: the only ones its record keeps, listed long after BullMQ dropped
 * the job. While it is unfinished, BullMQ alone says what it is doing (waiting, active, delayed).
 */
export const FINISHED_STATES = ['completed', 'failed'] as const;
export type FinishedState = (typeof FINISHED_STATES)[number];
export type UnfinishedState = Exclude<TransferState, FinishedState>;

export const isFinished = (state: string | null | undefined): state is FinishedState =>
  state === 'completed' || state === 'failed';

/**
 * What a start reads of an existing transfer: its outcome, or that it has none yet: `started` (a
 * run began; its job runs, or waits to run again) or `unstarted` (claimed and no run began: its job
 * waits, or was lost before it was stored).
 */
export type ClaimedState = FinishedState | 'started' | 'unstarted';

export type RecordOutcomes = Record<RecordType, RecordOutcome>;

/** How a transfer was first started; a re-queue keeps it (`reconciliation`: found by a sweep). */
export const FIRST_TRIGGERS = ['webhook', 'manual', 'reconciliation'] as const;
export type FirstTrigger = (typeof FIRST_TRIGGERS)[number];

/**
 * A failed match's cause, worked out when the transfer failed `NO_ESR_MATCH` or
 * `AMBIGUOUS_ESR_MATCH` (the match preview's hints and the ESR records they are about): codes and
 * ESR ids only, never names or dates.
 */
export const MatchSummarySchema = z.object({
  hints: z.array(z.enum(MATCH_HINTS)),
  esrApplicantIds: z.array(z.string()),
});
export type MatchSummary = z.infer<typeof MatchSummarySchema>;

/** Reasons whose failed transfer carries its `problem`. */
export const PROBLEM_REASONS: readonly ReasonCode[] = ['INVALID_TRAC_DATA', 'ESR_REJECTED'];

/** Reasons whose failed transfer carries its `match`. */
export const MATCH_REASONS: readonly ReasonCode[] = ['NO_ESR_MATCH', 'AMBIGUOUS_ESR_MATCH'];

/** Record outcomes of a record Trac did not hold as complete: outstanding once the transfer completed. */
export const OUTSTANDING_OUTCOMES: readonly RecordOutcome[] = ['NOT_COMPLETE', 'NOT_RECORDED'];

/** The outstanding records of a transfer that completed with these outcomes, in RECORD_TYPES order. */
export function outstandingOf(records: RecordOutcomes): RecordType[] {
  return RECORD_TYPES.filter((type) => OUTSTANDING_OUTCOMES.includes(records[type]));
}

/** The transfer record: `state` is its outcome, null while it has none (BullMQ's job says the rest). */
export const TransferRecordSchema = z.object({
  transferId: z.string(),
  organisationCode: z.string(),
  applicantId: z.string(),
  state: z.enum(FINISHED_STATES).nullable(),
  reason: z.enum(REASON_CODES).nullable(),
  message: z.string().nullable(),
  records: z.record(z.enum(RECORD_TYPES), z.enum(RECORD_OUTCOMES)),
  attempts: z.number().int(),
  /** Records stored before the field existed were all started by webhooks or manual starts. */
  trigger: z.enum(FIRST_TRIGGERS).default('webhook'),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Failed `NO_ESR_MATCH` or `AMBIGUOUS_ESR_MATCH`: why (hints, ESR ids); otherwise null. */
  match: MatchSummarySchema.nullable().default(null),
  /** Completed with `reason: null`: the records Trac did not hold as complete; otherwise empty. */
  outstanding: z.array(z.enum(RECORD_TYPES)).default([]),
  /** The ESR applicant it matched, kept while records are outstanding (send-outstanding sends there). */
  esrApplicantId: z.string().nullable().default(null),
  /** When an HR admin last asked to send the outstanding records, until that run ends. */
  outstandingRequestedAt: z.string().nullable().default(null),
  /** Failed `INVALID_TRAC_DATA` or `ESR_REJECTED`: what to correct (names and rules, no values); otherwise null. */
  problem: DataProblemSchema.nullable().default(null),
});
export type TransferRecord = z.infer<typeof TransferRecordSchema>;

/** A transfer as HR reads it: its record, with what its job is doing while it has no outcome. */
export const TransferSchema = TransferRecordSchema.extend({ state: z.enum(TRANSFER_STATES) });
export type Transfer = z.infer<typeof TransferSchema>;

/** What a start reads of a record (see ClaimedState). */
export function claimedStateOf(record: TransferRecord): ClaimedState {
  return record.state ?? (record.attempts > 0 ? 'started' : 'unstarted');
}

export interface LedgerEntry {
  esrRecordId: string;
  sentAt: string;
}

/**
 * `created`: a new transfer. `rerun`: re-opened, because it completed out of scope. Otherwise the
 * transfer exists: its state, and when it entered it. Either way the caller makes sure its job is
 * queued with BullMQ's public API (`queueTransfer`): the store never reads BullMQ's keys.
 */
export type ClaimResult = 'created' | 'rerun' | { duplicate: ClaimedState; claimedAt: string };

export function allRecords(outcome: RecordOutcome): RecordOutcomes {
  return Object.fromEntries(RECORD_TYPES.map((type) => [type, outcome])) as RecordOutcomes;
}

/**
 * The outcomes a run that stopped leaves: a record still `PENDING` (in flight) is what it was
 * before the run (`NOT_SENT` for a transfer's run); the ledger says whether ESR stored it.
 */
export function settledRecords(records: RecordOutcomes, before = allRecords('NOT_SENT')): RecordOutcomes {
  const settled = { ...records };
  for (const type of RECORD_TYPES) if (settled[type] === 'PENDING') settled[type] = before[type];
  return settled;
}

/** An HR re-open of a failed (or out-of-scope completed) transfer, as the store answers it. */
export type ReopenResult = 'requeued' | 'missing' | { refused: ClaimedState; reason: ReasonCode | null };

/** What the store holds under a transfer id: the transfer, nothing, or a record it cannot read. */
export type StoredTransfer =
  { kind: 'found'; transfer: TransferRecord } | { kind: 'missing' } | { kind: 'malformed'; problem: string };

/**
 * What a write may change. `outstanding` (with `esrApplicantId`) is written only on a transfer that
 * completes with `reason: null`, and keeps the list of such transfers (`outstanding=true`) in step.
 */
export type TransferChange = {
  /** The outcome; null: none any more (a run of a finished transfer's job began again). */
  state?: FinishedState | null;
} & Partial<
  Pick<
    TransferRecord,
    | 'reason'
    | 'message'
    | 'records'
    | 'attempts'
    | 'finishedAt'
    | 'match'
    | 'outstanding'
    | 'esrApplicantId'
    | 'outstandingRequestedAt'
    | 'problem'
  >
>;

/** What a transfer's claim wrote once: who it is for, how it was started, when. */
export type TransferIdentity = Pick<
  TransferRecord,
  'organisationCode' | 'applicantId' | 'trigger' | 'createdAt'
>;

export interface TransferStore {
  /** Atomically creates the transfer, no outcome yet (or re-opens one completed out of scope); see ClaimResult. */
  claim(
    transferId: string,
    organisationCode: string,
    applicantId: string,
    trigger: FirstTrigger,
  ): Promise<ClaimResult>;
  /**
   * Atomically re-opens a failed transfer (or one completed out of scope): no outcome, attempts 0,
   * reason, message and finish time cleared, the ledger untouched. The caller queues its job.
   */
  reopen(transferId: string): Promise<ReopenResult>;
  /** Removes a claim whose job could not be queued, so that Trac's retry can queue it. */
  releaseClaim(transferId: string): Promise<void>;
  /** The transfer; undefined when there is none or its record cannot be read (see `read`). */
  get(transferId: string): Promise<TransferRecord | undefined>;
  /** The transfer, or why there is none: a malformed record is reported, never thrown. */
  read(transferId: string): Promise<StoredTransfer>;
  /**
   * Changes an existing transfer. The worker running it passes `identity` (what the claim wrote,
   * read when the run started), written with every change, so that a record whose claim a failover
   * lost is whole again; without it, a record that has no identity is left alone.
   */
  update(transferId: string, change: TransferChange, identity?: TransferIdentity): Promise<void>;
  /**
   * An HR admin's request to send a completed transfer's outstanding records, noted atomically on
   * the transfer (the worker runs a send-outstanding job only while the note is there):
   * `requested`, `missing`, or `nothing_outstanding` when it is not completed with `reason: null`
   * and outstanding records.
   */
  requestOutstanding(transferId: string): Promise<'requested' | 'missing' | 'nothing_outstanding'>;
  ledger(transferId: string): Promise<Partial<Record<RecordType, LedgerEntry>>>;
  /** Writes ESR's 2xx into the ledger (a transfer's `PENDING` records read as `SENT` from then on). */
  recordSent(transferId: string, recordType: RecordType, entry: LedgerEntry): Promise<void>;
  /**
   * Notes that a record is about to be posted (its answer may be lost). False when replicas are
   * expected and the note did not reach them in time: a failover now could lose it.
   */
  markAttempted(transferId: string, recordType: RecordType): Promise<boolean>;
  wasAttempted(transferId: string, recordType: RecordType): Promise<boolean>;
  /** Ids of the transfers that ended in a state, most recently finished first, with the total. */
  listFinished(
    state: FinishedState,
    offset: number,
    count: number,
  ): Promise<{ ids: string[]; total: number }>;
}
