import type Redis from 'ioredis';
import type { ReasonCode } from '../platform/errors';
import { RECORD_TYPES } from '../records/record-types';
import { RERUNNABLE_REASONS } from '../transfer/reasons';
import { allRecords, type ClaimedState, type TransferStore } from '../transfer/transfer';
import { defineScript } from './redis-scripts';
import { encodeRecords } from './transfer-encoding';

/**
 * The store's re-open (TransferStore.reopen), lua/requeue-transfer-7.lua: a failed transfer, or one
 * completed out of scope, has no outcome any more (attempts 0, reason, message and finish time
 * cleared); what ESR holds stays `SENT`, every other record `NOT_SENT` until the re-run derives it.
 * The ledger only grows, and no run is in flight for a transfer the script lets re-open.
 */
export function createTransferReopen(
  redis: Redis,
  keys: {
    transferKey: (id: string) => string;
    ledgerKey: (id: string) => string;
    finishedKeys: readonly string[];
    organisationFinishedKeys: (id: string) => readonly string[];
    reasonIndexBases: (id: string) => readonly string[];
  },
): TransferStore['reopen'] {
  const script = defineScript(redis, 'requeue-transfer');
  return async (transferId) => {
    const sent = new Set(await redis.hkeys(keys.ledgerKey(transferId)));
    const records = allRecords('NOT_SENT');
    for (const type of RECORD_TYPES) if (sent.has(type)) records[type] = 'SENT';
    const result = (await script(
      keys.transferKey(transferId),
      ...keys.finishedKeys,
      ...keys.organisationFinishedKeys(transferId),
      ...keys.reasonIndexBases(transferId),
      transferId,
      new Date().toISOString(),
      encodeRecords(records),
      ...RERUNNABLE_REASONS,
    )) as string[];
    if (result[0] === 'requeued' || result[0] === 'missing') return result[0];
    return { refused: result[1] as ClaimedState, reason: (result[2] || null) as ReasonCode | null };
  };
}
