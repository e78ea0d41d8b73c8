import type { FinishedState } from '../transfer/transfer';
import { parseTransferId } from '../transfer/transfer-ids';

/**
 * The store's Redis keys, shared by the store, the admin queries and the compaction. Each final
 * state has one index of every organisation's transfers and one per organisation (kept in the same
 * scripts), so that HR acting for some organisations pages and counts theirs without reading the
 * others'.
 */
export function keysOf(prefix: string) {
  // not `${prefix}:transfers:…`: that is BullMQ's own keyspace for the `transfers` queue
  const finishedKey = (state: FinishedState) => `${prefix}:transfer-index:${state}`;
  const organisationFinishedKey = (state: FinishedState, organisationCode: string) =>
    `${prefix}:transfer-index:${state}:${organisationCode}`;
  // the worker and the admin side only ever write ids they derived; '-' is no organisation's
  const organisationOf = (transferId: string) => parseTransferId(transferId)?.organisationCode ?? '-';
  return {
    transferKey: (id: string) => `${prefix}:transfer:${id}`,
    ledgerKey: (id: string) => `${prefix}:ledger:${id}`,
    finishedKey,
    finishedKeys: [finishedKey('completed'), finishedKey('failed')] as const,
    organisationFinishedKey,
    /** The completed and failed indexes of the transfer's organisation (the id's prefix). */
    organisationFinishedKeys: (transferId: string) => {
      const code = organisationOf(transferId);
      return [organisationFinishedKey('completed', code), organisationFinishedKey('failed', code)] as const;
    },
    /** Transfers that completed with `reason: null` and outstanding records, scored by finish time. */
    outstandingKey: `${prefix}:transfer-index:outstanding`,
    /** Set once the per-organisation indexes hold every finished transfer (organisation-indexes.ts). */
    organisationIndexesMarker: `${prefix}:transfer-index:by-organisation`,
  };
}
