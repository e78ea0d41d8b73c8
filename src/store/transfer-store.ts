import type Redis from 'ioredis';
import { type ClaimedState, type LedgerEntry, type TransferStore } from '../transfer/transfer';
import { type RecordType } from '../records/record-types';
import { decodeLedgerEntry, encodeLedgerEntry, encodeRecords, isRecordType } from './transfer-encoding';
import { outcomeChange } from './transfer-outcome-fields';
import { createTransferRead, NOT_SENT_RECORDS } from './transfer-record-read';
import { createTransferReopen } from './transfer-reopen';
import { RERUNNABLE_REASONS } from '../transfer/reasons';
import { defineScript } from './redis-scripts';
import { keysOf } from './transfer-keys';
import { createReplicatedWrite } from './replicated-write';

export interface TransferStoreOptions {
  /**
   * With replicas (Sentinel): a record's "attempted" marker must reach this many replicas before
   * the record is posted (replicated-write.ts), so that a failover cannot lose it and make a re-run
   * take the connector's own professional registration for ESR's. Default 0.
   */
  replicasToWaitFor?: number;
  /** How long to wait for them, milliseconds (default 500); then the post goes ahead, logged by the caller. */
  replicaWaitMs?: number;
}

/** The Redis transfer store; `close()` ends the connection it may have opened for replicated writes. */
export type RedisTransferStore = TransferStore & { close(): Promise<void> };

/**
 * The Redis adapter behind the TransferStore port: one hash per transfer, one per ledger, and one
 * index per final state. What a transfer is doing while it is unfinished (waiting, active,
 * delayed) is BullMQ's alone to know and list: the record stores no state until the outcome. It
 * keeps what must outlive BullMQ's retention: the outcome, the record outcomes, the attempts, the
 * ledger, and the indexes HR lists finished transfers from (failed ones stay visible long after
 * BullMQ dropped their jobs). Its scripts are lua/claim-transfer-7.lua, update-transfer-8.lua and
 * request-outstanding-1.lua (their shared fragments in lua/includes/).
 */
export function createTransferStore(
  redis: Redis,
  prefix: string,
  options: TransferStoreOptions = {},
): RedisTransferStore {
  const { replicasToWaitFor = 0, replicaWaitMs = 500 } = options;
  const replicated =
    replicasToWaitFor > 0 ? createReplicatedWrite(redis, replicasToWaitFor, replicaWaitMs) : undefined;
  const {
    transferKey,
    ledgerKey,
    finishedKey,
    finishedKeys,
    organisationFinishedKeys,
    outstandingKey,
    reasonIndexBases,
  } = keysOf(prefix);
  const claimScript = defineScript(redis, 'claim-transfer');
  const updateScript = defineScript(redis, 'update-transfer');
  const requestScript = defineScript(redis, 'request-outstanding');

  const read = createTransferRead(redis, transferKey, ledgerKey);
  const reopen = createTransferReopen(redis, {
    transferKey,
    ledgerKey,
    finishedKeys,
    organisationFinishedKeys,
    reasonIndexBases,
  });

  return {
    async claim(transferId, organisationCode, applicantId, trigger) {
      const result = (await claimScript(
        transferKey(transferId),
        ...finishedKeys,
        ...organisationFinishedKeys(transferId),
        ...reasonIndexBases(transferId),
        transferId,
        organisationCode,
        applicantId,
        new Date().toISOString(),
        NOT_SENT_RECORDS,
        trigger,
        ...RERUNNABLE_REASONS,
      )) as string[];
      if (result[0] === 'duplicate') {
        return { duplicate: result[1] as ClaimedState, claimedAt: result[2] ?? '' };
      }
      return result[0] === 'rerun' ? 'rerun' : 'created';
    },

    reopen,

    async releaseClaim(transferId) {
      await redis.del(transferKey(transferId));
    },

    async get(transferId) {
      const stored = await read(transferId);
      return stored.kind === 'found' ? stored.transfer : undefined;
    },

    read,

    async update(transferId, change, identity) {
      const now = new Date();
      const fields: string[] = ['updatedAt', now.toISOString()];
      if (change.reason !== undefined) fields.push('reason', change.reason ?? '');
      if (change.message !== undefined) fields.push('message', change.message ?? '');
      if (change.records !== undefined) fields.push('records', encodeRecords(change.records));
      if (change.attempts !== undefined) fields.push('attempts', String(change.attempts));
      if (change.finishedAt !== undefined) fields.push('finishedAt', change.finishedAt ?? '');
      fields.push(...outcomeChange(change));
      if (identity) {
        // the values the claim wrote, read when the run started: rewriting them changes nothing,
        // unless a failover lost the claim, and then the record is whole again
        const { organisationCode, applicantId, trigger, createdAt } = identity;
        fields.push('organisationCode', organisationCode, 'applicantId', applicantId);
        fields.push('trigger', trigger, 'createdAt', createdAt);
        // a reason is written with a final state (the script files it under the reason); a run's
        // clearing of it alone, as it begins, needs no script
        if (change.state === undefined && change.outstanding === undefined && !change.reason) {
          await redis.hset(transferKey(transferId), ...fields);
          return;
        }
      }
      await updateScript(
        transferKey(transferId),
        ...finishedKeys,
        ...organisationFinishedKeys(transferId),
        outstandingKey,
        ...reasonIndexBases(transferId),
        change.state === null ? '-' : (change.state ?? ''),
        transferId,
        now.getTime(),
        identity ? 'whole' : '',
        ...fields,
      );
    },

    async requestOutstanding(transferId) {
      const result = await requestScript(transferKey(transferId), new Date().toISOString());
      return result as 'requested' | 'missing' | 'nothing_outstanding';
    },

    async ledger(transferId) {
      const hash = await redis.hgetall(ledgerKey(transferId));
      const entries: Partial<Record<RecordType, LedgerEntry>> = {};
      for (const [field, stored] of Object.entries(hash)) {
        if (isRecordType(field)) entries[field] = decodeLedgerEntry(stored);
      }
      return entries;
    },

    async recordSent(transferId, recordType, entry) {
      await redis.hset(ledgerKey(transferId), recordType, encodeLedgerEntry(entry));
    },

    async markAttempted(transferId, recordType) {
      const field = `attempted:${recordType}`;
      const at = new Date().toISOString();
      if (replicated) return replicated.hset(ledgerKey(transferId), field, at);
      await redis.hset(ledgerKey(transferId), field, at);
      return true;
    },

    async wasAttempted(transferId, recordType) {
      return (await redis.hexists(ledgerKey(transferId), `attempted:${recordType}`)) === 1;
    },

    close: () => replicated?.close() ?? Promise.resolve(),

    async listFinished(state, offset, count) {
      const [ids, total] = await Promise.all([
        redis.zrevrange(finishedKey(state), offset, offset + count - 1),
        redis.zcard(finishedKey(state)),
      ]);
      return { ids, total };
    },
  };
}
