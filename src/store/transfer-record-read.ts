import type Redis from 'ioredis';
import { allRecords, isFinished, TransferRecordSchema, type StoredTransfer } from '../transfer/transfer';
import { decodeRecords, encodeRecords } from './transfer-encoding';
import { outcomeFields } from './transfer-outcome-fields';

/** A claim's records: none sent yet. */
export const NOT_SENT_RECORDS = encodeRecords(allRecords('NOT_SENT'));

/**
 * The state field as the record schema reads it: the outcome, or none while the transfer has none
 * (a record of an earlier release that kept `waiting`, `active` or `delayed` reads as none too).
 */
function outcomeOf(state: string | undefined): string | null {
  if (state === undefined || state === '' || isFinished(state)) return state || null;
  return ['waiting', 'active', 'delayed'].includes(state) ? null : state;
}

/** The hash's fields as the record schema reads them (an archived marker lacks the details). */
function transferFields(transferId: string, hash: Record<string, string>, records: unknown) {
  const archived = hash.archivedAt !== undefined;
  return {
    transferId,
    organisationCode: hash.organisationCode,
    applicantId: hash.applicantId,
    state: outcomeOf(hash.state),
    reason: hash.reason || null,
    message: hash.message || null,
    records,
    attempts: Number(hash.attempts ?? 0),
    trigger: hash.trigger,
    createdAt: archived ? (hash.createdAt ?? hash.finishedAt) : hash.createdAt,
    updatedAt: archived ? hash.archivedAt : hash.updatedAt,
    finishedAt: hash.finishedAt || null,
    ...outcomeFields(hash),
  };
}

/**
 * The transfer store's read (TransferStore.read): one transfer hash, its `PENDING` records looked
 * up in the ledger, parsed by the record schema. A record that cannot be read is reported by the
 * names of the fields at fault, never their values.
 */
export function createTransferRead(
  redis: Redis,
  transferKey: (id: string) => string,
  ledgerKey: (id: string) => string,
) {
  /** A run writes the records it sends as PENDING once; what ESR stored since is in the ledger. */
  async function withLedger(transferId: string, records: unknown): Promise<unknown> {
    if (typeof records !== 'object' || records === null) return records;
    const pending = Object.entries(records).filter(([, outcome]) => outcome === 'PENDING');
    if (pending.length === 0) return records;
    const sent = new Set(await redis.hkeys(ledgerKey(transferId)));
    return Object.fromEntries(
      Object.entries(records).map(([type, outcome]) => [type, sent.has(type) ? 'SENT' : outcome]),
    );
  }

  return async function read(transferId: string): Promise<StoredTransfer> {
    const hash = await redis.hgetall(transferKey(transferId));
    if (!hash.state && !hash.organisationCode) return { kind: 'missing' };
    const decoded = decodeRecords(hash.records ?? NOT_SENT_RECORDS);
    if (decoded === undefined) return { kind: 'malformed', problem: 'records: unreadable' };
    const records = await withLedger(transferId, decoded);
    const parsed = TransferRecordSchema.safeParse(transferFields(transferId, hash, records));
    if (parsed.success) return { kind: 'found', transfer: parsed.data };
    // field names only: a record's values are never repeated into logs
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
    return { kind: 'malformed', problem: `invalid fields: ${fields.join(', ')}` };
  };
}
