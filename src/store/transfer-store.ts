import type Redis from 'ioredis';
import {
  allRecords,
  RERUNNABLE_REASONS,
  TRANSFER_STATES,
  TransferSchema,
  type LedgerEntry,
  type StoredTransfer,
  type TransferState,
  type TransferStore,
} from '../transfer/transfer';
import { RECORD_TYPES, type RecordType } from '../records/record-types';

/** The Redis adapter behind the TransferStore port: one hash per transfer, one per ledger. */
export const NOT_SENT_JSON = JSON.stringify(allRecords('NOT_SENT'));

// KEYS: transfer hash, then one index set per state (waiting first). ARGV: transferId,
// organisationCode, applicantId, now (ISO), records JSON (all NOT_SENT), now (ms), the first
// trigger (kept when an out-of-scope transfer re-runs), then the rerunnable reasons.
const CLAIM_SCRIPT = `
local state = redis.call('HGET', KEYS[1], 'state')
local rerun = false
if state then
  local reason = redis.call('HGET', KEYS[1], 'reason')
  for i = 8, #ARGV do
    if state == 'completed' and reason == ARGV[i] then rerun = true end
  end
  if not rerun then return {'duplicate', state, redis.call('HGET', KEYS[1], 'updatedAt')} end
end
for i = 2, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
redis.call('HSET', KEYS[1], 'organisationCode', ARGV[2], 'applicantId', ARGV[3], 'state', 'waiting',
  'reason', '', 'message', '', 'records', ARGV[5], 'attempts', 0, 'updatedAt', ARGV[4], 'finishedAt', '')
redis.call('HSETNX', KEYS[1], 'createdAt', ARGV[4])
redis.call('HSETNX', KEYS[1], 'trigger', ARGV[7])
redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
if rerun then return {'rerun'} end
return {'created'}
`;

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
      trigger: hash.trigger,
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
    async claim(transferId, organisationCode, applicantId, trigger) {
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
        trigger,
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
