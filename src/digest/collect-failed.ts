import type { TransferQueries } from '../store/transfer-queries';
import type { TransferStore } from '../transfer/transfer';
import type { DigestTransfer } from './digest-message';

export interface FailedTransfers {
  /** Newest first, at most the limit asked for; records that cannot be read are left out. */
  transfers: DigestTransfer[];
  /** Every failed transfer of the organisation. */
  total: number;
}

/** Ids are read a page at a time. */
const PAGE = 100;

/**
 * An organisation's failed transfers, through the admin queries and the store only (the same
 * reads as the HR page): ids from `list`, then each transfer, keeping identifiers, times and a
 * failed match's cause (hint codes and ESR ids).
 */
export async function collectFailedTransfers(
  deps: { queries: Pick<TransferQueries, 'list'>; store: Pick<TransferStore, 'get'> },
  organisationCode: string,
  limit: number,
): Promise<FailedTransfers> {
  const transfers: DigestTransfer[] = [];
  let total = 0;
  for (let offset = 0; offset < limit; offset += PAGE) {
    const count = Math.min(PAGE, limit - offset);
    const page = await deps.queries.list([organisationCode], { state: 'failed' }, offset, count);
    total = page.total;
    const found = await Promise.all(page.ids.map((id) => deps.store.get(id)));
    for (const transfer of found) {
      // state re-checked: a transfer re-queued between the two reads is no longer failed
      if (transfer?.state !== 'failed' || transfer.organisationCode !== organisationCode) continue;
      const { transferId, applicantId, reason, finishedAt, updatedAt, match } = transfer;
      transfers.push({ transferId, applicantId, reason, finishedAt, updatedAt, match });
    }
    if (page.ids.length < count || offset + count >= total) break;
  }
  return { transfers, total: Math.max(total, transfers.length) };
}
