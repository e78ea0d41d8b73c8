import type Redis from 'ioredis';
import { z } from 'zod';
import { REASON_CODES, type ReasonCode } from '../platform/errors';
import { RECORD_TYPES, RECORD_OUTCOMES, type RecordOutcome, type RecordType } from '../records/record-types';

/**
 * The durable record of every transfer, kept in Redis beside BullMQ and outliving BullMQ's job
 * retention: state, reason, per-record outcomes, and the ledger of what ESR has stored. Ids and
 * outcomes only, never personal data.
 */
export const TRANSFER_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

/** Reasons of a transfer that completed without sending because it was out of scope: it may run again. */
export const RERUNNABLE_REASONS: readonly ReasonCode[] = ['STATUS_CHANGED', 'NOT_DOCTOR_IN_TRAINING'];

export type RecordOutcomes = Record<RecordType, RecordOutcome>;

export const TransferSchema = z.object({
  transferId: z.string(),
  organisationCode: z.string(),
  applicantId: z.string(),
  state: z.enum(TRANSFER_STATES),
  reason: z.enum(REASON_CODES).nullable(),
  message: z.string().nullable(),
  records: z.record(z.enum(RECORD_TYPES), z.enum(RECORD_OUTCOMES)),
  attempts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Transfer = z.infer<typeof TransferSchema>;

export interface LedgerEntry {
  esrRecordId: string;
  sentAt: string;
}

/**
 * `created`: a new transfer. `rerun`: re-opened, because it completed out of scope. Otherwise the
 * transfer exists: its state, and when it entered it. Either way the caller makes sure its job is
 * queued with BullMQ's public API (`queueTransfer`): the store never reads BullMQ's keys.
 */
export type ClaimResult = 'created' | 'rerun' | { duplicate: TransferState; claimedAt: string };

export function allRecords(outcome: RecordOutcome): RecordOutcomes {
  return Object.fromEntries(RECORD_TYPES.map((type) => [type, outcome])) as RecordOutcomes;
}

export const NOT_SENT_JSON = JSON.stringify(allRecords('NOT_SENT'));

// KEYS: transfer hash, then one index set per state (waiting first). ARGV: transferId,
// organisationCode, applicantId, now (ISO), records JSON (all NOT_SENT), now (ms), then the
// rerunnable reasons.
const CLAIM_SCRIPT = `
local state = redis.call('HGET', KEYS[1], 'state')
local rerun = false
if state then
  local reason = redis.call('HGET', KEYS[1], 'reason')
  for i = 7, #ARGV do
    if state == 'completed' and reason == ARGV[i] then rerun = true end
  end
  if not rerun then return {'duplicate', state, redis.call('HGET', KEYS[1], 'updatedAt')} end
end
for i = 2, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
redis.call('HSET', KEYS[1], 'organisationCode', ARGV[2], 'applicantId', ARGV[3], 'state', 'waiting',
  'reason', '', 'message', '', 'records', ARGV[5], 'attempts', 0, 'updatedAt', ARGV[4], 'finishedAt', '')
redis.call('HSETNX', KEYS[1], 'createdAt', ARGV[4])
redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
if rerun then return {'rerun'} end
return {'created'}
`;

/** What the store holds under a transfer id: the transfer, nothing, or a record it cannot read. */
export type StoredTransfer =
  { kind: 'found'; transfer: Transfer } | { kind: 'missing' } | { kind: 'malformed'; problem: string };

export interface TransferStore {
  /** Atomically creates the transfer (or re-opens an out-of-scope completed one) in `waiting`; see ClaimResult. */
  claim(transferId: string, organisationCode: string, applicantId: string): Promise<ClaimResult>;
  /** Removes a claim whose job could not be queued, so that Trac's retry can queue it. */
  releaseClaim(transferId: string): Promise<void>;
  /** The transfer; undefined when there is none or its record cannot be read (see `read`). */
  get(transferId: string): Promise<Transfer | undefined>;
  /** The transfer, or why there is none: a malformed record is reported, never thrown. */
  read(transferId: string): Promise<StoredTransfer>;
  update(
    transferId: string,
    change: Partial<Pick<Transfer, 'state' | 'reason' | 'message' | 'records' | 'attempts' | 'finishedAt'>>,
  ): Promise<void>;
  ledger(transferId: string): Promise<Partial<Record<RecordType, LedgerEntry>>>;
  /** Writes ESR's 2xx into the ledger and, when given, the transfer's record outcomes with it. */
  recordSent(
    transferId: string,
    recordType: RecordType,
    entry: LedgerEntry,
    records?: RecordOutcomes,
  ): Promise<void>;
  /** Notes that a record was posted at least once (its answer may have been lost). */
  markAttempted(transferId: string, recordType: RecordType): Promise<void>;
  wasAttempted(transferId: string, recordType: RecordType): Promise<boolean>;
  /** Transfer ids in a state, newest first, with the total. */
  listByState(state: TransferState, offset: number, count: number): Promise<{ ids: string[]; total: number }>;
}

/** The store's Redis keys, shared by the store and the admin queries. */
export function keysOf(prefix: string) {
  // not `${prefix}:transfers:…`: that is BullMQ's own keyspace for the `transfers` queue (its `active`
  // list, `completed`/`failed`/`delayed` sets), which these indexes would corrupt
  const stateKey = (state: TransferState) => `${prefix}:transfer-index:${state}`;
  const stateKeys = TRANSFER_STATES.map(stateKey);
  return {
    transferKey: (id: string) => `${prefix}:transfer:${id}`,
    ledgerKey: (id: string) => `${prefix}:ledger:${id}`,
    stateKey,
    stateKeys,
    // the claim and the re-queue write 'waiting': its index key goes first after the hash
    claimIndexKeys: [stateKey('waiting'), ...stateKeys.filter((k) => k !== stateKey('waiting'))],
  };
}

export function createTransferStore(redis: Redis, prefix: string): TransferStore {
  const { transferKey, ledgerKey, stateKey, stateKeys, claimIndexKeys } = keysOf(prefix);

  async function read(transferId: string): Promise<StoredTransfer> {
    const hash = await redis.hgetall(transferKey(transferId));
    if (!hash.state) return { kind: 'missing' };
    let records: unknown;
    try {
      records = JSON.parse(hash.records ?? NOT_SENT_JSON);
    } catch {
      return { kind: 'malformed', problem: 'records: not JSON' };
    }
    const parsed = TransferSchema.safeParse({
      transferId,
      organisationCode: hash.organisationCode,
      applicantId: hash.applicantId,
      state: hash.state,
      reason: hash.reason || null,
      message: hash.message || null,
      records,
      attempts: Number(hash.attempts ?? 0),
      createdAt: hash.createdAt,
      updatedAt: hash.updatedAt,
      finishedAt: hash.finishedAt || null,
    });
    if (parsed.success) return { kind: 'found', transfer: parsed.data };
    // field names only: a record's values are never repeated into logs
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
    return { kind: 'malformed', problem: `invalid fields: ${fields.join(', ')}` };
  }

  return {
    async claim(transferId, organisationCode, applicantId) {
      const now = new Date();
      const result = (await redis.eval(
        CLAIM_SCRIPT,
        1 + claimIndexKeys.length,
        transferKey(transferId),
        ...claimIndexKeys,
        transferId,
        organisationCode,
        applicantId,
        now.toISOString(),
        NOT_SENT_JSON,
        now.getTime(),
        ...RERUNNABLE_REASONS,
      )) as string[];
      if (result[0] === 'duplicate') {
        return { duplicate: result[1] as TransferState, claimedAt: result[2] ?? '' };
      }
      return result[0] === 'rerun' ? 'rerun' : 'created';
    },

    async releaseClaim(transferId) {
      const multi = redis.multi().del(transferKey(transferId));
      for (const key of stateKeys) multi.zrem(key, transferId);
      await multi.exec();
    },

    async get(transferId) {
      const stored = await read(transferId);
      return stored.kind === 'found' ? stored.transfer : undefined;
    },

    read,

    async update(transferId, change) {
      const now = new Date();
      const fields: Record<string, string> = { updatedAt: now.toISOString() };
      if (change.state !== undefined) fields.state = change.state;
      if (change.reason !== undefined) fields.reason = change.reason ?? '';
      if (change.message !== undefined) fields.message = change.message ?? '';
      if (change.records !== undefined) fields.records = JSON.stringify(change.records);
      if (change.attempts !== undefined) fields.attempts = String(change.attempts);
      if (change.finishedAt !== undefined) fields.finishedAt = change.finishedAt ?? '';
      const multi = redis.multi().hset(transferKey(transferId), fields);
      if (change.state !== undefined) {
        for (const key of stateKeys) multi.zrem(key, transferId);
        multi.zadd(stateKey(change.state), now.getTime(), transferId);
      }
      await multi.exec();
    },

    async ledger(transferId) {
      const hash = await redis.hgetall(ledgerKey(transferId));
      const entries: Partial<Record<RecordType, LedgerEntry>> = {};
      for (const [field, json] of Object.entries(hash)) {
        if ((RECORD_TYPES as readonly string[]).includes(field)) {
          entries[field as RecordType] = JSON.parse(json) as LedgerEntry;
        }
      }
      return entries;
    },

    async recordSent(transferId, recordType, entry, records) {
      const multi = redis.multi().hset(ledgerKey(transferId), recordType, JSON.stringify(entry));
      if (records) {
        multi.hset(transferKey(transferId), {
          records: JSON.stringify(records),
          updatedAt: new Date().toISOString(),
        });
      }
      await multi.exec();
    },

    async markAttempted(transferId, recordType) {
      await redis.hset(ledgerKey(transferId), `attempted:${recordType}`, new Date().toISOString());
    },

    async wasAttempted(transferId, recordType) {
      return (await redis.hexists(ledgerKey(transferId), `attempted:${recordType}`)) === 1;
    },

    async listByState(state, offset, count) {
      const [ids, total] = await Promise.all([
        redis.zrevrange(stateKey(state), offset, offset + count - 1),
        redis.zcard(stateKey(state)),
      ]);
      return { ids, total };
    },
  };
}
