import type { Transfer, TransferStore } from '../transfer/transfer-store';
import type { TransferDetail, TransferSummary } from './admin-schemas';

/** The contract's summary: identifiers, state, reason, sentence, record outcomes, attempts, times. */
export function summaryOf(transfer: Transfer): TransferSummary {
  const { transferId, organisationCode, applicantId, state, reason, message, records } = transfer;
  const { attempts, createdAt, finishedAt } = transfer;
  return {
    transferId,
    organisationCode,
    applicantId,
    state,
    reason,
    message,
    records,
    attempts,
    createdAt,
    finishedAt,
  };
}

/** The transfers of a list, in its order; one removed in between (a released claim) is left out. */
export async function loadTransfers(store: TransferStore, ids: readonly string[]): Promise<Transfer[]> {
  const transfers = await Promise.all(ids.map((id) => store.get(id)));
  return transfers.filter((transfer): transfer is Transfer => transfer !== undefined);
}

/** The summary, the last change, and what the ledger holds as sent (ESR record ids and times). */
export async function loadDetail(
  store: TransferStore,
  transferId: string,
): Promise<TransferDetail | undefined> {
  const transfer = await store.get(transferId);
  if (!transfer) return undefined;
  const ledger = await store.ledger(transferId);
  return { ...summaryOf(transfer), updatedAt: transfer.updatedAt, ledger };
}
