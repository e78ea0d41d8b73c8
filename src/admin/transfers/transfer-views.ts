import type { Logger } from '../../platform/logger';
import type { Metrics } from '../../platform/metrics';
import type { TransferQueries } from '../../store/transfer-queries';
import type { Transfer, TransferStore } from '../../transfer/transfer';
import type { TransferDetail, TransferSummary } from '../api/admin-schemas';
import { permitsTransfer, type OrganisationScope } from '../auth/organisation-scope';

/**
 * The contract's summary: identifiers, state, reason, sentence, record outcomes, attempts, times,
 * a failed match's cause and the outstanding records.
 */
export function summaryOf(transfer: Transfer): TransferSummary {
  const { transferId, organisationCode, applicantId, state, reason, message, records } = transfer;
  const { attempts, trigger, createdAt, finishedAt, match, outstanding } = transfer;
  return {
    transferId,
    organisationCode,
    applicantId,
    state,
    reason,
    message,
    records,
    attempts,
    trigger,
    createdAt,
    finishedAt,
    match,
    outstanding,
  };
}

/** What the views need to read transfers: the store, and where to report one they cannot read. */
export interface TransferReader {
  store: TransferStore;
  /** What an unfinished transfer is doing: BullMQ's to say (the record keeps outcomes only). */
  queries: Pick<TransferQueries, 'liveStateOf'>;
  logger: Logger;
  metrics: Metrics;
}

/**
 * The transfer, or undefined when there is none, it is another organisation's than the caller
 * acts for (as if it did not exist: it is not even read), or its record cannot be read. An
 * unreadable record (written by hand, or by an older release) is logged with its id and counted,
 * and the view goes on without it: one bad key never takes the HR page or the API down.
 */
async function readTransfer(
  reader: TransferReader,
  organisations: OrganisationScope,
  transferId: string,
): Promise<Transfer | undefined> {
  if (!permitsTransfer(organisations, transferId)) return undefined;
  const stored = await reader.store.read(transferId);
  if (stored.kind === 'found') {
    const { transfer } = stored;
    return { ...transfer, state: transfer.state ?? (await reader.queries.liveStateOf(transferId)) };
  }
  if (stored.kind === 'malformed') {
    reader.logger.error('stored transfer skipped: its record cannot be read', {
      transferId,
      problem: stored.problem,
    });
    reader.metrics.unreadableTransfers.inc();
  }
  return undefined;
}

/**
 * The transfers of a list, in its order; one removed in between (a released claim), unreadable,
 * or of an organisation the caller does not act for is left out.
 */
export async function loadTransfers(
  reader: TransferReader,
  organisations: OrganisationScope,
  ids: readonly string[],
): Promise<Transfer[]> {
  const transfers = await Promise.all(ids.map((id) => readTransfer(reader, organisations, id)));
  return transfers.filter((transfer): transfer is Transfer => transfer !== undefined);
}

/** The summary, the last change, and what the ledger holds as sent (ESR record ids and times). */
async function detailOf(reader: TransferReader, transfer: Transfer): Promise<TransferDetail> {
  const ledger = await reader.store.ledger(transfer.transferId);
  const { updatedAt, esrApplicantId, outstandingRequestedAt } = transfer;
  return { ...summaryOf(transfer), updatedAt, esrApplicantId, outstandingRequestedAt, ledger };
}

/** One transfer as the API answers it (`GET /admin/transfers/{id}`). */
export async function loadDetail(
  reader: TransferReader,
  organisations: OrganisationScope,
  transferId: string,
): Promise<TransferDetail | undefined> {
  const transfer = await readTransfer(reader, organisations, transferId);
  return transfer ? detailOf(reader, transfer) : undefined;
}

/** The detail as a transfer's HR page shows it: also what HR must correct (`problem`), which the API leaves out. */
export type PageDetail = TransferDetail & Pick<Transfer, 'problem'>;

export async function loadPageDetail(
  reader: TransferReader,
  organisations: OrganisationScope,
  transferId: string,
): Promise<PageDetail | undefined> {
  const transfer = await readTransfer(reader, organisations, transferId);
  return transfer ? { ...(await detailOf(reader, transfer)), problem: transfer.problem } : undefined;
}
