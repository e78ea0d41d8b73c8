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
    ...reasonKeysOf(prefix, organisationOf),
  };
}

/**
 * The reason indexes: per reason code, the finished transfers that ended with it, by finish time
 * (the score of their state's index), one of every organisation's and one per organisation. The
 * scripts that write or take back an outcome get the two bases of a transfer (`reasonIndexBases`)
 * and add the reason they read or write: `{base}{reason}`.
 */
function reasonKeysOf(prefix: string, organisationOf: (transferId: string) => string) {
  const base = `${prefix}:transfer-index:reason:`;
  const organisationBase = (organisationCode: string) => `${base}${organisationCode}:`;
  return {
    reasonKey: (reason: string) => `${base}${reason}`,
    organisationReasonKey: (reason: string, organisationCode: string) =>
      `${organisationBase(organisationCode)}${reason}`,
    /** The bases of every organisation's reason indexes and of the transfer's organisation's. */
    reasonIndexBases: (transferId: string) => [base, organisationBase(organisationOf(transferId))] as const,
    organisationReasonIndexBase: organisationBase,
    reasonIndexBase: base,
    /** Set once the reason indexes hold every finished transfer (reason-indexes.ts). */
    reasonIndexesMarker: `${prefix}:transfer-index:by-reason`,
  };
}
